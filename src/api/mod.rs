//! The HTTP layer: UltraCart's wire protocol and models. Knows HTTP and JSON, nothing of terminals.

pub(crate) mod client;
pub(crate) mod desk;
pub(crate) mod failure;
pub(crate) mod live;
pub mod models;
pub mod plan;
pub(crate) mod raw;
pub mod transport;
pub mod wire;

pub use client::ApiClient;
