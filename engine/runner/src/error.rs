//! The error type of arena-runner.

use std::path::PathBuf;

use thiserror::Error;

/// Why a tournament could not be run.
#[derive(Debug, Error)]
pub enum RunnerError {
    /// The tournament file cannot be used; the message names the field and line.
    #[error(transparent)]
    File(#[from] arena_tournament_file::FileError),
    /// A file could not be read or written (a full disk, a missing directory).
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An entrant's bot cannot be run.
    #[error("entrant `{entrant}` ({path}): {source}")]
    Bot {
        /// The entrant.
        entrant: String,
        /// Its wasm.
        path: PathBuf,
        /// Why.
        source: arena_runtime::RuntimeError,
    },
    /// A match could not be played: the host failed, never a bot (a bot's
    /// misbehaviour is a fault in the replay). The run stops; the state on
    /// disk is consistent and a rerun resumes it.
    #[error("match {id}: {source}")]
    Match {
        /// The match.
        id: String,
        /// Why.
        source: Box<RunnerError>,
    },
    /// A match's thread panicked: a bug in Arena, never a bot's doing.
    #[error("match {id} stopped on an internal error (a bug in Arena; please report it): {message}")]
    Panicked {
        /// The match.
        id: String,
        /// The panic's message.
        message: String,
    },
    /// The sandbox could not be set up.
    #[error(transparent)]
    Runtime(#[from] arena_runtime::RuntimeError),
    /// The tournament logic refused something (a bug, or a damaged state).
    #[error("tournament: {0}")]
    Tournament(#[from] arena_tournament::Error),
    /// Writing a file failed.
    #[error(transparent)]
    Write(#[from] arena_registry::RegistryError),
    /// The output directory holds another tournament's results.
    #[error("{0}")]
    Conflict(String),
}
