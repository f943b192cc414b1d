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
    /// A match ran past the wall-clock backstop. This is never a bot's
    /// win or loss: it means a bot found work the host does not charge
    /// fuel for, and the organiser should look at it.
    #[error(
        "the match ran past the backstop of {seconds} s of wall-clock time at tick {tick}; the slow bot is \
         {bot}. No result was recorded: a bot should never be able to do this, so report it (and keep the bot)"
    )]
    Backstop {
        /// The bot that spent the most time.
        bot: String,
        /// The limit.
        seconds: f64,
        /// The tick it was passed at.
        tick: u64,
    },
    /// The rules are not valid.
    #[error(transparent)]
    Rules(#[from] arena_sim::RulesError),
}
