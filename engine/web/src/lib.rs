//! # arena-web: the replay player of Arena's web pages
//!
//! The browser re-simulates a replay exactly as the Bevy viewer does, with
//! arena-sim compiled to wasm, and paints arena-scene's display list on a
//! 2D canvas: one set of rules, one drawing, no states on the wire.
//!
//! [`Player`] is the whole player as plain Rust (load, advance, commands,
//! frame), tested natively. [`exports`] puts it behind a handful of C-ABI
//! functions for the page's script (`engine/server/web/player.js`), with
//! bytes passed through one shared buffer, so the module needs no
//! wasm-bindgen and the build no extra tool: `cargo xtask web` builds it
//! for `wasm32-unknown-unknown`.

pub mod exports;
mod player;

pub use player::{Command, Player};
