//! Drawing: the fight, the bracket and the notices, as sprites and text on
//! a 1920×1080 canvas scaled to the screen.
//!
//! Each frame the scene is described as a flat display list of [`Shape`]s
//! (quads and text, back to front) and synced onto a pool of sprite and
//! text entities, touching only what changed. Text is laid out at the
//! screen's real pixel size, so it stays sharp from 1280×720 to 3840×2160.
//!
//! A frame is composed (`compose`) from the bracket screen between matches
//! or the fight with its HUD, side panel and scrub bar, painted by
//! arena-scene into the display list (`painter`), and synced onto entities
//! (`sprites`).

mod assets;
mod bracket;
mod compose;
mod fonts;
mod input;
mod painter;
mod plugin;
mod sprites;

pub use assets::{AvatarCache, Avatars, ViewerAssets};
pub use painter::{DisplayList, Img, Shape};
pub use plugin::{DrawPlugin, DrawSystems, Target};
pub use sprites::ViewScale;
