//! A laid-out page as plain shapes on the canvas, so that layout needs no
//! Bevy entities and can be tested as data.

use std::path::PathBuf;

use crate::color::Color;
use crate::geom::{Rect, Vec2};

/// The canvas everything is laid out on; it is scaled to the screen.
pub const CANVAS: Vec2 = Vec2::new(1920.0, 1080.0);
/// The smallest text on a bracket page: 1/40 of the canvas height, rounded
/// up.
pub const MIN_TEXT: f32 = 28.0;

/// How a text is placed horizontally on its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// The point is the text's left end.
    Left,
    /// The point is the text's centre.
    Center,
    /// The point is the text's right end.
    Right,
}

/// A bot picture: its PNG when it has one, else an identicon of its hash.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AvatarRef {
    /// SHA-256 of the bot (the identicon is drawn from it).
    pub sha256: String,
    /// The PNG, if the bot has one.
    pub png: Option<PathBuf>,
}

/// One shape of a scene, in canvas coordinates (origin top left, y down).
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A filled rectangle.
    Rect {
        /// Where.
        rect: Rect,
        /// Fill.
        color: Color,
    },
    /// A rectangle outline.
    Frame {
        /// Where.
        rect: Rect,
        /// Stroke.
        color: Color,
        /// Stroke width.
        width: f32,
    },
    /// A straight line.
    Line {
        /// One end.
        from: Vec2,
        /// The other end.
        to: Vec2,
        /// Width.
        width: f32,
        /// Colour.
        color: Color,
    },
    /// One line of text, vertically centred on `pos.y`.
    Text {
        /// The anchor point.
        pos: Vec2,
        /// Font size (canvas pixels).
        size: f32,
        /// The text.
        text: String,
        /// Colour.
        color: Color,
        /// Bold face.
        bold: bool,
        /// Horizontal placement on the point.
        align: Align,
    },
    /// A bot's picture in a square.
    Avatar {
        /// Where.
        rect: Rect,
        /// Whose.
        avatar: AvatarRef,
    },
}

/// A laid-out page: shapes in drawing order, and where each match box is.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    /// The shapes, back to front.
    pub items: Vec<Item>,
    /// Each match box on the page, by match id.
    pub boxes: Vec<(String, Rect)>,
}

// Layout writes scenes; without the `bracket` feature nothing does.
#[cfg_attr(not(feature = "bracket"), allow(dead_code))]
impl Scene {
    pub(super) fn text(
        &mut self,
        pos: Vec2,
        size: f32,
        text: impl Into<String>,
        color: Color,
        bold: bool,
        align: Align,
    ) {
        self.items.push(Item::Text { pos, size, text: text.into(), color, bold, align });
    }
    pub(super) fn rect(&mut self, rect: Rect, color: Color) {
        self.items.push(Item::Rect { rect, color });
    }
    pub(super) fn frame(&mut self, rect: Rect, color: Color, width: f32) {
        self.items.push(Item::Frame { rect, color, width });
    }
    pub(super) fn line(&mut self, from: Vec2, to: Vec2, width: f32, color: Color) {
        self.items.push(Item::Line { from, to, width, color });
    }
}
