//! The display list and the painter that fills it: quads, discs, lines
//! and text in world coordinates, and laid-out bracket scenes moved there
//! from the canvas.

use bevy::prelude::*;

use crate::bracket::{Align, AvatarRef, CANVAS, Item, Scene, palette};

use super::assets::AvatarCache;

/// Which image a quad shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Img {
    /// A plain colour.
    Solid,
    /// The soft disc.
    Disc,
    /// A picture.
    Picture(Handle<Image>),
}

/// One thing to draw, in world coordinates (canvas centre at the origin,
/// y up).
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A (rotated) rectangle.
    Quad {
        /// Centre.
        center: Vec2,
        /// Width and height.
        size: Vec2,
        /// Rotation in radians.
        rotation: f32,
        /// Colour (tint for pictures).
        color: Color,
        /// What it shows.
        image: Img,
    },
    /// A line of text, vertically centred on `pos.y`.
    Text {
        /// The anchor point.
        pos: Vec2,
        /// Size in canvas pixels.
        size: f32,
        /// The text.
        text: String,
        /// Colour.
        color: Color,
        /// Bold face.
        bold: bool,
        /// Horizontal placement.
        align: Align,
    },
}

/// The frame to draw, rebuilt every frame.
#[derive(Resource, Default)]
pub struct DisplayList {
    /// Back to front.
    pub shapes: Vec<Shape>,
}

/// Canvas (top-left origin, y down) to world (centre origin, y up).
fn to_world(p: Vec2) -> Vec2 {
    Vec2::new(p.x - CANVAS.x / 2.0, CANVAS.y / 2.0 - p.y)
}

pub(super) struct Painter<'a> {
    pub(super) out: Vec<Shape>,
    pub(super) avatars: &'a mut AvatarCache,
    pub(super) images: &'a mut Assets<Image>,
}

impl Painter<'_> {
    fn quad(&mut self, center: Vec2, size: Vec2, color: Color) {
        self.out.push(Shape::Quad { center, size, rotation: 0.0, color, image: Img::Solid });
    }
    pub(super) fn rect(&mut self, r: Rect, color: Color) {
        self.quad(r.center(), r.size(), color);
    }
    pub(super) fn frame(&mut self, r: Rect, color: Color, w: f32) {
        self.rect(Rect::new(r.min.x - w / 2.0, r.max.y - w / 2.0, r.max.x + w / 2.0, r.max.y + w / 2.0), color);
        self.rect(Rect::new(r.min.x - w / 2.0, r.min.y - w / 2.0, r.max.x + w / 2.0, r.min.y + w / 2.0), color);
        self.rect(Rect::new(r.min.x - w / 2.0, r.min.y, r.min.x + w / 2.0, r.max.y), color);
        self.rect(Rect::new(r.max.x - w / 2.0, r.min.y, r.max.x + w / 2.0, r.max.y), color);
    }
    pub(super) fn segment(&mut self, a: Vec2, b: Vec2, width: f32, color: Color) {
        let d = b - a;
        self.out.push(Shape::Quad {
            center: (a + b) / 2.0,
            size: Vec2::new(d.length() + width * 0.6, width),
            rotation: d.y.atan2(d.x),
            color,
            image: Img::Solid,
        });
    }
    pub(super) fn disc(&mut self, c: Vec2, r: f32, color: Color) {
        self.out.push(Shape::Quad { center: c, size: Vec2::splat(2.0 * r), rotation: 0.0, color, image: Img::Disc });
    }
    pub(super) fn text(
        &mut self,
        pos: Vec2,
        size: f32,
        text: impl Into<String>,
        color: Color,
        bold: bool,
        align: Align,
    ) {
        self.out.push(Shape::Text { pos, size, text: text.into(), color, bold, align });
    }
    pub(super) fn avatar(&mut self, r: Rect, avatar: &AvatarRef) {
        let h = self.avatars.get(avatar, self.images);
        self.rect(r.inflate(3.0), palette::LINE);
        self.out.push(Shape::Quad {
            center: r.center(),
            size: r.size(),
            rotation: 0.0,
            color: Color::WHITE,
            image: Img::Picture(h),
        });
    }
    /// Draws a scene laid out on the canvas.
    pub(super) fn scene(&mut self, scene: &Scene) {
        for item in &scene.items {
            match item {
                Item::Rect { rect, color } => self.rect(flip(*rect), *color),
                Item::Frame { rect, color, width } => self.frame(flip(*rect), *color, *width),
                Item::Line { from, to, width, color } => self.segment(to_world(*from), to_world(*to), *width, *color),
                Item::Text { pos, size, text, color, bold, align } => {
                    self.text(to_world(*pos), *size, text.clone(), *color, *bold, *align)
                }
                Item::Avatar { rect, avatar } => self.avatar(flip(*rect), avatar),
            }
        }
    }
}

fn flip(r: Rect) -> Rect {
    let a = to_world(r.min);
    let b = to_world(r.max);
    Rect::from_corners(a, b)
}
