//! # arena-runner: running a tournament on every core
//!
//! Reads a tournament file ([`TournamentFile`]), compiles each distinct bot
//! once, and plays every match of the [`arena_tournament::Tournament`] on a
//! rayon pool as soon as both its entrants are known (a bracket is a
//! dependency graph, not a sequence of barriers). Each match is a best-of-N
//! series; each game a sandboxed match whose replay is written to
//! `OUTPUT/replays/`. After every match `OUTPUT/state.json` is rewritten
//! atomically for the viewer; at the end `OUTPUT/results.json` holds
//! everything, with no wall-clock time in it, so runs compare byte for byte
//! whatever the thread count.
//!
//! A run that is interrupted (killed, a full disk) loses nothing: run it
//! again and every game whose replay is already there, for the same bots,
//! seed and rules, and that re-simulates to its hashes, is reused instead of
//! played.

mod error;
mod run;
mod show;

pub use arena_tournament_file::{EntrantSpec, FileError, TournamentFile};
pub use error::RunnerError;
pub use run::{LOCK_FILE, RESULTS_FILE, RunOptions, RunReport, run};
pub use show::render;
