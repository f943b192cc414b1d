//! The one error type of arena-tournament.

use thiserror::Error;

/// Everything that can go wrong when building a tournament or feeding it
/// results. Every message says what to fix in plain words.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// The configuration or the entrant list cannot make a tournament.
    #[error("invalid tournament: {0}")]
    InvalidConfig(String),
    /// No match has this id.
    #[error("no match has the id `{0}`")]
    UnknownMatch(String),
    /// The match cannot be played yet (an entrant is still unknown), or it
    /// needs no play (a bye, or a bracket reset that is not needed).
    #[error("match `{id}` cannot be played now: it is {status}")]
    NotPlayable {
        /// The match.
        id: String,
        /// Its status, in words.
        status: String,
    },
    /// A result arrived for a match that already has one.
    #[error("match `{0}` already has a result")]
    AlreadyFinished(String),
    /// A result does not fit the match it is given for, or does not follow
    /// from its own games.
    #[error("the result given for match `{id}` is not consistent: {reason}")]
    InconsistentResult {
        /// The match.
        id: String,
        /// What does not fit.
        reason: String,
    },
    /// A game result was given to a series that expects no more games.
    #[error("series `{0}` is already decided and expects no more games")]
    SeriesDecided(String),
}

impl Error {
    pub(crate) fn config(msg: impl Into<String>) -> Self {
        Self::InvalidConfig(msg.into())
    }

    pub(crate) fn inconsistent(id: &str, reason: impl Into<String>) -> Self {
        Self::InconsistentResult { id: id.to_owned(), reason: reason.into() }
    }
}
