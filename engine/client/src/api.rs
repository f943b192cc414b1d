//! The JSON the server answers with, shared by the server and the client.

use arena_registry::ValidationRecord;
use serde::{Deserialize, Serialize};

/// The path prefix of every endpoint.
pub const PREFIX: &str = "/api/v1";

/// An error: what went wrong and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorAnswer {
    /// The message, for a person.
    pub error: String,
}

/// How the server checks who submits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMode {
    /// Each participant has a token that submits under their handle only.
    Tokens,
    /// Anyone who reaches the server submits under any handle.
    Open,
}

/// `GET /api/v1/health`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// Always true when the server answers.
    pub ok: bool,
    /// The server's version (`arena-server X.Y.Z`).
    pub server: String,
    /// Whether submissions are accepted now.
    pub submissions_open: bool,
    /// When submissions close (RFC 3339), if a deadline was set.
    pub close_at: Option<String>,
    /// Whether tokens are required.
    pub auth: AuthMode,
    /// How many validations run at once.
    pub workers: usize,
    /// Submissions being received, validated or waiting for a worker now.
    pub pending: usize,
    /// How many may wait before the server answers "busy".
    pub queue_capacity: usize,
    /// The module size cap of the server's rules, in bytes.
    pub max_module_bytes: u64,
    /// The avatar size cap, in bytes.
    pub max_avatar_bytes: u64,
    /// Submissions one participant may make per minute (0: no limit).
    pub rate_limit_per_minute: u32,
}

/// One check of a validation, as the server reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckAnswer {
    /// The check's name (`component`, `limits`, `beats-dummy`).
    pub check: String,
    /// The check in plain words.
    pub description: String,
    /// Whether it passed.
    pub passed: bool,
    /// What was found; for a failure, what to fix.
    pub message: String,
}

/// A stored version, as the server reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAnswer {
    /// 1 for the first submission of a name, then 2, 3, …
    pub version: u32,
    /// SHA-256 of the wasm, in hex.
    pub sha256: String,
    /// Size of the wasm in bytes.
    pub size: u64,
}

/// The answer to `POST /api/v1/submissions` once the bot was validated:
/// status 200 when it passed and is on disk, 422 when it failed a check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitAnswer {
    /// The bot's name.
    pub name: String,
    /// Its author's handle.
    pub author: String,
    /// Whether every check passed (and the bot is stored).
    pub passed: bool,
    /// The checks run, in order; the last one failed if any did.
    pub checks: Vec<CheckAnswer>,
    /// The stored version, when it passed.
    pub stored: Option<StoredAnswer>,
    /// SHA-256 of the wasm, once it could be read as a component.
    pub sha256: Option<String>,
    /// Where to fetch the validation match's replay (a path on the server).
    pub replay: Option<String>,
    /// When it failed: why it was not stored.
    pub error: Option<String>,
    /// Milliseconds spent waiting for a free validation worker.
    pub queued_ms: u64,
    /// Milliseconds spent validating and storing.
    pub validation_ms: u64,
    /// Milliseconds from the request's arrival to this answer, upload
    /// included: how long the participant waited.
    pub waited_ms: u64,
}

/// `GET /api/v1/bots/{name[@N]}/validation`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationAnswer {
    /// The bot's name.
    pub name: String,
    /// Its author's handle.
    pub author: String,
    /// The version.
    pub version: u32,
    /// SHA-256 of its wasm.
    pub sha256: String,
    /// The stored validation result.
    pub validation: ValidationRecord,
    /// Where to fetch the validation replay, if there is one.
    pub replay: Option<String>,
}

/// `POST /api/v1/admin/close`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseAnswer {
    /// Submissions are closed.
    pub closed: bool,
    /// The registry is locked for the tournament.
    pub locked: bool,
    /// What happened, in words.
    pub message: String,
}

/// A name or `name@N` as one path segment: names may hold spaces and any
/// script, so all but RFC 3986's unreserved characters (and `@`, which a
/// segment may hold) are percent-encoded.
pub fn encode_segment(s: &str) -> String {
    use std::fmt::Write as _;
    s.bytes().fold(String::with_capacity(s.len()), |mut out, b| {
        if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
        out
    })
}

/// The path of the validation replay of a stored version.
pub fn version_replay_path(name: &str, version: u32) -> String {
    format!("{PREFIX}/bots/{}@{version}/replay", encode_segment(name))
}

/// The path of the replay of the bot whose wasm hashes to `sha256` (a
/// failed validation's, kept in memory for a while).
pub fn replay_path(sha256: &str) -> String {
    format!("{PREFIX}/replays/{sha256}")
}

/// The answer to `POST /api/v1/play?opponent=…`: a playground match,
/// played under the event's rules and stored nowhere.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayAnswer {
    /// The uploaded bot's name (left).
    pub you: String,
    /// The opponent's name (right).
    pub opponent: String,
    /// The match's seed.
    pub seed: u64,
    /// The result in words.
    pub result: String,
    /// Each side's fuel per tick, in words (sandboxed bots only).
    pub fuel: Vec<String>,
    /// Warnings for the author: ticks the bot spent suspended.
    pub warnings: Vec<String>,
    /// Where to fetch the replay for a while (a path on the server).
    pub replay: String,
    /// The page that plays it.
    pub watch: String,
    /// Milliseconds spent waiting for a worker, then playing.
    pub queued_ms: u64,
    /// Milliseconds spent compiling and playing.
    pub played_ms: u64,
}

/// One playground opponent: `GET /api/v1/play/opponents`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opponent {
    /// What to pass as `?opponent=`: `example:NAME` or `entrant:NAME`.
    pub id: String,
    /// How the page names it.
    pub label: String,
}

/// The path of a playground replay.
pub fn play_replay_path(id: &str) -> String {
    format!("{PREFIX}/play/{id}")
}
