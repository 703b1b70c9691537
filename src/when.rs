//! Times as people give them on the command line: RFC 3339, a date (local midnight), epoch
//! milliseconds, or a duration ago (`15m`, `2h`, `3d`).

use jiff::{SignedDuration, Timestamp};

use crate::error::{Error, Result};
use crate::output::time;

/// Reads `text` as a moment, relative ones counted back from `now`.
pub(crate) fn parse(text: &str, now: Timestamp) -> Result<Timestamp> {
    let text = text.trim();
    let invalid = || {
        Error::usage_with_hint(
            format!("{text:?} is not a time"),
            "use RFC 3339 (2026-11-25T14:00:00Z), a date (2026-11-25), epoch milliseconds \
             (1767225600000) or a duration ago (15m, 2h, 3d)",
        )
    };
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let millis: i64 = text.parse().map_err(|_| invalid())?;
        return Timestamp::from_millisecond(millis).map_err(|_| invalid());
    }
    if let Some(ago) = duration(text) {
        return now.checked_sub(ago).map_err(|_| invalid());
    }
    if let Some(at) = time::parse(text) {
        return Ok(at);
    }
    let date: jiff::civil::Date = text.parse().map_err(|_| invalid())?;
    let zoned = date
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .map_err(|_| invalid())?;
    Ok(zoned.timestamp())
}

/// `90s`, `15m`, `2h`, `3d`, `1w`: a number and one unit.
fn duration(text: &str) -> Option<SignedDuration> {
    let unit = text.chars().last()?;
    let amount: i64 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    let seconds = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return None,
    };
    Some(SignedDuration::from_secs(amount.checked_mul(seconds)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_saying_when() {
        let now: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        let cases = [
            ("2026-11-25T10:00:00Z", "2026-11-25T10:00:00Z"),
            ("2026-11-25T10:00:00+02:00", "2026-11-25T08:00:00Z"),
            ("1767225600000", "2026-01-01T00:00:00Z"),
            ("15m", "2026-11-25T11:45:00Z"),
            ("2h", "2026-11-25T10:00:00Z"),
            ("3d", "2026-11-22T12:00:00Z"),
            ("1w", "2026-11-18T12:00:00Z"),
        ];
        for (given, expected) in cases {
            assert_eq!(parse(given, now).unwrap().to_string(), expected, "{given}");
        }
        for bad in ["", "yesterday", "15x", "m", "99999999999999999999"] {
            assert_eq!(parse(bad, now).unwrap_err().exit_code(), 2, "{bad:?}");
        }
    }
}
