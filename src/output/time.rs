//! Times for people (`5m ago`, local clock) and for machines (RFC 3339), from UltraCart's `*_dts` strings.

use jiff::tz::TimeZone;
use jiff::{Timestamp, civil};

use super::table;

/// An unparseable time from the server, shown as it came but safe and short.
fn as_sent(text: &str) -> String {
    table::truncate(text, 40)
}

/// Parses an API date/time leniently: RFC 3339 with an offset, or a bare date/time taken as UTC.
pub(crate) fn parse(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    text.parse::<Timestamp>().ok().or_else(|| {
        text.parse::<civil::DateTime>()
            .ok()
            .and_then(|dt| dt.to_zoned_datetime(TimeZone::UTC).ok())
            .map(|zoned| zoned.timestamp())
    })
}

/// `just now`, `5m ago`, `3h ago`, `3d ago`; older than a month, the date.
pub(crate) fn relative(then: Timestamp, now: Timestamp) -> String {
    let seconds = now.as_second() - then.as_second();
    let (ahead, seconds) = (seconds < 0, seconds.abs());
    if seconds < 60 {
        return "just now".into();
    }
    let amount = match seconds {
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3_600),
        s if s < 30 * 86_400 => format!("{}d", s / 86_400),
        _ => {
            return then
                .to_zoned_datetime(TimeZone::system())
                .strftime("%Y-%m-%d")
                .to_string();
        }
    };
    if ahead {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// How long ago, shortly: `<1m`, `12m`, `3h`, `2d`.
pub(crate) fn age(then: Timestamp, now: Timestamp) -> String {
    match now.as_second().saturating_sub(then.as_second()).max(0) {
        s if s < 60 => "<1m".into(),
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3_600),
        s => format!("{}d", s / 86_400),
    }
}

/// A raw API time as a relative time, or the raw text when it does not parse, or `-`.
pub(crate) fn relative_text(raw: Option<&str>, now: Timestamp) -> String {
    match raw {
        Some(text) => parse(text).map_or_else(|| as_sent(text), |t| relative(t, now)),
        None => "-".into(),
    }
}

/// Local wall-clock time, `2026-11-25 14:03`, or the raw text when it does not parse.
pub(crate) fn local_text(raw: Option<&str>) -> String {
    match raw {
        Some(text) => parse(text).map_or_else(|| as_sent(text), local),
        None => "-".into(),
    }
}

pub(crate) fn local(at: Timestamp) -> String {
    at.to_zoned_datetime(TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// RFC 3339 in UTC for machine output (`2026-11-25T14:03:11Z`), the raw text if unparseable, or empty.
pub(crate) fn rfc3339_text(raw: Option<&str>) -> String {
    match raw {
        Some(text) => parse(text).map_or_else(|| text.to_string(), |t| t.to_string()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn relative_times() {
        let now = at("2026-11-25T12:00:00Z");
        assert_eq!(relative(at("2026-11-25T11:59:30Z"), now), "just now");
        assert_eq!(relative(at("2026-11-25T11:55:00Z"), now), "5m ago");
        assert_eq!(relative(at("2026-11-25T09:00:00Z"), now), "3h ago");
        assert_eq!(relative(at("2026-11-22T12:00:00Z"), now), "3d ago");
        assert_eq!(relative(at("2026-11-25T12:10:00Z"), now), "in 10m");
    }

    #[test]
    fn lenient_parsing() {
        assert_eq!(
            parse("2026-11-25T14:03:11+00:00"),
            Some(at("2026-11-25T14:03:11Z"))
        );
        assert_eq!(
            parse("2026-11-25T14:03:11"),
            Some(at("2026-11-25T14:03:11Z"))
        );
        assert_eq!(parse("yesterday"), None);
        assert_eq!(rfc3339_text(Some("garbage")), "garbage");
        assert_eq!(
            rfc3339_text(Some("2026-11-25T14:03:11-05:00")),
            "2026-11-25T19:03:11Z"
        );
    }
}
