//! The error type of arena-runtime.

use std::path::PathBuf;

use thiserror::Error;

/// Why a bot could not be loaded or a match could not be run.
///
/// A bot misbehaving *during* a match is not an error: it is a
/// [`arena_sim::Fault`] in the replay.
#[derive(Debug, Error)]
pub enum RuntimeError {
    /// Reading a file failed.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The wasmtime engine could not be set up.
    #[error("cannot set up the wasm engine: {0}")]
    Engine(String),
    /// The bot is not something Arena can run; the message says what to fix.
    #[error("{message}")]
    BadBot {
        /// The kind of problem, as a fault kind (wrong-world, load-failed…).
        kind: arena_sim::FaultKind,
        /// What is wrong and what to do about it.
        message: String,
    },
    /// The rules are not valid.
    #[error(transparent)]
    Rules(#[from] arena_sim::RulesError),
}
