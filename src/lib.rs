//! ucconv: a command-line client for UltraCart's REST API v2 Conversation endpoints.
//!
//! Data flows one way: [`cli`] parses, [`context`] resolves terminal state and credentials once,
//! a module in [`commands`] calls [`api`] and hands what came back to [`output`] to render.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// stdout belongs to `output`, stderr to `output::ui`: nothing else prints.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod api;
pub mod cli;
pub mod commands;
pub(crate) mod complete;
pub mod config;
pub mod context;
pub mod credentials;
pub mod error;
pub(crate) mod follow;
pub mod generate;
pub(crate) mod ids;
pub mod interrupt;
pub(crate) mod mcp;
pub mod output;
pub mod paging;
pub mod prompt;
pub(crate) mod schema;
pub mod usage;
pub(crate) mod when;
