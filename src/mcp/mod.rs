//! `ucconv mcp`: a Model Context Protocol server on stdio, one tool per ucconv operation.
//!
//! rmcp runs the protocol on tasks of its own, which must be `Send`; the API client's answers
//! are not (a `Document` parses lazily). So the handler only forwards each call, over a channel,
//! to the loop in [`serve`], which runs it with the command's context and client, one at a time.

mod catalog;
mod cursor;
mod inputs;
mod reads;
pub(crate) mod tools;
mod writes;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    JsonObject, ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler, ServiceExt};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};

use self::cursor::Cursor;
use self::inputs::ConversationInput;
use self::tools::Spec;
use crate::api::client::ApiClient;
use crate::api::models::Object;
use crate::api::wire::Document;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::text;

const INSTRUCTIONS: &str = "ucconv: UltraCart's Conversation API (support chats over SMS and webchat). \
Conversations are named by conversation_uuid; a unique prefix of 6 or more characters also works. \
Lists return {items, next_cursor}: pass next_cursor back as cursor for more. \
Errors carry {error: {code, status, message, hint}}; the hint says what to do next.";

/// One call for the loop in [`serve`] to run, and where its result goes.
struct Job {
    name: &'static str,
    arguments: JsonObject,
    reply: oneshot::Sender<CallToolResult>,
}

struct Server {
    tools: Vec<(&'static Spec, Tool)>,
    jobs: mpsc::Sender<Job>,
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(
                Implementation::new("ucconv", env!("CARGO_PKG_VERSION"))
                    .with_title("ucconv: UltraCart conversations"),
            )
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _: Option<PaginatedRequestParams>,
        _: RequestContext<RoleServer>,
    ) -> std::result::Result<ListToolsResult, McpError> {
        let tools = self.tools.iter().map(|(_, tool)| tool.clone()).collect();
        Ok(ListToolsResult::with_all_items(tools))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResponse, McpError> {
        // A tool this run does not offer (a write without --allow-writes) is unknown, as MCP
        // says of any name tools/list did not give.
        let Some((spec, tool)) = self
            .tools
            .iter()
            .find(|(spec, _)| spec.name == request.name)
        else {
            let offered: Vec<&str> = self.tools.iter().map(|(spec, _)| spec.name).collect();
            return Err(McpError::invalid_params(
                format!(
                    "unknown tool {:?}; this server offers: {}",
                    request.name,
                    offered.join(", ")
                ),
                None,
            ));
        };
        let arguments = request.arguments.unwrap_or_default();
        let unknown = tools::unknown_arguments(&tool.input_schema, &arguments);
        if !unknown.is_empty() {
            let error = Error::usage_with_hint(
                format!("{} takes no argument {}", spec.name, unknown.join(", ")),
                "tools/list gives each tool's input schema",
            );
            return Ok(failure(&error).into());
        }
        let (reply, result) = oneshot::channel();
        let job = Job {
            name: spec.name,
            arguments,
            reply,
        };
        let gone = || McpError::internal_error("the server is shutting down", None);
        self.jobs.send(job).await.map_err(|_| gone())?;
        Ok(result.await.map_err(|_| gone())?.into())
    }
}

/// Serves `specs` on stdin/stdout until the client closes the connection.
pub(crate) async fn serve(
    specs: Vec<&'static Spec>,
    ctx: &Context,
    client: &ApiClient,
) -> Result<()> {
    let tools = specs
        .into_iter()
        .map(|spec| Ok((spec, spec.tool()?)))
        .collect::<Result<Vec<_>>>()?;
    let (jobs, mut queue) = mpsc::channel(16);
    let running = Server { tools, jobs }
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|error| Error::Io(std::io::Error::other(format!("MCP start-up: {error}"))))?;
    let finished = running.waiting();
    tokio::pin!(finished);
    loop {
        tokio::select! {
            _ = &mut finished => return Ok(()),
            job = queue.recv() => {
                let Some(job) = job else { return Ok(()) };
                let result = match call(job.name, job.arguments, ctx, client).await {
                    Ok(value) => CallToolResult::structured(value),
                    Err(error) => {
                        ctx.ui.notice(&format!("{}: {error}", job.name));
                        failure(&error)
                    }
                };
                // A client that cancelled the call no longer waits for it.
                let _ = job.reply.send(result);
            }
        }
    }
}

fn parse<T: DeserializeOwned>(tool: &str, arguments: JsonObject) -> Result<T> {
    serde_json::from_value(Value::Object(arguments)).map_err(|error| {
        Error::usage_with_hint(
            format!("invalid arguments for {tool}: {error}"),
            "tools/list gives each tool's input schema",
        )
    })
}

async fn call(
    name: &str,
    arguments: JsonObject,
    ctx: &Context,
    client: &ApiClient,
) -> Result<Value> {
    match name {
        "list" => reads::list(parse(name, arguments)?, ctx, client).await,
        "get" => reads::get(parse(name, arguments)?, ctx, client).await,
        "messages" => reads::messages(parse(name, arguments)?, ctx, client).await,
        "search" => reads::search(parse(name, arguments)?, ctx, client).await,
        "queue" => reads::queue(parse(name, arguments)?, client).await,
        "context" => reads::context(parse(name, arguments)?, ctx, client).await,
        "canned" => reads::canned(parse(name, arguments)?, client).await,
        "agents" => reads::agents(parse(name, arguments)?, client).await,
        "departments" => reads::departments(parse(name, arguments)?, client).await,
        "whoami" => reads::whoami(ctx, client).await,
        "profile" => reads::profile(client).await,
        "join" => writes::join(parse(name, arguments)?, ctx, client).await,
        "leave" => writes::leave(parse(name, arguments)?, ctx, client).await,
        "mark_read" => writes::mark_read(parse(name, arguments)?, ctx, client).await,
        "start" => writes::start(parse(name, arguments)?, client).await,
        "take" => writes::take(parse(name, arguments)?, ctx, client).await,
        "status" => writes::status(parse(name, arguments)?, client).await,
        "profile_set" => writes::profile_set(parse(name, arguments)?, client).await,
        other => Err(Error::usage(format!("no tool {other}"))),
    }
}

/// The conversation meant, resolved as the commands resolve it. A blank uuid is refused here:
/// given none, the commands' resolver would offer a picker, and nothing may prompt.
async fn conversation(
    input: ConversationInput,
    command: &str,
    ctx: &Context,
    client: &ApiClient,
) -> Result<String> {
    let uuid = input.uuid.trim().to_string();
    if uuid.is_empty() {
        return Err(Error::usage_with_hint(
            format!("{command} needs a conversation uuid"),
            "the list tool gives each conversation's conversation_uuid",
        ));
    }
    crate::commands::conversation_uuid(Some(uuid), command, ctx, client).await
}

/// An API object as the server sent it (its own text, numbers included).
fn object<T: From<Object>>(document: &Document<T>) -> Result<Value> {
    serde_json::from_str(document.text()).map_err(|error| {
        Error::bad_response(format!(
            "an object in the server's answer cannot be read: {error}"
        ))
    })
}

/// `{"items": […], "next_cursor": "…" | null}`: MCP's structured content must be an object.
fn listing<T: From<Object>>(items: &[Document<T>], next: Option<Cursor>) -> Result<Value> {
    let items = items.iter().map(object).collect::<Result<Vec<_>>>()?;
    Ok(json!({"items": items, "next_cursor": next.map(|c| c.encode())}))
}

/// A failed call as a tool result (not a protocol error), so the model reads it: the CLI's JSON
/// error object, with the same stable code, status and hint.
fn failure(error: &Error) -> CallToolResult {
    let message = error.to_string();
    let object = json!({
        "error": {
            "code": error.code(),
            "status": error.status(),
            "message": text::one_line(&message),
            "hint": error.hint().as_deref().map(text::one_line),
        }
    });
    let mut result = CallToolResult::error(vec![ContentBlock::text(object.to_string())]);
    result.structured_content = Some(object);
    result
}
