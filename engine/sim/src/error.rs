//! The errors of arena-sim.

use thiserror::Error;

/// A rules value that cannot be used, or cannot be read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RulesError {
    /// The text is not valid TOML/JSON for rules (the message names the field
    /// and, for TOML, the line).
    #[error("cannot read the rules: {0}")]
    Parse(String),
    /// A field has a value that makes no sense.
    #[error("rule `{field}` = {value} {reason}")]
    Invalid {
        /// The field, as written in a rules file (`punch.reach`).
        field: String,
        /// The value found.
        value: i64,
        /// What the value must be.
        reason: String,
    },
}

impl RulesError {
    pub(crate) fn invalid(field: impl Into<String>, value: i64, reason: &str) -> Self {
        Self::Invalid { field: field.into(), value, reason: reason.to_owned() }
    }
}

/// A replay that cannot be read or does not re-create its match.
#[derive(Debug, Error)]
pub enum ReplayError {
    /// The bytes do not start with the replay magic: not a replay file.
    #[error("not an Arena replay (the file does not start with `ARENARPL`)")]
    NotAReplay,
    /// The replay was written in another format version.
    #[error(
        "replay format version {found} is not supported (this build reads version {supported}); \
         open it with the Arena version that wrote it"
    )]
    UnsupportedVersion {
        /// The version in the file.
        found: u16,
        /// The version this build reads and writes.
        supported: u16,
    },
    /// The file ends early or its checksum does not match its contents.
    #[error("the replay is corrupt or truncated: {0}")]
    Corrupt(String),
    /// The replay's rules are not valid rules.
    #[error("the replay carries invalid rules: {0}")]
    Rules(#[from] RulesError),
    /// Re-simulating the replay gave a different result than it records.
    #[error("the replay does not verify: {0}")]
    Mismatch(String),
}
