//! JSON on stdout: single values and streamed arrays, compact or pretty, the server's text kept.
//!
//! Values are encoded compactly by serde_json, which copies the server's raw text untouched, and
//! then laid out by [`layout`], which only moves white space. Going through a parsed tree instead
//! would rewrite numbers (`1e400` becomes `1e+400`), and numbers are documented to keep their text.

use std::io::Write;

use serde::Serialize;

use super::from_json_error;
use crate::api::wire::StringTracker;
use crate::error::Result;

fn indent(out: &mut Vec<u8>, depth: usize) {
    out.push(b'\n');
    out.resize(out.len() + 2 * depth, b' ');
}

/// Lays out JSON text: compact on one line (`pretty: false`), or indented by two spaces as
/// serde_json's pretty printer does, starting `depth` levels in. Strings are copied byte for byte.
pub(crate) fn layout(text: &[u8], pretty: bool, depth: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 4);
    let mut strings = StringTracker::default();
    let mut depth = depth;
    let mut bytes = text.iter().copied().peekable();
    while let Some(byte) = bytes.next() {
        if strings.in_string(byte) {
            out.push(byte);
            continue;
        }
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b'{' | b'[' if pretty => {
                out.push(byte);
                while bytes.next_if(u8::is_ascii_whitespace).is_some() {}
                if matches!(bytes.peek(), Some(b'}' | b']')) {
                    out.extend(bytes.next());
                } else {
                    depth += 1;
                    indent(&mut out, depth);
                }
            }
            b'}' | b']' if pretty => {
                depth = depth.saturating_sub(1);
                indent(&mut out, depth);
                out.push(byte);
            }
            b',' if pretty => {
                out.push(byte);
                indent(&mut out, depth);
            }
            b':' if pretty => out.extend_from_slice(b": "),
            _ => out.push(byte),
        }
    }
    out
}

/// Compact JSON, with the server's raw text inside it as it came.
fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(from_json_error)
}

/// One value: pretty on a terminal, one line in a pipe; always newline-terminated.
pub(crate) fn write_value<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
    pretty: bool,
) -> Result<()> {
    let text = encode(value)?;
    write_laid_out(out, &text, pretty, 0)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes encoded JSON, laid out only where needed: raw server text may hold line breaks, which
/// would split a JSON Lines record.
fn write_laid_out<W: Write>(out: &mut W, text: &[u8], pretty: bool, depth: usize) -> Result<()> {
    if pretty || text.contains(&b'\n') {
        out.write_all(&layout(text, pretty, depth))?;
    } else {
        out.write_all(text)?;
    }
    Ok(())
}

/// Writes a JSON array one element at a time, so a long list streams instead of piling up.
/// In a pipe each element sits on its own line; the array is valid JSON once `finish` runs.
pub(crate) struct ArrayWriter<W: Write> {
    out: W,
    pretty: bool,
    started: bool,
}

impl<W: Write> ArrayWriter<W> {
    pub(crate) fn new(out: W, pretty: bool) -> Self {
        ArrayWriter {
            out,
            pretty,
            started: false,
        }
    }

    pub(crate) fn push<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<()> {
        let lead: &[u8] = match (self.started, self.pretty) {
            (false, _) => b"[\n",
            (true, _) => b",\n",
        };
        self.out.write_all(lead)?;
        self.started = true;
        if self.pretty {
            self.out.write_all(b"  ")?;
        }
        write_laid_out(&mut self.out, &encode(item)?, self.pretty, 1)
    }

    pub(crate) fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<()> {
        self.out
            .write_all(if self.started { b"\n]\n" } else { b"[]\n" })?;
        self.out.flush()?;
        Ok(())
    }
}

/// One JSON Lines record: the value on one line.
pub(crate) fn write_line<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> Result<()> {
    write_value(out, value, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
        let items = [json!({"a": 1}), json!({"b": [2, 3], "c": {}})];
        for pretty in [false, true] {
            let text = array(&items, pretty);
            let parsed: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
            assert_eq!(parsed, items);
        }
        assert_eq!(
            array(&items, false),
            "[\n{\"a\":1},\n{\"b\":[2,3],\"c\":{}}\n]\n"
        );
        assert_eq!(array(&[], false), "[]\n");
    }

    #[test]
    fn layout_matches_serde_json_pretty_printing() {
        let value = json!({"a": [1, {"b": "x, y: [z]", "c": []}], "d": {}, "e": "q\"uote"});
        let expected = serde_json::to_string_pretty(&value).unwrap();
        let compact = serde_json::to_vec(&value).unwrap();
        assert_eq!(
            String::from_utf8(layout(&compact, true, 0)).unwrap(),
            expected
        );
    }

    #[test]
    fn layout_keeps_numbers_and_strings_as_they_came() {
        let raw = b"{ \"n\" : 1e400 ,\n \"s\": \"a  b\\n\" }";
        assert_eq!(layout(raw, false, 0), b"{\"n\":1e400,\"s\":\"a  b\\n\"}");
        let pretty = String::from_utf8(layout(raw, true, 0)).unwrap();
        assert_eq!(pretty, "{\n  \"n\": 1e400,\n  \"s\": \"a  b\\n\"\n}");
    }
}
