//! ucconv: a command-line client for UltraCart's REST API v2 Conversation endpoints.
//!
//! Data flows one way: [`cli`] parses, [`context`] resolves terminal state and credentials once,
//! a module in [`commands`] calls [`api`] and hands what came back to [`output`] to render.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod api;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod error;
pub mod generate;
pub mod output;
pub mod prompt;
