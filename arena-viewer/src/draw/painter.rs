//! The frame's display list as a Bevy resource, and arena-scene's colours
//! and points in Bevy's types.

use bevy::prelude::*;

pub use arena_scene::{Img, Shape};

/// The frame to draw, rebuilt every frame by arena-scene's painter.
#[derive(Resource, Default)]
pub struct DisplayList {
    /// Back to front.
    pub shapes: Vec<Shape>,
}

/// A scene colour as Bevy's.
pub(super) fn color(c: arena_scene::Color) -> Color {
    Color::srgba(c.red, c.green, c.blue, c.alpha)
}

/// A scene point as Bevy's.
pub(super) fn vec2(v: arena_scene::Vec2) -> Vec2 {
    Vec2::new(v.x, v.y)
}
