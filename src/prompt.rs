//! Questions asked on the terminal, drawn on stderr: confirm, hidden input, text, pick from a list.
//!
//! Callers check [`crate::context::Context::can_prompt`] first. Esc, Ctrl-C and "no" all come back as
//! [`Error::Cancelled`], which exits 130 with nothing changed.

use console::{Key, Term};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, FuzzySelect, Input, Select};
use secrecy::SecretString;

use crate::error::{Error, Result};

fn cancelled<E>(_: E) -> Error {
    Error::Cancelled
}

/// Yes goes on; no, Esc and Ctrl-C cancel.
pub fn confirm(question: &str) -> Result<()> {
    let answer = Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .default(false)
        .interact_opt()
        .map_err(cancelled)?;
    match answer {
        Some(true) => Ok(()),
        Some(false) | None => Err(Error::Cancelled),
    }
}

/// Reads a line without echoing it. Key by key in raw mode, so Ctrl-C and Esc cancel cleanly
/// instead of leaving the terminal with echo off.
pub fn secret(label: &str) -> Result<SecretString> {
    let term = Term::stderr();
    term.write_str(&format!("{label} (hidden): "))?;
    let mut text = String::new();
    loop {
        match term.read_key().map_err(cancelled)? {
            Key::Enter => break,
            Key::Escape | Key::CtrlC => {
                term.write_line("")?;
                return Err(Error::Cancelled);
            }
            Key::Backspace => {
                text.pop();
            }
            Key::Char(c) if !c.is_control() => text.push(c),
            _ => {}
        }
    }
    term.write_line("")?;
    Ok(SecretString::from(text))
}

/// A line of text; Enter alone takes the default.
pub fn text(label: &str, default: &str) -> Result<String> {
    Input::<String>::with_theme(&ColorfulTheme::default())
        .with_prompt(label)
        .default(default.to_string())
        .allow_empty(true)
        .interact_text()
        .map_err(cancelled)
}

/// One of a few fixed choices.
pub fn choose(label: &str, choices: &[&str]) -> Result<usize> {
    Select::with_theme(&ColorfulTheme::default())
        .with_prompt(label)
        .items(choices)
        .default(0)
        .interact_opt()
        .map_err(cancelled)?
        .ok_or(Error::Cancelled)
}

/// One of many items, narrowed by typing.
pub fn pick(label: &str, items: &[String]) -> Result<usize> {
    FuzzySelect::with_theme(&ColorfulTheme::default())
        .with_prompt(label)
        .items(items)
        .default(0)
        .max_length(15)
        .interact_opt()
        .map_err(cancelled)?
        .ok_or(Error::Cancelled)
}
