//! Paging inside a tool: a page size checked against its bounds, and an opaque cursor that says
//! which tool made it and where its next page starts.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Small, because every row lands in a model's context; the model asks for more with the cursor.
pub(crate) const DEFAULT_LIMIT: u32 = 20;
/// The API's largest page: one request per tool call at most, for list and search.
pub(crate) const MAX_LIMIT: u32 = 200;

/// Where the next page starts. Base64url JSON, so a client treats it as opaque and passes it back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Cursor {
    /// The tool that made it: another tool's cursor would be an offset into a different list.
    #[serde(rename = "t")]
    pub(crate) tool: String,
    #[serde(rename = "o", default)]
    pub(crate) offset: u64,
    /// `messages` pages by time: the epoch milliseconds to ask from next.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub(crate) since: Option<i64>,
    /// `messages`: the messages at exactly `since` already returned, which an inclusive `since`
    /// would bring again.
    #[serde(rename = "k", default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) seen: Vec<String>,
}

impl Cursor {
    pub(crate) fn at(tool: &str, offset: u64) -> Cursor {
        Cursor {
            tool: tool.to_string(),
            offset,
            ..Cursor::default()
        }
    }

    pub(crate) fn encode(&self) -> String {
        // Serializing a struct of strings and integers cannot fail; an empty cursor would only
        // restart the listing.
        let json = serde_json::to_vec(self).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }
}

/// The cursor `text` given to `tool`, or the first page's when none was given.
pub(crate) fn decode(tool: &str, text: Option<&str>) -> Result<Cursor> {
    let text = text.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Ok(Cursor::at(tool, 0));
    }
    let invalid = || {
        Error::usage_with_hint(
            format!("the cursor {:?} is not one this server gave", shorten(text)),
            "pass next_cursor exactly as a previous call returned it, or leave cursor out for the first page",
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
    let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if cursor.tool != tool {
        return Err(Error::usage_with_hint(
            format!("that cursor came from the {} tool, not {tool}", cursor.tool),
            format!("pass {tool} a next_cursor that {tool} returned"),
        ));
    }
    Ok(cursor)
}

fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// The page size asked for: [`DEFAULT_LIMIT`] when not given, else 1 to [`MAX_LIMIT`].
pub(crate) fn limit(given: Option<u32>) -> Result<u32> {
    match given {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => Err(Error::usage(format!(
            "limit {n} is out of range: give 1 to {MAX_LIMIT}"
        ))),
    }
}

/// One page of a list fetched whole: the items from `offset`, at most `limit`, and the offset of
/// the next page when there are more.
pub(crate) fn slice<T>(items: Vec<T>, offset: u64, limit: u32) -> (Vec<T>, Option<u64>) {
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    let total = items.len();
    let page: Vec<T> = items.into_iter().skip(start).take(limit as usize).collect();
    let end = start.saturating_add(page.len());
    let next = (end < total).then_some(end as u64);
    (page, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_belong_to_their_tool() {
        let cases = [
            Cursor::at("list", 0),
            Cursor::at("search", 400),
            Cursor {
                tool: "messages".into(),
                offset: 0,
                since: Some(1_767_225_600_000),
                seen: vec!["m1".into(), "m2".into()],
            },
        ];
        for cursor in cases {
            let text = cursor.encode();
            assert!(
                text.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{text}"
            );
            assert_eq!(decode(&cursor.tool, Some(&text)).unwrap(), cursor);
            let other = decode("agents", Some(&text)).unwrap_err();
            assert_eq!(other.code(), "usage", "{other}");
        }
    }

    #[test]
    fn no_cursor_is_the_first_page_and_garbage_is_a_usage_error() {
        assert_eq!(decode("list", None).unwrap(), Cursor::at("list", 0));
        assert_eq!(decode("list", Some("  ")).unwrap(), Cursor::at("list", 0));
        for bad in ["not base64!", "bm90IGpzb24", "e30", &"A".repeat(500)] {
            let error = decode("list", Some(bad)).unwrap_err();
            assert_eq!(error.code(), "usage", "{bad}");
            assert!(error.to_string().len() < 200, "{error}");
        }
    }

    #[test]
    fn limits_default_small_and_stay_in_range() {
        let cases = [
            (None, Ok(DEFAULT_LIMIT)),
            (Some(1), Ok(1)),
            (Some(200), Ok(200)),
            (Some(0), Err(())),
            (Some(201), Err(())),
        ];
        for (given, expected) in cases {
            assert_eq!(limit(given).map_err(drop), expected, "{given:?}");
        }
    }

    #[test]
    fn slices_say_where_the_next_page_starts() {
        let items: Vec<u32> = (0..5).collect();
        let cases: &[(u64, u32, &[u32], Option<u64>)] = &[
            (0, 2, &[0, 1], Some(2)),
            (2, 2, &[2, 3], Some(4)),
            (4, 2, &[4], None),
            (0, 5, &[0, 1, 2, 3, 4], None),
            (9, 2, &[], None),
            (u64::MAX, 2, &[], None),
        ];
        for &(offset, limit, page, next) in cases {
            let (got, got_next) = slice(items.clone(), offset, limit);
            assert_eq!((got.as_slice(), got_next), (page, next), "{offset} {limit}");
        }
    }
}
