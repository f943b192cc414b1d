//! # arena-scene: what a frame shows, for every painter
//!
//! The drawing of Arena, written once: a replay re-simulated for viewing
//! ([`timeline`]), the fighters posed for what they do ([`pose`]), the
//! fight with its HUD, side panel and scrub bar ([`fight`]), the live
//! bracket's pages ([`bracket`]) and the identicons of bots without a
//! picture ([`avatar`]), all painted into a [`display`] list of quads and
//! text on a 1920×1080 canvas.
//!
//! Two painters draw that list and nothing else: the Bevy viewer (sprites
//! and text entities) and the web page (a 2D canvas, through `arena-web`
//! compiled to wasm). So the projector and a phone show the same frame of
//! the same replay, and a test can compare their display lists.
//!
//! Nothing here knows Bevy or the browser. The `bracket` feature (on by
//! default) adds the bracket's layout, which reads a tournament's state;
//! the web player builds without it.

pub mod avatar;
pub mod bracket;
pub mod color;
pub mod display;
pub mod fight;
pub mod geom;
pub mod pose;
pub mod timeline;

pub use color::Color;
pub use display::{Img, Painter, Shape};
pub use fight::{Decor, draw_match};
pub use geom::{Rect, Vec2};
pub use timeline::{MatchView, PlayCommand, Playhead};
