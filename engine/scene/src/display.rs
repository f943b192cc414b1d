//! The display list: what one frame shows as quads, discs and text in world
//! coordinates (canvas centre at the origin, y up), back to front. Both
//! painters draw exactly this list: the Bevy viewer as sprites, the web
//! page on a 2D canvas.

use crate::bracket::{Align, AvatarRef, CANVAS, Item, Scene, palette};
use crate::color::Color;
use crate::geom::{Rect, Vec2};

/// Which image a quad shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Img {
    /// A plain colour.
    Solid,
    /// A disc with a soft edge, filling the quad.
    Disc,
    /// A bot's picture (its PNG, else its identicon), tinted by the colour.
    Avatar(AvatarRef),
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A (rotated) rectangle.
    Quad {
        /// Centre.
        center: Vec2,
        /// Width and height.
        size: Vec2,
        /// Rotation in radians, counter-clockwise.
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

/// Canvas (top-left origin, y down) to world (centre origin, y up).
fn to_world(p: Vec2) -> Vec2 {
    Vec2::new(p.x - CANVAS.x / 2.0, CANVAS.y / 2.0 - p.y)
}

fn flip(r: Rect) -> Rect {
    Rect::from_corners(to_world(r.min), to_world(r.max))
}

/// Fills a display list.
#[derive(Debug, Default)]
pub struct Painter {
    /// The shapes so far, back to front.
    pub out: Vec<Shape>,
}

impl Painter {
    /// A painter whose list has room for `capacity` shapes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self { out: Vec::with_capacity(capacity) }
    }

    /// Any shape.
    pub fn push(&mut self, shape: Shape) {
        self.out.push(shape);
    }
    fn quad(&mut self, center: Vec2, size: Vec2, color: Color) {
        self.out.push(Shape::Quad { center, size, rotation: 0.0, color, image: Img::Solid });
    }
    /// A filled rectangle.
    pub fn rect(&mut self, r: Rect, color: Color) {
        self.quad(r.center(), r.size(), color);
    }
    /// A rectangle's outline, `w` wide, centred on its edge.
    pub fn frame(&mut self, r: Rect, color: Color, w: f32) {
        self.rect(Rect::new(r.min.x - w / 2.0, r.max.y - w / 2.0, r.max.x + w / 2.0, r.max.y + w / 2.0), color);
        self.rect(Rect::new(r.min.x - w / 2.0, r.min.y - w / 2.0, r.max.x + w / 2.0, r.min.y + w / 2.0), color);
        self.rect(Rect::new(r.min.x - w / 2.0, r.min.y, r.min.x + w / 2.0, r.max.y), color);
        self.rect(Rect::new(r.max.x - w / 2.0, r.min.y, r.max.x + w / 2.0, r.max.y), color);
    }
    /// A thick line from `a` to `b`.
    pub fn segment(&mut self, a: Vec2, b: Vec2, width: f32, color: Color) {
        let d = b - a;
        self.out.push(Shape::Quad {
            center: (a + b) / 2.0,
            size: Vec2::new(d.length() + width * 0.6, width),
            rotation: d.y.atan2(d.x),
            color,
            image: Img::Solid,
        });
    }
    /// A disc of radius `r` around `c`.
    pub fn disc(&mut self, c: Vec2, r: f32, color: Color) {
        self.out.push(Shape::Quad { center: c, size: Vec2::splat(2.0 * r), rotation: 0.0, color, image: Img::Disc });
    }
    /// One line of text.
    pub fn text(&mut self, pos: Vec2, size: f32, text: impl Into<String>, color: Color, bold: bool, align: Align) {
        self.out.push(Shape::Text { pos, size, text: text.into(), color, bold, align });
    }
    /// A bot's picture in a thin frame.
    pub fn avatar(&mut self, r: Rect, avatar: &AvatarRef) {
        self.rect(r.inflate(3.0), palette::LINE);
        self.out.push(Shape::Quad {
            center: r.center(),
            size: r.size(),
            rotation: 0.0,
            color: Color::WHITE,
            image: Img::Avatar(avatar.clone()),
        });
    }
    /// A scene laid out on the canvas (y down), moved into the world.
    pub fn scene(&mut self, scene: &Scene) {
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

/// Numbers in the wire form are rounded to hundredths of a canvas pixel:
/// finer than any screen shows, and short.
fn num(v: f32) -> serde_json::Value {
    if v.is_finite() { serde_json::json!((f64::from(v) * 100.0).round() / 100.0) } else { serde_json::json!(0) }
}

fn color_json(c: Color) -> serde_json::Value {
    serde_json::json!([num(c.red), num(c.green), num(c.blue), num(c.alpha)])
}

impl Shape {
    /// The shape in the wire form the web page paints and the tests compare:
    /// `["quad", cx, cy, w, h, rotation, [r, g, b, a], image]` where image is
    /// `"solid"`, `"disc"` or `["avatar", sha256, png-or-null]`, and
    /// `["text", x, y, size, [r, g, b, a], bold, "left"|"center"|"right", text]`.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Shape::Quad { center, size, rotation, color, image } => {
                let image = match image {
                    Img::Solid => serde_json::json!("solid"),
                    Img::Disc => serde_json::json!("disc"),
                    Img::Avatar(a) => serde_json::json!([
                        "avatar",
                        a.sha256,
                        a.png.as_ref().map(|p| p.to_string_lossy().into_owned())
                    ]),
                };
                serde_json::json!([
                    "quad",
                    num(center.x),
                    num(center.y),
                    num(size.x),
                    num(size.y),
                    num(*rotation),
                    color_json(*color),
                    image
                ])
            }
            Shape::Text { pos, size, text, color, bold, align } => {
                let align = match align {
                    Align::Left => "left",
                    Align::Center => "center",
                    Align::Right => "right",
                };
                serde_json::json!(["text", num(pos.x), num(pos.y), num(*size), color_json(*color), bold, align, text])
            }
        }
    }
}

/// A whole display list in the wire form (a JSON array, back to front).
pub fn to_json(shapes: &[Shape]) -> String {
    serde_json::Value::Array(shapes.iter().map(Shape::to_json).collect()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_form_names_every_field() {
        let mut p = Painter::default();
        p.disc(Vec2::new(1.0, 2.0), 3.0, Color::srgba(1.0, 0.5, 0.25, 0.125));
        p.text(Vec2::new(-4.0, 5.5), 30.0, "Ada \"the\" bot", palette::TEXT, true, Align::Right);
        let avatar = AvatarRef { sha256: "ab".into(), png: None };
        p.avatar(Rect::new(0.0, 0.0, 10.0, 10.0), &avatar);
        assert_eq!(
            to_json(&p.out),
            r#"[["quad",1.0,2.0,6.0,6.0,0.0,[1.0,0.5,0.25,0.13],"disc"],["text",-4.0,5.5,30.0,[0.96,0.97,1.0,1.0],true,"right","Ada \"the\" bot"],["quad",5.0,5.0,16.0,16.0,0.0,[0.28,0.33,0.45,1.0],"solid"],["quad",5.0,5.0,10.0,10.0,0.0,[1.0,1.0,1.0,1.0],["avatar","ab",null]]]"#
        );
    }
}
