//! `ucconv follow`: stream what is new, one conversation's messages or every conversation's
//! changes and the customers who start waiting, polling until Ctrl-C, `--count` or `--timeout-total`.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use crate::api::client::{ApiClient, ListQuery};
use crate::api::models::{Object, SummaryFields};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::follow::{Cursor, Event, REMEMBERED, Recent, signature};
use crate::output::{self, OutputFormat, conversation, json, table, time, tsv};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  ucconv follow 7e5ba615                       # the last 10 messages, then each new one
  ucconv follow                                # conversations as they change, customers as they wait
  ucconv follow --queues -o jsonl              # and the queue board's changes, as JSON lines
  ucconv follow 7e5ba615 --exec 'notify-send ucconv'     # a command per event, the event on stdin
  ucconv follow --cursor-file ~/.ucconv-cursor --count 20

Events (JSON, one a line): {\"event\": \"message\" | \"conversation\" | \"participant_joined\" |
\"participant_left\" | \"queue_waiting\" | \"queue\", \"at\": RFC 3339, \"conversation_uuid\": …,
…the API object's fields}.

It polls every --interval seconds, never two polls at once, and waits longer when rate limited.
Ctrl-C ends it with exit code 130; --count and --timeout-total end it with 0.")]
pub struct Args {
    /// The conversation to follow [default: all of them]
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::complete::conversations))]
    pub(crate) uuid: Option<String>,

    /// How many of the conversation's messages to show first
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub(crate) tail: usize,

    /// Seconds between polls
    #[arg(long, value_name = "SECS", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub(crate) interval: u64,

    /// Without a conversation: the queue board's changes too (waiting and agent counts)
    #[arg(long)]
    pub(crate) queues: bool,

    /// Stop after this many seconds (exit 0)
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) timeout_total: Option<u64>,

    /// Stop after this many events (exit 0)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) count: Option<u64>,

    /// Run this command for each event, the event's JSON on its stdin (no shell unless you write
    /// one: --exec 'sh -c …'); its failure is reported, never fatal
    #[arg(long, value_name = "CMD")]
    pub(crate) exec: Option<String>,

    /// Record where the follow got to in FILE, and resume from it: a restarted follow neither
    /// repeats nor misses events
    #[arg(long, value_name = "FILE")]
    pub(crate) cursor_file: Option<PathBuf>,
}

/// Prints events as they come, and keeps count.
struct Printer<'a> {
    ctx: &'a Context,
    args: &'a Args,
    exec: Option<Vec<String>>,
    cursor: Cursor,
    printed: u64,
}

impl Printer<'_> {
    /// Prints one event; `Ok(false)` once `--count` is reached.
    fn print(&mut self, event: &Event) -> Result<bool> {
        let mut out = output::stdout();
        let record = event.json()?;
        match (self.ctx.format, &self.ctx.fields) {
            // --fields: the fields asked for, as one TSV line or one JSON object, as they happen.
            (OutputFormat::Json | OutputFormat::Jsonl, Some(fields)) => {
                let selected = fields.select(&record)?;
                match &self.ctx.jq {
                    Some(jq) => jq.run(&selected, &mut out)?,
                    None => json::write_line(&mut out, &selected)?,
                }
            }
            (_, Some(fields)) => out.write_all(fields.select(&record)?.tsv().as_bytes())?,
            (OutputFormat::Table, None) => out.write_all(event.text.as_bytes())?,
            (OutputFormat::Tsv, None) => {
                let at = event.at_text();
                let uuid = event.conversation_uuid.as_deref().unwrap_or_default();
                out.write_all(tsv::line(&[event.kind, &at, uuid, &event.summary]).as_bytes())?;
            }
            (OutputFormat::Json | OutputFormat::Jsonl, None) => match &self.ctx.jq {
                Some(jq) => jq.run(&record, &mut out)?,
                None => json::write_line(&mut out, &record)?,
            },
        }
        out.flush()?;
        if let Some(argv) = &self.exec {
            run_exec(self.ctx, argv, &record);
        }
        if let Some(path) = &self.args.cursor_file {
            self.cursor.advance(event.at, &event.id);
            self.cursor.save(path)?;
        }
        self.printed += 1;
        Ok(self.args.count.is_none_or(|count| self.printed < count))
    }
}

fn millis_of(dts: Option<&str>) -> i64 {
    dts.and_then(time::parse).map_or(0, |t| t.as_millisecond())
}

/// Runs `--exec` with the event on stdin; a failure is a warning, and the follow goes on.
fn run_exec(ctx: &Context, argv: &[String], record: &crate::api::wire::Document<Object>) {
    let Some((program, rest)) = argv.split_first() else {
        return;
    };
    let spawned = std::process::Command::new(program)
        .args(rest)
        .stdin(std::process::Stdio::piped())
        .spawn();
    let outcome = spawned.and_then(|mut child| {
        if let Some(mut stdin) = child.stdin.take() {
            let _ = json::write_line(&mut stdin, record);
        }
        child.wait()
    });
    match outcome {
        Ok(status) if status.success() => {}
        Ok(status) => ctx.ui.warn(&format!("--exec {program} failed ({status})")),
        Err(error) => ctx
            .ui
            .warn(&format!("--exec {program} could not run: {error}")),
    }
}

pub async fn run(args: Args, ctx: &Context, client: &ApiClient) -> Result<()> {
    // The stream owns the screen: a spinner under it on every poll would only flicker.
    ctx.ui.stop_spinners();
    if ctx.format == OutputFormat::Table && ctx.terminal.stdout_is_tty {
        let what = match &args.uuid {
            Some(given) => format!("Following {}", given.trim()),
            None => "Watching conversations and queues".to_string(),
        };
        ctx.ui
            .notice(&format!("{what} every {}s; Ctrl-C stops.", args.interval));
    }
    let exec = match &args.exec {
        Some(command) => Some(
            shlex::split(command)
                .filter(|argv| !argv.is_empty())
                .ok_or_else(|| Error::usage(format!("--exec {command:?} is not a command")))?,
        ),
        None => None,
    };
    let cursor = match &args.cursor_file {
        Some(path) => Cursor::load(path)?,
        None => None,
    };
    let resumed = cursor.is_some();
    let mut printer = Printer {
        ctx,
        args: &args,
        exec,
        cursor: cursor.unwrap_or_default(),
        printed: 0,
    };
    let work = async {
        match args.uuid.clone() {
            Some(given) => {
                let uuid = super::conversation_uuid(Some(given), "follow", ctx, client).await?;
                follow_one(&uuid, resumed, &mut printer, client).await
            }
            None => follow_all(resumed, &mut printer, client).await,
        }
    };
    match args.timeout_total {
        Some(seconds) => match tokio::time::timeout(Duration::from_secs(seconds), work).await {
            Ok(result) => result,
            Err(_) => Ok(()),
        },
        None => work.await,
    }
}

fn message_event(
    uuid: &str,
    message: &crate::api::wire::Document<crate::api::models::ConversationMessage>,
    view: &output::View,
) -> Result<Event> {
    let m = message.read()?;
    Ok(Event {
        kind: "message",
        at: m.epoch().unwrap_or_else(|| millis_of(m.message_dts())),
        conversation_uuid: Some(uuid.to_string()),
        id: m.uuid().unwrap_or_default().to_string(),
        object: message.cast(),
        text: conversation::message_text(m, view),
        summary: format!(
            "{}: {}",
            m.author_name().unwrap_or("unknown"),
            m.body().unwrap_or_default()
        ),
    })
}

/// What a message says, when and from whom: the same message under another uuid is no news.
fn content_key(
    message: &crate::api::wire::Document<crate::api::models::ConversationMessage>,
) -> Result<String> {
    let m = message.read()?;
    Ok(format!(
        "{}:{}:{}",
        m.epoch().unwrap_or_else(|| millis_of(m.message_dts())),
        m.author_arn().unwrap_or_default(),
        m.body().unwrap_or_default()
    ))
}

/// One conversation: the transcript so far, then new messages and who joins or leaves.
async fn follow_one(
    uuid: &str,
    resumed: bool,
    printer: &mut Printer<'_>,
    client: &ApiClient,
) -> Result<()> {
    let view = printer.ctx.view();
    let interval = Duration::from_secs(printer.args.interval);
    let mut seen = Recent::new(REMEMBERED);
    let mut newest = printer.cursor.at;
    let all = client.messages_since(uuid, newest, None).await?;
    let mut first = Vec::new();
    for message in &all {
        seen.insert(&content_key(message)?);
        first.push(message_event(uuid, message, &view)?);
    }
    first.sort_by_key(|e| e.at);
    let start = if resumed {
        0
    } else {
        first.len().saturating_sub(printer.args.tail)
    };
    for (index, event) in first.into_iter().enumerate() {
        newest = newest.max(event.at);
        seen.insert(&event.id);
        let shown = index >= start && (!resumed || printer.cursor.is_after(event.at, &event.id));
        if shown && !printer.print(&event)? {
            return Ok(());
        }
    }
    let mut people = participants(uuid, client).await?;
    loop {
        tokio::time::sleep(interval).await;
        let mut events = Vec::new();
        // Asked from the newest message seen, inclusive, so a message sent in that same
        // millisecond is not missed; the ones already shown are dropped by uuid.
        let since = newest;
        for message in client.messages_since(uuid, since, None).await? {
            let event = message_event(uuid, &message, &view)?;
            // A server that ignores `since` sends older messages again; one that renames its
            // messages sends the same message under a new uuid. Neither is news.
            let content = content_key(&message)?;
            let repeat = event.at < since || (event.at == since && !seen.insert(&content));
            if !repeat && seen.insert(&event.id) {
                seen.insert(&content);
                newest = newest.max(event.at);
                events.push(event);
            }
        }
        let now = participants(uuid, client).await?;
        events.extend(participant_changes(uuid, &people, &now, &view));
        people = now;
        events.sort_by_key(|e| e.at);
        for event in events {
            if !printer.print(&event)? {
                return Ok(());
            }
        }
    }
}

type People = HashMap<String, (bool, crate::api::wire::Document<Object>)>;

/// The participants by ARN, each with whether they have left.
async fn participants(uuid: &str, client: &ApiClient) -> Result<People> {
    let conversation = client.get_conversation(uuid, Some(1)).await?;
    let mut people = HashMap::new();
    for participant in conversation.list::<Object>("participants")? {
        let p = crate::api::models::ConversationParticipant(participant.read()?.clone());
        if let Some(arn) = p.arn() {
            people.insert(
                arn.to_string(),
                (p.left_dts().is_some(), participant.clone()),
            );
        }
    }
    Ok(people)
}

fn participant_changes(
    uuid: &str,
    before: &People,
    now: &People,
    view: &output::View,
) -> Vec<Event> {
    let mut events = Vec::new();
    for (arn, (left, document)) in now {
        let Ok(object) = document.read() else {
            continue;
        };
        let p = crate::api::models::ConversationParticipant(object.clone());
        let name = table::truncate(p.name().unwrap_or(arn), 60);
        let (kind, verb, at) = match (before.get(arn), *left) {
            (None, false) | (Some((true, _)), false) => {
                ("participant_joined", "joined", p.joined_dts())
            }
            (Some((false, _)), true) => ("participant_left", "left", p.left_dts()),
            _ => continue,
        };
        let at_ms = millis_of(at);
        let line = format!("{}  · {name} {verb}", time::local_text(at));
        let palette = output::Palette::new(view.color);
        events.push(Event {
            kind,
            at: at_ms,
            conversation_uuid: Some(uuid.to_string()),
            id: format!("{kind}:{arn}:{at_ms}"),
            object: document.clone(),
            text: format!(
                "{}\n",
                palette.faint.apply_to(table::truncate(&line, view.width))
            ),
            summary: format!("{name} {verb}"),
        });
    }
    events
}

/// Every conversation: a line for each that is new or whose last message changed, and for each
/// customer who starts waiting; with `--queues`, for each queue whose counts change.
async fn follow_all(resumed: bool, printer: &mut Printer<'_>, client: &ApiClient) -> Result<()> {
    let view = printer.ctx.view();
    let interval = Duration::from_secs(printer.args.interval);
    let query = ListQuery {
        limit: Some(50),
        ..ListQuery::default()
    };
    let mut known: HashMap<String, String> = HashMap::new();
    let mut waiting: HashSet<String> = HashSet::new();
    let mut boards: HashMap<String, String> = HashMap::new();
    // The first poll only learns what is there; after a restart it shows what came after the cursor.
    let mut first = true;
    loop {
        let fresh_if = |changed: bool, at: i64, id: &str| match (first, resumed) {
            (true, false) => false,
            (true, true) => printer.cursor.is_after(at, id),
            (false, _) => changed,
        };
        let mut events = Vec::new();
        let page = client.list_conversations(&query, String::new()).await?;
        let mut now_known = HashMap::new();
        for row in &page.rows {
            let s = row.read()?;
            let Some(uuid) = s.uuid() else { continue };
            let sig = signature(s.last_activity(), s.message_count());
            let changed = known.get(uuid) != Some(&sig);
            let at = millis_of(s.last_activity());
            let id = format!("{uuid}:{sig}");
            if fresh_if(changed, at, &id) {
                let who = s
                    .customer()
                    .and_then(|c| c.label().map(str::to_string))
                    .unwrap_or_else(|| "-".into());
                let said = s.last_message_body().unwrap_or_default();
                let line = format!(
                    "{}  {}  {who}: {said}",
                    time::local_text(s.last_activity()),
                    super::short_id(uuid)
                );
                events.push(Event {
                    kind: "conversation",
                    at,
                    conversation_uuid: Some(uuid.to_string()),
                    id,
                    object: row.cast(),
                    text: format!("{}\n", table::truncate(&line, view.width)),
                    summary: line,
                });
            }
            now_known.insert(uuid.to_string(), sig);
        }
        known = now_known;
        let queues = client.queue_statuses().await?;
        let mut now_waiting = HashSet::new();
        for entry in super::queue::waiting(&queues)? {
            let e = entry.read()?;
            let Some(id) = e.uuid() else { continue };
            now_waiting.insert(id.to_string());
            if fresh_if(!waiting.contains(id), millis_of(e.join_dts()), id) {
                let line = format!(
                    "{} {} is waiting in {} (ucconv take {}): {}",
                    time::local_text(e.join_dts()),
                    e.name().unwrap_or("someone"),
                    e.queue_name().unwrap_or("a queue"),
                    super::short_id(id),
                    e.question().unwrap_or_default()
                );
                events.push(Event {
                    kind: "queue_waiting",
                    at: millis_of(e.join_dts()),
                    conversation_uuid: None,
                    id: id.to_string(),
                    object: entry.cast(),
                    text: format!("{}\n", table::truncate(&line, view.width)),
                    summary: line,
                });
            }
        }
        waiting = now_waiting;
        if printer.args.queues {
            for queue in &queues {
                let q = queue.read()?;
                let name = q.name().unwrap_or_default().to_string();
                let counts = format!(
                    "{} waiting, agents {}/{}/{}",
                    output::number_text(q.waiting_count()),
                    output::number_text(q.agents_available()),
                    output::number_text(q.agents_busy()),
                    output::number_text(q.agents_unavailable())
                );
                if !first && boards.get(&name) != Some(&counts) {
                    let now = printer.ctx.now.as_millisecond();
                    events.push(Event {
                        kind: "queue",
                        at: now,
                        conversation_uuid: None,
                        id: format!("{name}:{counts}"),
                        object: queue.cast(),
                        text: format!(
                            "{}\n",
                            table::truncate(&format!("{name}: {counts}"), view.width)
                        ),
                        summary: format!("{name}: {counts}"),
                    });
                }
                boards.insert(name, counts);
            }
        }
        events.sort_by_key(|e| e.at);
        for event in events {
            if !printer.print(&event)? {
                return Ok(());
            }
        }
        first = false;
        tokio::time::sleep(interval).await;
    }
}
