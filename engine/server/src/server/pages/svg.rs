//! arena-scene's display list as SVG: the third painter, for the live
//! bracket in a page. The layout is the projector's own; a browser scales
//! and zooms it.

use std::fmt::Write as _;

use arena_scene::avatar::{IDENTICON_PIXELS, identicon};
use arena_scene::bracket::Align;
use arena_scene::{Color, Img, Shape};

use super::html::escape;

fn fill(c: Color) -> String {
    let b = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!(r#"fill="rgb({},{},{})" fill-opacity="{:.3}""#, b(c.red), b(c.green), b(c.blue), c.alpha.clamp(0.0, 1.0))
}

/// `avatar` gives the address of a bot's picture from its hash and PNG
/// path; `None` draws its identicon.
pub(super) fn to_svg(shapes: &[Shape], avatar: impl Fn(&str, &str) -> Option<String>) -> String {
    let mut out = String::from(
        r#"<svg class="bracket" viewBox="0 0 1920 1080" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="the bracket"><rect width="1920" height="1080" fill="rgb(9,12,20)"/>"#,
    );
    for shape in shapes {
        match shape {
            Shape::Quad { center, size, rotation, color, image } => {
                let (x, y) = (960.0 + center.x, 540.0 - center.y);
                let turn = if *rotation == 0.0 {
                    String::new()
                } else {
                    format!(r#" transform="rotate({:.2} {x:.1} {y:.1})""#, -rotation.to_degrees())
                };
                let (l, t) = (x - size.x / 2.0, y - size.y / 2.0);
                match image {
                    Img::Solid => {
                        let _ = write!(
                            out,
                            r#"<rect x="{l:.1}" y="{t:.1}" width="{:.1}" height="{:.1}" {}{turn}/>"#,
                            size.x,
                            size.y,
                            fill(*color)
                        );
                    }
                    Img::Disc => {
                        let _ = write!(
                            out,
                            r#"<ellipse cx="{x:.1}" cy="{y:.1}" rx="{:.1}" ry="{:.1}" {}/>"#,
                            size.x / 2.0,
                            size.y / 2.0,
                            fill(*color)
                        );
                    }
                    Img::Avatar(a) => {
                        let png = a.png.as_ref().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
                        match avatar(&a.sha256, &png) {
                            Some(href) => {
                                let _ = write!(
                                    out,
                                    r#"<image x="{l:.1}" y="{t:.1}" width="{:.1}" height="{:.1}" href="{}"/>"#,
                                    size.x,
                                    size.y,
                                    escape(&href)
                                );
                            }
                            None => {
                                let n = IDENTICON_PIXELS as usize;
                                let cell = (size.x / n as f32, size.y / n as f32);
                                for (i, px) in identicon(&a.sha256).chunks(4).enumerate() {
                                    let _ = write!(
                                        out,
                                        r#"<rect x="{:.1}" y="{:.1}" width="{:.2}" height="{:.2}" fill="rgb({},{},{})"/>"#,
                                        l + (i % n) as f32 * cell.0,
                                        t + (i / n) as f32 * cell.1,
                                        cell.0 + 0.3,
                                        cell.1 + 0.3,
                                        px[0],
                                        px[1],
                                        px[2]
                                    );
                                }
                            }
                        }
                    }
                }
            }
            Shape::Text { pos, size, text, color, bold, align } => {
                let anchor = match align {
                    Align::Left => "start",
                    Align::Center => "middle",
                    Align::Right => "end",
                };
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}" text-anchor="{anchor}" dominant-baseline="central" font-weight="{}" {}>{}</text>"#,
                    960.0 + pos.x,
                    540.0 - pos.y,
                    if *bold { 700 } else { 400 },
                    fill(*color),
                    escape(text)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use arena_scene::bracket::AvatarRef;
    use arena_scene::{Painter, Rect, Vec2};

    use super::*;

    #[test]
    fn shapes_land_where_the_canvas_puts_them() {
        let mut p = Painter::default();
        p.rect(Rect::new(-960.0, 440.0, 960.0, 540.0), Color::srgb(1.0, 0.0, 0.0));
        p.text(Vec2::new(0.0, 0.0), 40.0, "<Ada>", Color::WHITE, true, Align::Center);
        p.avatar(Rect::new(0.0, 0.0, 70.0, 70.0), &AvatarRef { sha256: "ab".into(), png: None });
        let svg = to_svg(&p.out, |_, _| None);
        assert!(svg.contains(r#"<rect x="0.0" y="0.0" width="1920.0" height="100.0" fill="rgb(255,0,0)""#), "{svg}");
        assert!(svg.contains(r#"<text x="960.0" y="540.0" font-size="40.0" text-anchor="middle""#), "{svg}");
        assert!(svg.contains("&lt;Ada&gt;</text>"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 1 + 1 + 49 + 1, "background, bar, frame, 7×7 identicon: {svg}");
    }
}
