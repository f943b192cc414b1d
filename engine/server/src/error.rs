//! What can stop the server from starting or running.

use std::net::SocketAddr;
use std::path::PathBuf;

use thiserror::Error;

/// Why the server could not start (or stopped), or a tokens file or time
/// could not be read. Each message says what to do.
#[derive(Debug, Error)]
pub enum ServerError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}; is another server using that port? choose another with --bind")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The registry could not be opened or read.
    #[error(transparent)]
    Registry(#[from] arena_registry::RegistryError),
    /// The sandbox could not be set up.
    #[error("cannot set up the bot sandbox: {0}")]
    Runtime(String),
    /// A tokens file could not be read.
    #[error("cannot read the tokens file {path}: {source}")]
    TokensIo {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A line of a tokens file is wrong.
    #[error("the tokens file {path}, line {line}: {message}")]
    BadTokens {
        /// The file.
        path: PathBuf,
        /// The line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A time that is not RFC 3339.
    #[error(
        "`{text}` is not a time in RFC 3339 form ({reason}); write it like 2026-05-30T17:00:00+09:00 or 2026-05-30T08:00:00Z"
    )]
    BadTime {
        /// The text given.
        text: String,
        /// What is wrong.
        reason: String,
    },
    /// The operating system's random numbers could not be read.
    #[error("cannot get random numbers for a token: {0}")]
    Random(String),
    /// Some other input or output failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}
