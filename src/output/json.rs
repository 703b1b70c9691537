//! JSON on stdout: single values, streamed arrays, JSON Lines; and the machine-readable error object.

use std::io::Write;

use serde::Serialize;
use serde_json::json;

use super::from_json_error;
use crate::error::{Error, Result};

/// Raw JSON text (kept verbatim from the server) is copied as it is, even by the pretty printer:
/// going through a tree first lets it be indented like everything else.
fn as_tree<T: Serialize + ?Sized>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(from_json_error)
}

/// Pretty on a terminal, compact in a pipe; always newline-terminated.
pub fn write_value<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
    pretty: bool,
) -> Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &as_tree(value)?).map_err(from_json_error)?;
    } else {
        serde_json::to_writer(&mut *out, value).map_err(from_json_error)?;
    }
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes a JSON array one element at a time, so a long list streams instead of piling up.
/// In a pipe each element sits on its own line; the array is valid JSON once `finish` runs.
pub struct ArrayWriter<W: Write> {
    out: W,
    pretty: bool,
    started: bool,
}

impl<W: Write> ArrayWriter<W> {
    pub fn new(out: W, pretty: bool) -> Self {
        ArrayWriter {
            out,
            pretty,
            started: false,
        }
    }

    pub fn push<T: Serialize>(&mut self, item: &T) -> Result<()> {
        self.out
            .write_all(if self.started { b",\n" } else { b"[\n" })?;
        self.started = true;
        if self.pretty {
            let text = serde_json::to_string_pretty(&as_tree(item)?).map_err(from_json_error)?;
            for (index, line) in text.lines().enumerate() {
                if index > 0 {
                    self.out.write_all(b"\n")?;
                }
                write!(self.out, "  {line}")?;
            }
        } else {
            serde_json::to_writer(&mut self.out, item).map_err(from_json_error)?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.out
            .write_all(if self.started { b"\n]\n" } else { b"[]\n" })?;
        self.out.flush()?;
        Ok(())
    }
}

/// `{"error":{"code","status","message","hint"}}`, the error shape for JSON output (on stderr).
pub fn error_object(error: &Error) -> serde_json::Value {
    json!({
        "error": {
            "code": error.code(),
            "status": error.status(),
            "message": error.to_string(),
            "hint": error.hint(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn array(items: &[serde_json::Value], pretty: bool) -> String {
        let mut buffer = Vec::new();
        let mut writer = ArrayWriter::new(&mut buffer, pretty);
        for item in items {
            writer.push(item).unwrap();
        }
        writer.finish().unwrap();
        String::from_utf8(buffer).unwrap()
    }

    #[test]
    fn arrays_are_valid_json_in_both_styles() {
        let items = [json!({"a": 1}), json!({"b": [2, 3]})];
        for pretty in [false, true] {
            let text = array(&items, pretty);
            let parsed: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
            assert_eq!(parsed, items);
        }
        assert_eq!(array(&items, false), "[\n{\"a\":1},\n{\"b\":[2,3]}\n]\n");
        assert_eq!(array(&[], false), "[]\n");
    }
}
