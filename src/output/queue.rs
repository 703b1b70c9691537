//! How `queue` looks: the queue board, the customers waiting, and the agents with their status.

use super::rows::Row;
use super::table::{Column, MAX_CELL};
use super::{View, number_text, table, time, tsv};
use crate::api::models::{QueueAgent, QueueEntry, QueueStatus};
use crate::api::wire::Document;
use crate::error::Result;

fn optional(value: Option<i64>) -> String {
    value.map_or(String::new(), |n| n.to_string())
}

/// `1m 30s`, `45s`, `2h 5m`.
fn duration(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    match total {
        s if s < 60 => format!("{s}s"),
        s if s < 3_600 => format!("{}m {}s", s / 60, s % 60),
        s => format!("{}h {}m", s / 3_600, (s % 3_600) / 60),
    }
}

const BOARD: [Column; 6] = [
    Column::new("QUEUE", 30).min(8),
    Column::new("WAITING", 7).right(),
    Column::new("OLDEST", 10).min(4),
    Column::new("ACTIVE", 6).right().drop(2),
    Column::new("AGENTS A/B/U", 14),
    Column::new("AVG HOLD", 9).drop(1),
];

/// One queue: name, waiting, oldest waiting, active chats, agents available/busy/unavailable, hold.
/// TSV: name, waiting, oldest waiting (RFC 3339), active, available, busy, unavailable, average
/// hold seconds.
impl Row for Document<QueueStatus> {
    fn columns() -> &'static [Column] {
        &BOARD
    }

    fn cells(&self, view: &View) -> Result<Vec<String>> {
        let q = self.read()?;
        let agents = format!(
            "{}/{}/{}",
            number_text(q.agents_available()),
            number_text(q.agents_busy()),
            number_text(q.agents_unavailable())
        );
        let oldest = q
            .oldest_waiting_dts()
            .and_then(time::parse)
            .map_or_else(|| "-".into(), |at| time::age(at, view.now));
        Ok(vec![
            table::truncate(q.name().unwrap_or("-"), 30),
            number_text(q.waiting_count()),
            oldest,
            number_text(q.active_count()),
            agents,
            q.average_hold_seconds()
                .map_or_else(|| "-".into(), duration),
        ])
    }

    fn tsv(&self) -> Result<String> {
        let q = self.read()?;
        Ok(tsv::line(&[
            q.name().unwrap_or_default().to_string(),
            optional(q.waiting_count()),
            time::rfc3339_text(q.oldest_waiting_dts()),
            optional(q.active_count()),
            optional(q.agents_available()),
            optional(q.agents_busy()),
            optional(q.agents_unavailable()),
            q.average_hold_seconds()
                .map_or(String::new(), |s| s.to_string()),
        ]))
    }
}

const WAITING: [Column; 6] = [
    Column::new("QUEUE", 20).min(6),
    Column::new("NAME", 24).min(8),
    Column::new("EMAIL", 30).drop(1),
    Column::new("QUESTION", MAX_CELL).flex(24),
    Column::new("WAITING", 8).min(4),
    Column::new("ENTRY", 8).min(8),
];

/// One waiting customer; ENTRY is what `ucconv take` takes (the table shows the first eight
/// characters, a prefix `take` accepts). TSV: queue, entry uuid, name, email,
/// question, waiting since (RFC 3339).
impl Row for Document<QueueEntry> {
    fn columns() -> &'static [Column] {
        &WAITING
    }

    fn cells(&self, view: &View) -> Result<Vec<String>> {
        let e = self.read()?;
        let since = e
            .join_dts()
            .and_then(time::parse)
            .map_or_else(|| "-".into(), |at| time::age(at, view.now));
        Ok(vec![
            table::truncate(e.queue_name().unwrap_or("-"), 20),
            table::truncate(e.name().unwrap_or("-"), 24),
            table::truncate(e.email().unwrap_or("-"), 30),
            table::truncate(e.question().unwrap_or_default(), MAX_CELL),
            since,
            e.uuid().unwrap_or("-").chars().take(8).collect(),
        ])
    }

    fn tsv(&self) -> Result<String> {
        let e = self.read()?;
        let field = |s: Option<&str>| s.unwrap_or_default().to_string();
        Ok(tsv::line(&[
            field(e.queue_name()),
            field(e.uuid()),
            field(e.name()),
            field(e.email()),
            field(e.question()),
            time::rfc3339_text(e.join_dts()),
        ]))
    }
}

const AGENTS: [Column; 4] = [
    Column::new("QUEUE", 20).min(6),
    Column::new("NAME", 30).flex(8),
    Column::new("STATUS", 30).min(6),
    Column::new("LAST CHAT", 12).min(4),
];

/// An agent's status: the custom status's name when one is set, else the status itself.
pub(crate) fn agent_status(agent: &QueueAgent) -> String {
    match (agent.status(), agent.custom_status_name()) {
        (Some(status), Some(custom)) => format!("{status} ({custom})"),
        (Some(status), None) => status.to_string(),
        (None, Some(custom)) => custom.to_string(),
        (None, None) => "-".into(),
    }
}

/// One agent in one queue. TSV: queue, name, status, custom status, last chat (RFC 3339), ARN.
impl Row for Document<QueueAgent> {
    fn columns() -> &'static [Column] {
        &AGENTS
    }

    fn cells(&self, view: &View) -> Result<Vec<String>> {
        let a = self.read()?;
        Ok(vec![
            table::truncate(a.queue_name().unwrap_or("-"), 20),
            table::truncate(a.name().unwrap_or("-"), 30),
            table::truncate(&agent_status(a), 30),
            time::relative_text(a.last_chat_dts(), view.now),
        ])
    }

    fn tsv(&self) -> Result<String> {
        let a = self.read()?;
        let field = |s: Option<&str>| s.unwrap_or_default().to_string();
        Ok(tsv::line(&[
            field(a.queue_name()),
            field(a.name()),
            field(a.status()),
            field(a.custom_status_name()),
            time::rfc3339_text(a.last_chat_dts()),
            field(a.arn()),
        ]))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_shortly() {
        let cases = [
            (0.0, "0s"),
            (45.4, "45s"),
            (90.0, "1m 30s"),
            (7_500.0, "2h 5m"),
            (-3.0, "0s"),
        ];
        for (seconds, shown) in cases {
            assert_eq!(super::duration(seconds), shown);
        }
    }
}
