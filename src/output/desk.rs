//! How the rest of the desk looks: webchat context, canned replies, agents, departments.

use super::rows::Row;
use super::table::{self, Column, MAX_CELL};
use super::{Palette, Render, View, time, tsv};
use crate::api::models::{AgentProfile, CannedMessage, Department, WebchatContext};
use crate::api::wire::Document;
use crate::error::Result;

/// How many pages viewed the summary lists, newest last.
const PAGES_SHOWN: usize = 5;

/// `context` for people: current page, session start, cart, orders, the last pages viewed.
/// TSV: one line, current URL, session start, cart total, order count, pages viewed count.
impl Render for Document<WebchatContext> {
    fn human(&self, view: &View) -> Result<String> {
        let c = self.read()?;
        let palette = Palette::new(view.color);
        let started = match c.session_start_dts().and_then(time::parse) {
            Some(at) => format!("{} ({})", time::local(at), time::relative(at, view.now)),
            None => time::local_text(c.session_start_dts()),
        };
        let mut out = table::key_values(
            &[
                ("Current page", c.current_url().unwrap_or("-").to_string()),
                ("Session start", started),
                ("Cart total", c.cart_total().unwrap_or_else(|| "-".into())),
            ],
            view.width,
        );
        let items: Vec<Vec<String>> = c
            .cart_items()
            .into_iter()
            .map(|(name, quantity, total)| vec![name, quantity, total])
            .collect();
        if !items.is_empty() {
            out.push_str(&format!("\n{}\n", palette.heading.apply_to("Cart")));
            let columns = [
                Column::new("ITEM", MAX_CELL).flex(12),
                Column::new("QTY", 5).right(),
                Column::new("TOTAL", 16).right(),
            ];
            out.push_str(&table::Table::fit(&columns, &items, view.width).render(&items));
        }
        let orders: Vec<Vec<String>> = c
            .orders()
            .into_iter()
            .map(|(id, created, stage, total)| {
                vec![id, time::local_text(Some(&created)), stage, total]
            })
            .collect();
        if !orders.is_empty() {
            out.push_str(&format!(
                "\n{}\n",
                palette.heading.apply_to("Recent orders")
            ));
            let columns = [
                Column::new("ORDER", 20).min(8),
                Column::new("DATE", 16).min(10),
                Column::new("STAGE", 30).flex(8),
                Column::new("TOTAL", 16).right(),
            ];
            out.push_str(&table::Table::fit(&columns, &orders, view.width).render(&orders));
        }
        let pages = c.pages_viewed();
        if !pages.is_empty() {
            out.push_str(&format!("\n{}\n", palette.heading.apply_to("Pages viewed")));
            let skip = pages.len().saturating_sub(PAGES_SHOWN);
            for (title, url) in pages.into_iter().skip(skip) {
                let line = if title == url {
                    url
                } else {
                    format!("{title} ({url})")
                };
                out.push_str(&format!(
                    "  {}\n",
                    table::truncate(&line, view.width.saturating_sub(2))
                ));
            }
        }
        Ok(out)
    }

    fn tsv(&self) -> Result<String> {
        let c = self.read()?;
        Ok(tsv::line(&[
            c.current_url().unwrap_or_default().to_string(),
            time::rfc3339_text(c.session_start_dts()),
            c.cart_total().unwrap_or_default(),
            c.orders().len().to_string(),
            c.pages_viewed().len().to_string(),
        ]))
    }
}

const CANNED: [Column; 3] = [
    Column::new("SHORT CODE", 20).min(6),
    Column::new("TEXT", MAX_CELL).flex(20),
    Column::new("DEPARTMENTS", 20).drop(1),
];

/// A canned reply. TSV: short code, text, department ids (comma-separated).
impl Row for Document<CannedMessage> {
    fn columns() -> &'static [Column] {
        &CANNED
    }

    fn cells(&self, _: &View) -> Result<Vec<String>> {
        let m = self.read()?;
        Ok(vec![
            table::truncate(m.short_code().unwrap_or("-"), 20),
            table::truncate(m.text_body().unwrap_or_default(), MAX_CELL),
            m.department_oids().join(", "),
        ])
    }

    fn tsv(&self) -> Result<String> {
        let m = self.read()?;
        Ok(tsv::line(&[
            m.short_code().unwrap_or_default().to_string(),
            m.text_body().unwrap_or_default().to_string(),
            m.department_oids().join(","),
        ]))
    }
}

const AGENTS: [Column; 6] = [
    Column::new("NAME", 30).flex(8),
    Column::new("DISPLAY NAME", 24).drop(2),
    Column::new("USER ID", 10).min(4),
    Column::new("DEFAULT STATUS", 14).min(6),
    Column::new("CHAT LIMIT", 10).right().drop(1),
    Column::new("KIND", 5),
];

fn kind(ai: Option<bool>) -> &'static str {
    match ai {
        Some(true) => "AI",
        Some(false) => "human",
        None => "-",
    }
}

/// An agent profile. TSV: name, display name, user id, default status, chat limit, AI (true/false).
impl Row for Document<AgentProfile> {
    fn columns() -> &'static [Column] {
        &AGENTS
    }

    fn cells(&self, _: &View) -> Result<Vec<String>> {
        let a = self.read()?;
        Ok(vec![
            table::truncate(a.name().unwrap_or("-"), 30),
            table::truncate(a.display_name().unwrap_or("-"), 24),
            a.user_id().unwrap_or_else(|| "-".into()),
            a.default_status().unwrap_or("-").to_string(),
            super::number_text(a.chat_limit()),
            kind(a.ai()).to_string(),
        ])
    }

    fn tsv(&self) -> Result<String> {
        let a = self.read()?;
        let text = |s: Option<&str>| s.unwrap_or_default().to_string();
        Ok(tsv::line(&[
            text(a.name()),
            text(a.display_name()),
            a.user_id().unwrap_or_default(),
            text(a.default_status()),
            a.chat_limit().map(|n| n.to_string()).unwrap_or_default(),
            a.ai().map(|b| b.to_string()).unwrap_or_default(),
        ]))
    }
}

const DEPARTMENTS: [Column; 2] = [
    Column::new("DEPARTMENT", 30).min(8),
    Column::new("MEMBERS", MAX_CELL).flex(12),
];

/// A department. TSV: name, members (comma-separated).
impl Row for Document<Department> {
    fn columns() -> &'static [Column] {
        &DEPARTMENTS
    }

    fn cells(&self, _: &View) -> Result<Vec<String>> {
        let d = self.read()?;
        Ok(vec![
            table::truncate(d.name().unwrap_or("-"), 30),
            table::truncate(&d.members().join(", "), MAX_CELL),
        ])
    }

    fn tsv(&self) -> Result<String> {
        let d = self.read()?;
        Ok(tsv::line(&[
            d.name().unwrap_or_default().to_string(),
            d.members().join(","),
        ]))
    }
}
