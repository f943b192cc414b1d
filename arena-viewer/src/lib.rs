//! # arena-viewer: match replays and the live bracket, for a projector
//!
//! A Bevy app with two modes:
//!
//! - **Replay mode** plays a replay file by re-simulating it with
//!   arena-sim: fighters posed for every action, hit points, energy, timer,
//!   round wins, names and avatars; pause, step, scrub, speed from 0.25× to
//!   8×, and a side panel with each bot's logs, faults and the actions it
//!   asked for against those applied.
//! - **Live mode** follows a tournament's `state.json`, draws the bracket
//!   (trees, group tables, standings) large enough to read from the back of
//!   a hall, and reveals each finished match in bracket order by playing
//!   it.
//!
//! The logic (playback, the show, following the state file) is plain Bevy
//! systems with no renderer, tested headless under `MinimalPlugins`; the
//! frame is arena-scene's display list (the same one the web page paints),
//! which [`draw`] turns into pooled sprites and text. `arena-viewer screenshot` renders one frame offscreen, without
//! a window or an X server.
//!
//! It never links wasmtime: replays are re-simulated, not re-run.

// Bevy systems take `Res<T>`, `Query<…>` and friends by the dozen; spelling
// out their `'_` lifetimes adds nothing.
#![allow(elided_lifetimes_in_paths)]

pub mod app;
pub mod draw;
pub mod fixture;
pub mod live;
pub mod playback;
pub mod screenshot;

// The drawing itself is arena-scene's, shared with the web page.
pub use arena_scene::{avatar, bracket, pose, timeline};

pub use app::{Mode, logic_plugins, run_window};
pub use live::{Live, LivePlugin, Show, ShowCommand, ShowPhase};
pub use playback::{Notices, Playback, PlaybackCommand, PlaybackPlugin};
pub use timeline::{MatchView, PlayCommand, Playhead};
