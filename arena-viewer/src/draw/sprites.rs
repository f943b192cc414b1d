//! The display list synced onto a pool of sprite and text entities,
//! touching only what changed, with text laid out at the screen's pixel
//! size.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::text::{FontSize, FontSource, FontWeight};
use bevy::window::PrimaryWindow;

use crate::bracket::{Align, CANVAS};

use super::assets::{AvatarCache, ViewerAssets};
use super::painter::{DisplayList, Img, Shape, color, vec2};

/// Screen pixels per canvas pixel.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct ViewScale(pub f32);

#[derive(Resource, Default)]
pub(super) struct Pools {
    quads: Vec<Entity>,
    texts: Vec<Entity>,
}

#[derive(Component)]
pub(super) struct PoolQuad;

#[derive(Component)]
pub(super) struct PoolText;

pub(super) fn view_scale(size: Vec2) -> f32 {
    (size.x / CANVAS.x).min(size.y / CANVAS.y).max(0.05)
}

pub(super) fn window_scale(windows: Query<&Window, With<PrimaryWindow>>, mut scale: ResMut<ViewScale>) {
    if let Ok(w) = windows.single() {
        let s = view_scale(Vec2::new(w.width(), w.height()));
        if (scale.0 - s).abs() > 1e-4 {
            scale.0 = s;
        }
    }
}

/// Syncs the display list onto the pooled entities.
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
pub(super) fn sync_pools(
    mut commands: Commands,
    list: Res<DisplayList>,
    scale: Res<ViewScale>,
    assets: Res<ViewerAssets>,
    mut avatars: ResMut<AvatarCache>,
    mut images: ResMut<Assets<Image>>,
    mut pools: ResMut<Pools>,
    mut quads: Query<(&mut Sprite, &mut Transform, &mut Visibility), (With<PoolQuad>, Without<PoolText>)>,
    mut texts: Query<
        (&mut Text2d, &mut TextFont, &mut TextColor, &mut Anchor, &mut Transform, &mut Visibility),
        (With<PoolText>, Without<PoolQuad>),
    >,
) {
    let s = scale.0;
    let (mut qi, mut ti) = (0usize, 0usize);
    for (z, shape) in list.shapes.iter().enumerate() {
        let zf = z as f32 * 0.01;
        match shape {
            Shape::Quad { center, size, rotation, color: c, image } => {
                let handle = match image {
                    Img::Solid => Handle::default(),
                    Img::Disc => assets.disc.clone(),
                    Img::Avatar(avatar) => avatars.get(avatar, &mut images),
                };
                let (center, size, color) = (vec2(*center), &vec2(*size), &color(*c));
                let transform =
                    Transform::from_xyz(center.x, center.y, zf).with_rotation(Quat::from_rotation_z(*rotation));
                if qi < pools.quads.len() {
                    if let Ok((mut sprite, mut t, mut vis)) = quads.get_mut(pools.quads[qi]) {
                        if sprite.image != handle || sprite.color != *color || sprite.custom_size != Some(*size) {
                            sprite.image = handle;
                            sprite.color = *color;
                            sprite.custom_size = Some(*size);
                        }
                        if *t != transform {
                            *t = transform;
                        }
                        vis.set_if_neq(Visibility::Inherited);
                    }
                } else {
                    let e = commands
                        .spawn((
                            PoolQuad,
                            Sprite { image: handle, color: *color, custom_size: Some(*size), ..default() },
                            transform,
                        ))
                        .id();
                    pools.quads.push(e);
                }
                qi += 1;
            }
            Shape::Text { pos, size, text, color: c, bold, align } => {
                let (pos, color) = (vec2(*pos), &color(*c));
                let font = TextFont {
                    font: FontSource::Handle(if *bold { assets.bold.clone() } else { assets.regular.clone() }),
                    font_size: FontSize::Px((size * s).round().max(1.0)),
                    weight: if *bold { FontWeight::BOLD } else { FontWeight::NORMAL },
                    ..default()
                };
                let anchor = match align {
                    Align::Left => Anchor::CENTER_LEFT,
                    Align::Center => Anchor::CENTER,
                    Align::Right => Anchor::CENTER_RIGHT,
                };
                let transform = Transform::from_xyz(pos.x, pos.y, zf).with_scale(Vec3::splat(1.0 / s));
                if ti < pools.texts.len() {
                    if let Ok((mut t2, mut f, mut c, mut a, mut t, mut vis)) = texts.get_mut(pools.texts[ti]) {
                        if t2.0 != *text {
                            t2.0.clone_from(text);
                        }
                        if f.font != font.font || f.font_size != font.font_size || f.weight != font.weight {
                            *f = font;
                        }
                        c.set_if_neq(TextColor(*color));
                        a.set_if_neq(anchor);
                        if *t != transform {
                            *t = transform;
                        }
                        vis.set_if_neq(Visibility::Inherited);
                    }
                } else {
                    let e = commands
                        .spawn((PoolText, Text2d::new(text.clone()), font, TextColor(*color), anchor, transform))
                        .id();
                    pools.texts.push(e);
                }
                ti += 1;
            }
        }
    }
    for &e in pools.quads.iter().skip(qi) {
        if let Ok((_, _, mut vis)) = quads.get_mut(e) {
            vis.set_if_neq(Visibility::Hidden);
        }
    }
    for &e in pools.texts.iter().skip(ti) {
        if let Ok((.., mut vis)) = texts.get_mut(e) {
            vis.set_if_neq(Visibility::Hidden);
        }
    }
}
