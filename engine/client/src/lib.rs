//! # arena-client: talking to an event's submission server
//!
//! [`api`] is the wire format of `arena serve` (its JSON answers and
//! paths), shared with the server; [`Client`] is the blocking client that
//! `arena submit --server` and `arena bots --server` use. A tool that only
//! submits links this crate, not the server (no tokio, no wasmtime).

pub mod api;
mod client;

pub use client::{Client, ClientError};
