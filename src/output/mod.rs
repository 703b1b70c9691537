//! Rendering: turns wire objects into tables, TSV or JSON on stdout. Knows terminals, nothing of HTTP.

pub mod agent;
pub(crate) mod conversation;
pub(crate) mod desk;
pub mod fields;
pub mod jq;
pub(crate) mod json;
pub mod list;
pub mod pager;
pub(crate) mod queue;
pub(crate) mod rows;
pub(crate) mod table;
pub(crate) mod text;
pub(crate) mod time;
pub(crate) mod tsv;
pub mod ui;

use std::io::{BufWriter, Write};

use crate::error::{Error, Result};

/// Settings every view needs, decided once from the context.
#[derive(Clone, Debug)]
pub struct View {
    pub format: OutputFormat,
    /// Pretty JSON (on a terminal) or one compact value a line (in a pipe).
    pub pretty: bool,
    pub width: usize,
    pub now: jiff::Timestamp,
    /// ANSI styles on stdout.
    pub color: bool,
    /// Whole UUIDs in tables whatever the width (`--wide`).
    pub wide: bool,
    /// `--jq`: every JSON document passes through it.
    pub jq: Option<std::rc::Rc<jq::Jq>>,
    /// `--fields`: only these fields of each object, in every format.
    pub fields: Option<std::rc::Rc<fields::Fields>>,
}

impl View {
    /// One JSON document (`get`, `start`, `auth`, `join`, `leave`, `config`), through `--jq` if given.
    pub(crate) fn write_json<W: Write, T: serde::Serialize + ?Sized>(
        &self,
        out: &mut W,
        value: &T,
    ) -> Result<()> {
        match &self.jq {
            Some(jq) => jq.run(value, out),
            None => json::write_value(out, value, self.pretty && self.format == OutputFormat::Json),
        }
    }
}

/// A value every output format can show: the one seam between commands and formats. A command
/// fetches, then hands the value to [`emit`]; it never chooses the format itself.
pub trait Render: serde::Serialize {
    /// For people (`-o table`, the default on a terminal).
    fn human(&self, view: &View) -> Result<String>;
    /// For scripts: TSV lines, no header.
    fn tsv(&self) -> Result<String>;
    /// A collection's elements, each encoded: JSON Lines then has one a line, and a JSON array
    /// one element a line in a pipe. `None` for a single value.
    fn records(&self) -> Result<Option<Vec<Box<serde_json::value::RawValue>>>> {
        Ok(None)
    }
}

/// A collection's elements, each encoded, for [`Render::records`].
pub(crate) fn records_of<T: serde::Serialize>(
    items: &[T],
) -> Result<Option<Vec<Box<serde_json::value::RawValue>>>> {
    let records = items
        .iter()
        .map(|item| serde_json::value::to_raw_value(item).map_err(from_json_error))
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(records))
}

/// Writes `value` in the view's format (JSON through `--jq` when given) and flushes.
pub fn emit<W: Write, T: Render + ?Sized>(out: &mut W, value: &T, view: &View) -> Result<()> {
    if let Some(fields) = &view.fields {
        return emit_fields(out, value, fields, view);
    }
    match (view.format, value.records()?) {
        (OutputFormat::Table, _) => out.write_all(value.human(view)?.as_bytes())?,
        (OutputFormat::Tsv, _) => out.write_all(value.tsv()?.as_bytes())?,
        (OutputFormat::Jsonl, Some(records)) => write_lines(out, &records, view)?,
        (OutputFormat::Json, Some(records)) if view.jq.is_none() => {
            write_array(out, &records, view)?;
        }
        (OutputFormat::Json | OutputFormat::Jsonl, _) => view.write_json(out, value)?,
    }
    out.flush()?;
    Ok(())
}

/// [`emit`] under `--fields`: each object cut down, then shown in the view's format.
fn emit_fields<W: Write, T: Render + ?Sized>(
    out: &mut W,
    value: &T,
    fields: &fields::Fields,
    view: &View,
) -> Result<()> {
    let (selected, list) = match value.records()? {
        Some(records) => (
            records
                .iter()
                .map(|r| fields.select(r))
                .collect::<Result<Vec<_>>>()?,
            true,
        ),
        None => (vec![fields.select(value)?], false),
    };
    match view.format {
        OutputFormat::Table => out.write_all(fields.table(&selected, view.width).as_bytes())?,
        OutputFormat::Tsv => {
            for item in &selected {
                out.write_all(item.tsv().as_bytes())?;
            }
        }
        OutputFormat::Jsonl => write_lines(out, &selected, view)?,
        OutputFormat::Json if list => write_array(out, &selected, view)?,
        OutputFormat::Json => view.write_json(out, &selected[0])?,
    }
    out.flush()?;
    Ok(())
}

/// JSON Lines: one element a line, each through `--jq` when given.
fn write_lines<W: Write, T: serde::Serialize>(out: &mut W, items: &[T], view: &View) -> Result<()> {
    for item in items {
        match &view.jq {
            Some(jq) => jq.run(item, out)?,
            None => json::write_line(out, item)?,
        }
    }
    Ok(())
}

/// A JSON array as every list prints it: one element a line in a pipe, the whole through `--jq`.
pub(crate) fn write_array<W: Write, T: serde::Serialize>(
    out: &mut W,
    items: &[T],
    view: &View,
) -> Result<()> {
    if view.jq.is_some() {
        return view.write_json(out, items);
    }
    let mut array = json::ArrayWriter::new(&mut *out, view.pretty);
    for item in items {
        array.push(item)?;
    }
    array.finish()
}

/// A value whose only text form is one line (a path, a script): that line in a table or TSV, the
/// JSON value in JSON.
#[derive(serde::Serialize)]
#[serde(transparent)]
pub(crate) struct Plain {
    json: serde_json::Value,
    #[serde(skip)]
    text: String,
}

impl Plain {
    pub(crate) fn new<T: serde::Serialize>(json: &T, text: &str) -> Result<Plain> {
        let mut text = text.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let json = serde_json::to_value(json).map_err(from_json_error)?;
        Ok(Plain { json, text })
    }
}

impl Render for Plain {
    fn human(&self, _: &View) -> Result<String> {
        Ok(self.text.clone())
    }
    fn tsv(&self) -> Result<String> {
        Ok(self.text.clone())
    }
}

/// The `--output` formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for people (the default on a terminal)
    Table,
    /// Tab-separated values, no header, full values, RFC 3339 times (the default in a pipe)
    Tsv,
    /// The API's JSON objects (an array for lists)
    Json,
    /// One JSON object per line
    Jsonl,
}

impl OutputFormat {
    pub(crate) fn is_json(self) -> bool {
        matches!(self, OutputFormat::Json | OutputFormat::Jsonl)
    }
}

/// The few styles ucconv uses, switched on or off once from `--color`, `NO_COLOR` and the terminal.
#[derive(Clone, Debug)]
pub(crate) struct Palette {
    pub(crate) heading: console::Style,
    pub(crate) strong: console::Style,
    pub(crate) faint: console::Style,
    pub(crate) alert: console::Style,
    pub(crate) success: console::Style,
}

impl Palette {
    pub(crate) fn new(color: bool) -> Palette {
        let make = |style: console::Style| style.force_styling(color);
        Palette {
            heading: make(console::Style::new().bold()),
            strong: make(console::Style::new().bold()),
            faint: make(console::Style::new().dim()),
            alert: make(console::Style::new().yellow().bold()),
            success: make(console::Style::new().green()),
        }
    }
}

/// A count, or `-` when the server sent none.
pub(crate) fn number_text(value: Option<i64>) -> String {
    value.map_or_else(|| "-".into(), |n| n.to_string())
}

/// Buffered stdout. Write errors become [`Error::BrokenPipe`] when the reader went away (`| head`).
pub(crate) fn stdout() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::new(std::io::stdout().lock())
}

/// Writes a whole text block and flushes it (for output that has no format, like a script).
pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// serde_json wraps I/O errors; unwrap them so a closed pipe is still recognised.
pub(crate) fn from_json_error(error: serde_json::Error) -> Error {
    match error.io_error_kind() {
        Some(kind) => Error::from(std::io::Error::from(kind)),
        None => Error::bad_response(format!("cannot encode JSON: {error}")),
    }
}
