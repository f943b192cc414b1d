//! # arena-live: the live state of a tournament
//!
//! The tournament runner rewrites `DIR/state.json` atomically (a temporary
//! file renamed into place) after every match; the viewer's live mode and
//! `arena tournament show` read it. This crate is its schema and its reader,
//! and nothing else: it links neither wasmtime nor Bevy, so both sides can
//! depend on it.
//!
//! ```
//! let dir = std::env::temp_dir().join("arena-live-doc");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join(arena_live::STATE_FILE), "{ half a file").unwrap();
//! let err = arena_live::read(&dir).unwrap_err();
//! assert!(err.to_string().contains("state.json"));
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use arena_sim::MatchKind;
use arena_tournament::{EntrantIdx, Tournament};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The file name of the live state in a tournament's output directory.
pub const STATE_FILE: &str = "state.json";

/// The layout version of `state.json`.
pub const STATE_FORMAT: u32 = 1;

/// Why the live state could not be read.
#[derive(Debug, Error)]
pub enum LiveError {
    /// There is no state yet (the tournament has not started writing).
    #[error("no {STATE_FILE} in {0} yet: has `arena tournament run` started there?")]
    Missing(PathBuf),
    /// The file could not be read or written.
    #[error("cannot read or write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a valid state (damaged, or from another version).
    #[error("{path} is not a valid tournament state: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// A bot as the live view shows it, by [`EntrantIdx`] (seed order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveBot {
    /// SHA-256 of the bot's wasm (identicons are drawn from it).
    pub sha256: String,
    /// Its avatar PNG, relative to the state's directory, if it has one.
    pub avatar: Option<String>,
}

/// One game of a match, as played.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GameFile {
    /// The game number, from 1.
    pub game: u32,
    /// Ordinary or the sudden-death tie-break.
    pub kind: MatchKind,
    /// The replay, relative to the state's directory.
    pub replay: String,
    /// Who played on the left.
    pub left: EntrantIdx,
    /// Who won it (`None`: drawn).
    pub winner: Option<EntrantIdx>,
}

/// Everything the live view needs, rewritten after every match.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LiveState {
    /// [`STATE_FORMAT`].
    pub format: u32,
    /// The tournament's name.
    pub name: String,
    /// When this state was written, in milliseconds since the Unix epoch.
    pub updated_unix_ms: u64,
    /// Whether every match has been played.
    pub finished: bool,
    /// The whole bracket or table: matches, slots, results, standings.
    pub tournament: Tournament,
    /// Per entrant (same order as `tournament.entrants()`): hash and avatar.
    pub bots: Vec<LiveBot>,
    /// Per match id: its games, in order.
    pub games: BTreeMap<String, Vec<GameFile>>,
    /// Match ids in the order they finished in this run (varies with
    /// threads; the presentation reveals in bracket order instead).
    pub finished_order: Vec<String>,
}

impl LiveState {
    /// The absolute path of a file the state names (a replay, an avatar),
    /// given the directory the state was read from.
    pub fn path_in(dir: &Path, relative: &str) -> PathBuf {
        dir.join(relative)
    }
}

/// Reads `DIR/state.json`. A file caught half-written (impossible when the
/// writer renames atomically, but a copy may be) or damaged is an error,
/// never a panic.
pub fn read(dir: &Path) -> Result<LiveState, LiveError> {
    let path = dir.join(STATE_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(LiveError::Missing(dir.to_owned())),
        Err(source) => return Err(LiveError::Io { path, source }),
    };
    parse(&bytes).map_err(|message| LiveError::Invalid { path, message })
}

/// Writes `dir/state.json` whole: renamed into place, so a reader never
/// sees half of it, but not synced, as the runner rewrites it after every
/// match and a resumed run makes it again. Every writer of the live state
/// (the runner, the viewer's fixtures) writes it here.
pub fn write(dir: &Path, state: &LiveState) -> Result<(), LiveError> {
    let path = dir.join(STATE_FILE);
    let json = serde_json::to_vec(state).expect("the live state is plain data");
    arena_atomic::write(&path, &json, arena_atomic::Durability::Replaced)
        .map_err(|source| LiveError::Io { path, source })
}

/// Parses the bytes of a `state.json`.
pub fn parse(bytes: &[u8]) -> Result<LiveState, String> {
    let state: LiveState = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if state.format != STATE_FORMAT {
        return Err(format!("format {} is not the supported {STATE_FORMAT}", state.format));
    }
    state.tournament.check_entrants().map_err(|e| e.to_string())?;
    if state.bots.len() != state.tournament.entrants().len() {
        return Err(format!("{} bots for {} entrants", state.bots.len(), state.tournament.entrants().len()));
    }
    Ok(state)
}
