//! The palette: dark background, light text, one accent for the highlight.

use crate::color::Color;

/// The background.
pub const BACKGROUND: Color = Color::srgb(0.035, 0.047, 0.078);
/// A match box or table row.
pub const BOX: Color = Color::srgb(0.11, 0.135, 0.2);
/// A box's outline and the connectors.
pub const LINE: Color = Color::srgb(0.28, 0.33, 0.45);
/// Connectors a result has passed along.
pub const LINE_DONE: Color = Color::srgb(0.6, 0.65, 0.75);
/// Ordinary text.
pub const TEXT: Color = Color::srgb(0.96, 0.97, 1.0);
/// Secondary text: placeholders, headers, losers.
pub const DIM: Color = Color::srgb(0.56, 0.6, 0.7);
/// The highlight: the match being shown.
pub const HIGHLIGHT: Color = Color::srgb(1.0, 0.82, 0.2);
/// The operator's selection.
pub const CURSOR: Color = Color::srgb(0.3, 0.8, 1.0);
/// A winner's score.
pub const WIN: Color = Color::srgb(0.45, 0.95, 0.55);
/// Table header and title bar.
pub const BAR: Color = Color::srgb(0.07, 0.09, 0.14);
