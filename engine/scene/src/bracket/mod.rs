//! The live bracket laid out as shapes on a 1920×1080 canvas, without Bevy
//! entities: pages, match boxes, tables, connectors, text.
//!
//! [`layout_page`] turns the tournament state, the set of matches revealed so
//! far and the highlighted match into a [`Scene`]; [`crate::display::Painter`] turns the
//! scene into sprites and text. Keeping it pure makes it testable: no text
//! below [`MIN_TEXT`] (1/40 of the screen height), no overlapping boxes.
//!
//! Matches are revealed one at a time, so the bracket shows only what the
//! audience has seen: a finished match that has not been shown yet has no
//! score, and the slot its winner moves to still reads "winner of QF1".

#[cfg(feature = "bracket")]
mod groups;
#[cfg(feature = "bracket")]
mod match_box;
#[cfg(feature = "bracket")]
mod pages;
pub mod palette;
#[cfg(feature = "bracket")]
mod reveal;
mod scene;
#[cfg(feature = "bracket")]
mod tables;
mod text;
#[cfg(feature = "bracket")]
mod tree;

#[cfg(feature = "bracket")]
pub use pages::{Page, PageKind, SLICE, layout_page, page_of, pages};
#[cfg(feature = "bracket")]
pub use reveal::{Reveal, Shown};
pub use scene::{Align, AvatarRef, CANVAS, Item, MIN_TEXT, Scene};
#[cfg(feature = "bracket")]
pub use tables::{TableRow, provisional, table_rows};
pub use text::{fit, text_width};
