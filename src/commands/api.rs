//! `ucconv api`: any other operation of the API, authenticated, as `gh api` does for GitHub.

use std::io::{Read, Write};

use reqwest::Method;
use serde_json::{Map, Value};

use crate::api::client::ApiClient;
use crate::api::models::Object;
use crate::api::raw;
use crate::api::wire::{Document, Root};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::{self, OutputFormat, json};
use crate::paging::Pager;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv api /conversation/engagements --paginate --jq '.[].engagement_name'
  ucconv api /conversation/conversations/queues/statuses --jq '.queue_statuses[] | {queue_name, customer_waiting_count}'
  ucconv api /conversation/pbx/agent -i                           # a PBX read, with the status line and headers
  ucconv api -X POST /conversation/engagements -f engagement_name=Welcome -F time_on_page=30
  ucconv api -X DELETE /conversation/engagements/12
  ucconv api -X PUT /conversation/agent/profile --input profile.json

PATH is relative to the base URL (a leading /rest/v2 is accepted); an absolute URL must be on the
base URL's host, or it is refused, so the credentials never go elsewhere. Requests carry the same
credentials, version and Accept headers as every command, are logged by -v the same way, and are
retried after a 429 or a failed connection (after a 5xx too for GET, PUT, DELETE). -f and -F build
a JSON body, or query parameters for GET and DELETE. --paginate follows _limit/_offset with
metadata.result_set and prints the payload arrays of every page as one JSON array (or JSON Lines
with -o jsonl).")]
pub struct Args {
    /// The path, e.g. /conversation/engagements
    pub(crate) path: String,

    /// The HTTP method [default: GET, or POST when -f, -F or --input is given]
    #[arg(short = 'X', long, value_name = "METHOD")]
    pub(crate) method: Option<String>,

    /// A string field: key=value (repeat for several)
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE")]
    pub(crate) raw_fields: Vec<String>,

    /// A typed field: numbers, true/false and null as such, @FILE for a file's contents (repeat)
    // Its id is not `fields`: that is the global --fields.
    #[arg(
        id = "typed_fields",
        short = 'F',
        long = "field",
        value_name = "KEY=VALUE"
    )]
    pub(crate) fields: Vec<String>,

    /// Send this file (- for stdin) as the body, as it is
    #[arg(long, value_name = "FILE", conflicts_with_all = ["raw_fields", "typed_fields"])]
    pub(crate) input: Option<String>,

    /// A header: 'Name: value' (repeat); never one that would replace the credentials
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub(crate) headers: Vec<String>,

    /// Follow _limit/_offset paging and print every page's payload as one array
    #[arg(long)]
    pub(crate) paginate: bool,

    /// Print the request (method, URL, headers with credentials [redacted], body) as JSON
    /// instead of sending it, whatever the method
    #[arg(long)]
    pub(crate) dry_run: bool,

    /// Print the status line and the response headers on stderr
    #[arg(short = 'i', long)]
    pub(crate) include: bool,
}

/// `key=value` pairs: `-f` strings, `-F` typed (`12`, `1.5`, `true`, `false`, `null`, `@file`).
pub(crate) fn build_fields(raw: &[String], typed: &[String]) -> Result<Map<String, Value>> {
    let split = |pair: &String| -> Result<(String, String)> {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| Error::usage(format!("{pair:?} is not KEY=VALUE")))?;
        if key.is_empty() {
            return Err(Error::usage(format!("{pair:?} has no key")));
        }
        Ok((key.to_string(), value.to_string()))
    };
    let mut map = Map::new();
    for pair in raw {
        let (key, value) = split(pair)?;
        map.insert(key, Value::String(value));
    }
    for pair in typed {
        let (key, value) = split(pair)?;
        let value = match value.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            text if text.starts_with('@') => {
                let path = &text[1..];
                let contents = std::fs::read_to_string(path)
                    .map_err(|e| Error::usage(format!("-F {key}=@{path}: {e}")))?;
                Value::String(contents)
            }
            text => serde_json::from_str::<serde_json::Number>(text)
                .map(Value::Number)
                .unwrap_or_else(|_| Value::String(text.to_string())),
        };
        map.insert(key, value);
    }
    Ok(map)
}

fn read_input(input: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(input).map_err(|e| Error::usage(format!("--input {input}: {e}")))?;
    }
    Ok(bytes)
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    let fields = build_fields(&args.raw_fields, &args.fields)?;
    let has_body = !fields.is_empty() || args.input.is_some();
    let method = match &args.method {
        Some(text) => Method::from_bytes(text.trim().to_ascii_uppercase().as_bytes())
            .map_err(|_| Error::usage(format!("-X {text:?} is not an HTTP method")))?,
        None if has_body => Method::POST,
        None => Method::GET,
    };
    let in_query = matches!(method, Method::GET | Method::DELETE | Method::HEAD);
    let mut url = client.resolve(&args.path)?;
    let body = match &args.input {
        Some(input) => Some(read_input(input)?),
        None if in_query || fields.is_empty() => None,
        None => Some(serde_json::to_vec(&fields).map_err(|e| Error::usage(e.to_string()))?),
    };
    if in_query && !fields.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for (key, value) in &fields {
            let text = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            pairs.append_pair(key, &text);
        }
    }
    let headers = raw::headers(&args.headers)?;
    if args.paginate {
        return paginate(ctx, client, method, url, headers).await;
    }
    let answer = client.raw(method, url, body, headers.clone()).await?;
    if args.include {
        include(ctx, &answer);
    }
    let mut out = output::stdout();
    if answer.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    match Root::parse(answer.body.as_slice()) {
        // JSON: laid out like every command's, through --jq when given.
        Ok(root) => {
            let document: Document<Object> = root.whole()?;
            let view = ctx.view();
            match &ctx.jq {
                Some(jq) => jq.run(&document, &mut out)?,
                None => json::write_value(&mut out, &document, view.pretty)?,
            }
        }
        // Anything else (an array, plain text) as it came.
        Err(_) => out.write_all(&answer.body)?,
    }
    out.flush()?;
    Ok(())
}

fn include(ctx: &Context, answer: &crate::api::transport::Answer) {
    ctx.ui.log(&format!("HTTP {}", answer.status));
    for (name, value) in &answer.headers {
        ctx.ui.log(&format!(
            "{name}: {}",
            String::from_utf8_lossy(value.as_bytes())
        ));
    }
}

/// `--paginate`: page after page, each page's payload array streamed as one array, with the same
/// guards as `list --all` (a server whose paging does not advance ends it with exit code 8).
async fn paginate(
    ctx: &Context,
    client: &ApiClient,
    method: Method,
    url: reqwest::Url,
    headers: reqwest::header::HeaderMap,
) -> Result<()> {
    let mut pager = Pager::new(0, None, false);
    let mut out = output::stdout();
    let jsonl = ctx.format == OutputFormat::Jsonl;
    let mut array = (!jsonl && ctx.jq.is_none())
        .then(|| json::ArrayWriter::new(output::stdout(), ctx.view().pretty));
    let mut collected: Vec<Document<Object>> = Vec::new();
    while let Some(page) = pager.next_request() {
        let mut page_url = url.clone();
        page_url
            .query_pairs_mut()
            .append_pair("_limit", &page.limit.to_string())
            .append_pair("_offset", &page.offset.to_string());
        let answer = client
            .raw(method.clone(), page_url, None, headers.clone())
            .await?;
        let root = Root::parse(answer.body)?;
        root.check_success(answer.status.as_u16())?;
        let key = root.array_payload().ok_or_else(|| {
            Error::bad_response("the answer has no array to page through (is this a list?)")
        })?;
        let rows: Vec<Document<Object>> = root.list(&key)?;
        let result_set = root.result_set();
        let id = |row: &Document<Object>| Some(row.text().to_string());
        for row in pager.accept(rows, &result_set, id, |_| Ok(true))? {
            match (&mut array, jsonl, &ctx.jq) {
                (Some(array), _, _) => array.push(&row)?,
                (None, true, Some(jq)) => jq.run(&row, &mut out)?,
                (None, true, None) => json::write_line(&mut out, &row)?,
                (None, false, _) => collected.push(row),
            }
        }
        out.flush()?;
        if let Some(array) = &mut array {
            array.flush()?;
        }
    }
    pager.finish()?;
    if let Some(array) = array {
        array.finish()?;
    } else if let (false, Some(jq)) = (jsonl, &ctx.jq) {
        jq.run(&collected, &mut out)?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_strings_or_typed() {
        let raw = vec!["name=Ava".to_string(), "n=12".to_string()];
        let typed = vec![
            "count=12".into(),
            "ratio=1.5".into(),
            "on=true".into(),
            "gone=null".into(),
            "word=hello".into(),
        ];
        let map = build_fields(&raw, &typed).unwrap();
        assert_eq!(
            Value::Object(map),
            serde_json::json!({"name": "Ava", "n": "12", "count": 12, "ratio": 1.5, "on": true, "gone": null, "word": "hello"})
        );
        assert!(build_fields(&["novalue".into()], &[]).is_err());
        assert!(build_fields(&[], &["=x".into()]).is_err());
    }
}
