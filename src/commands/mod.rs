//! One module per command, each an `Args` struct and an `async fn run`.

pub mod agents;
pub mod api;
pub mod auth;
pub mod canned;
pub mod completions;
pub mod config;
pub mod context;
pub mod departments;
pub mod follow;
pub mod get;
pub mod join;
pub mod leave;
pub mod list;
pub mod mark_read;
pub mod mcp;
pub mod messages;
pub mod profile;
pub mod queue;
pub mod schema;
pub mod search;
pub mod start;
pub mod status;
pub mod take;
pub mod tree;
pub mod whoami;

use serde::Serialize;

use crate::api::client::{ApiClient, ListQuery};
use crate::api::models::SummaryFields;
use crate::api::plan::DryRun;
use crate::api::wire::SummaryRow;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::ids::{self, Given};
use crate::output::{self, Palette, Render, View, tsv};
use crate::paging::Pager;
use crate::prompt;

/// How many recent conversations the picker offers.
const PICKER_SIZE: u32 = 50;
/// Longer than any conversation UUID (36 characters): a longer argument is a mistake.
const MAX_UUID: usize = 100;

/// The conversation a command acts on: the one given, else (on a terminal) one the person picks
/// from the most recent, else an error naming the argument to pass.
pub(crate) async fn conversation_uuid(
    given: Option<String>,
    command: &str,
    ctx: &Context,
    client: &ApiClient,
) -> Result<String> {
    let uuid = given.map(|u| u.trim().to_string()).unwrap_or_default();
    if uuid.is_empty() {
        if ctx.can_prompt() {
            return pick_conversation(command, ctx, client).await;
        }
        return Err(Error::usage_with_hint(
            format!("`ucconv {command}` needs a conversation UUID"),
            format!("pass it as `ucconv {command} <UUID>`; `ucconv list` shows them"),
        ));
    }
    // `.` and `..` would be resolved away as path segments and address a different endpoint.
    if uuid == "." || uuid == ".." {
        return Err(Error::usage(format!("{uuid:?} is not a conversation UUID")));
    }
    if uuid.len() > MAX_UUID || uuid.chars().any(char::is_control) {
        return Err(Error::usage(format!(
            "that is not a conversation UUID ({} characters; UUIDs have 36)",
            uuid.chars().count()
        )));
    }
    match ids::classify(&uuid) {
        Given::Whole(uuid) => Ok(uuid),
        Given::Prefix(prefix) => resolve_prefix(&prefix, client).await,
    }
}

/// The one recent conversation whose uuid starts with `prefix`. Pages through the most recent
/// (at most [`ids::SEARCH_DEPTH`]) until a page has a match; with none, the prefix is tried as a
/// whole id, so the server has the last word.
async fn resolve_prefix(prefix: &str, client: &ApiClient) -> Result<String> {
    let mut pager = Pager::new(0, Some(ids::SEARCH_DEPTH), false);
    let mut found: Vec<(String, Option<String>)> = Vec::new();
    while let Some(request) = pager.next_request() {
        let query = ListQuery {
            limit: Some(request.limit),
            offset: (request.offset > 0).then_some(request.offset),
            ..ListQuery::default()
        };
        let label = format!("Looking up {prefix}…");
        let page = client.list_conversations(&query, label).await?;
        let rows = pager.accept(page.rows, &page.result_set, SummaryRow::uuid, |_| Ok(true))?;
        for row in &rows {
            let summary = row.read()?;
            let Some(uuid) = summary.uuid() else { continue };
            if !ids::matching(prefix, [uuid]).is_empty() {
                let who = summary
                    .customer()
                    .and_then(|c| c.label().map(str::to_string));
                found.push((uuid.to_string(), who));
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    if found.is_empty() {
        pager.finish()?;
    }
    match found.len() {
        0 => Ok(prefix.to_string()),
        1 => Ok(found.remove(0).0),
        count => {
            let listed: Vec<String> = found
                .iter()
                .take(5)
                .map(|(uuid, who)| match who {
                    Some(who) => format!("{uuid} ({})", output::table::truncate(who, 30)),
                    None => uuid.clone(),
                })
                .collect();
            Err(Error::usage_with_hint(
                format!(
                    "{prefix} matches {count} recent conversations: {}",
                    listed.join(", ")
                ),
                "give more characters of the id, or the whole UUID",
            ))
        }
    }
}

async fn pick_conversation(command: &str, ctx: &Context, client: &ApiClient) -> Result<String> {
    let query = ListQuery {
        limit: Some(PICKER_SIZE),
        ..ListQuery::default()
    };
    let label = "Loading recent conversations…".to_string();
    let page = client.list_conversations(&query, label).await?;
    // Leaving only makes sense where the agent is: the agent's ARN comes from its authorization.
    let me = match command {
        "leave" => Some(client.agent_auth().await?),
        _ => None,
    };
    let my_arn = match &me {
        Some(auth) => auth.read()?.participant_arn(),
        None => None,
    };
    let mut recent = Vec::new();
    for row in &page.rows {
        let summary = row.read()?;
        let mine = || {
            summary
                .participants()
                .iter()
                .any(|p| p.arn() == my_arn && p.left_dts().is_none())
        };
        if summary.uuid().is_some() && (my_arn.is_none() || mine()) {
            recent.push(summary);
        }
    }
    if recent.is_empty() {
        let what = if my_arn.is_some() {
            "you are in no recent conversation to leave"
        } else {
            "there are no conversations to choose from"
        };
        return Err(Error::usage(what));
    }
    let items = output::list::picker_items(&recent, &ctx.view());
    let chosen = prompt::pick(
        &format!("Conversation to {command} (type to filter)"),
        items,
    )
    .await?;
    Ok(recent[chosen].uuid().unwrap_or_default().to_string())
}

/// How a conversation is named in a sentence: the short id tables show, which every command takes.
pub(crate) fn short_id(uuid: &str) -> String {
    uuid.chars().take(output::list::MIN_PREFIX).collect()
}

/// What `join` and `leave` report: `{"conversation_uuid", "action", "ok": true}` in JSON, a
/// sentence for people, `uuid<TAB>action` in TSV.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Outcome<'a> {
    /// The conversation acted on.
    conversation_uuid: &'a str,
    /// What was done: `join`, `leave` or `mark-read`.
    #[schemars(extend("examples" = ["join", "leave", "mark-read"]))]
    action: &'a str,
    /// Always true: a failure is an error on stderr and a non-zero exit instead.
    ok: bool,
    #[serde(skip)]
    sentence: String,
}

impl Render for Outcome<'_> {
    fn human(&self, view: &View) -> Result<String> {
        let check = Palette::new(view.color).success.apply_to("✓");
        Ok(format!("{check} {}\n", self.sentence))
    }

    fn tsv(&self) -> Result<String> {
        Ok(tsv::line(&[self.conversation_uuid, self.action]))
    }
}

pub(crate) fn report_outcome(
    ctx: &Context,
    uuid: &str,
    action: &str,
    sentence: String,
) -> Result<()> {
    let outcome = Outcome {
        conversation_uuid: uuid,
        action,
        ok: true,
        sentence,
    };
    output::emit(&mut output::stdout(), &outcome, &ctx.view())
}

/// The flag of every command that changes something.
#[derive(Clone, Debug, clap::Args)]
pub struct WriteArgs {
    /// Print the request(s) this would send (method, URL, headers with credentials [redacted],
    /// body) as JSON, and send none of them; reads needed to build them are still made
    #[arg(long)]
    pub(crate) dry_run: bool,
}

impl WriteArgs {
    pub(crate) fn mode(&self) -> DryRun {
        match self.dry_run {
            true => DryRun::Writes,
            false => DryRun::Off,
        }
    }
}

/// What `--dry-run` prints: the requests it held back, as records (`--json`: one array;
/// otherwise one object a line), through `--fields` and `--jq` like any other output.
pub fn print_plan(ctx: &Context, requests: Vec<crate::api::plan::PlannedRequest>) -> Result<()> {
    let view = View {
        // Not a table or TSV: a request is only readable as JSON.
        format: match ctx.format {
            output::OutputFormat::Json => output::OutputFormat::Json,
            _ => output::OutputFormat::Jsonl,
        },
        ..ctx.view()
    };
    output::emit(&mut output::stdout(), &Plan(requests), &view)
}

/// The requests of a dry run.
#[derive(Serialize)]
#[serde(transparent)]
struct Plan(Vec<crate::api::plan::PlannedRequest>);

impl Render for Plan {
    fn human(&self, _: &View) -> Result<String> {
        unreachable_format()
    }
    fn tsv(&self) -> Result<String> {
        unreachable_format()
    }
    fn records(&self) -> Result<Option<Vec<Box<serde_json::value::RawValue>>>> {
        output::records_of(&self.0)
    }
}

/// [`print_plan`] only ever asks for JSON.
fn unreachable_format() -> Result<String> {
    Err(Error::usage("a dry run prints JSON only"))
}

/// A bare `--fields`: the fields the command's output has, with their types and descriptions.
pub fn print_fields(ctx: &Context, command: &crate::cli::Command) -> Result<()> {
    let name = ctx.output_name(command);
    let fields = crate::schema::of_objects(name)?;
    let listed = FieldList(
        fields
            .into_iter()
            .map(|f| FieldInfo {
                name: f.name,
                kind: f.kind,
                description: f.description,
            })
            .collect(),
    );
    output::emit(&mut output::stdout(), &listed, &ctx.view())
}

#[derive(Serialize)]
struct FieldInfo {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    description: String,
}

/// What a bare `--fields` prints: a name a line for scripts, a table for people, objects in JSON.
#[derive(Serialize)]
#[serde(transparent)]
struct FieldList(Vec<FieldInfo>);

impl Render for FieldList {
    fn human(&self, view: &View) -> Result<String> {
        const COLUMNS: &[output::table::Column] = &[
            output::table::Column::new("FIELD", 60),
            output::table::Column::new("TYPE", 30).drop(1),
            output::table::Column::new("DESCRIPTION", 200).flex(20),
        ];
        let cells: Vec<Vec<String>> = self
            .0
            .iter()
            .map(|f| vec![f.name.clone(), f.kind.clone(), f.description.clone()])
            .collect();
        Ok(output::table::Table::fit(COLUMNS, &cells, view.width).render(&cells))
    }

    fn tsv(&self) -> Result<String> {
        Ok(self
            .0
            .iter()
            .map(|f| tsv::line(&[f.name.as_str()]))
            .collect())
    }
}
