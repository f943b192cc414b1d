//! The plugin: the camera on the canvas, the fonts and images loaded at
//! start, and the drawing systems in the order a frame needs them.

use bevy::camera::{RenderTarget, ScalingMode};
use bevy::prelude::*;

use crate::bracket::{CANVAS, palette};
use crate::playback::PlaybackSystems;

use super::assets::{AvatarCache, ViewerAssets, disc_image};
use super::bracket::BracketCache;
use super::compose::compose;
use super::fonts::{FALLBACK_BOLD, FALLBACK_REGULAR, FONT_BOLD, FONT_REGULAR, register_fallback};
use super::input::{scrub_with_mouse, toggle_fullscreen};
use super::painter::{self, DisplayList};
use super::sprites::{Pools, ViewScale, sync_pools, view_scale, window_scale};

/// Where the viewer draws: a window, or an image (screenshots).
#[derive(Clone, Debug)]
pub enum Target {
    /// The primary window.
    Window,
    /// An offscreen image of this size.
    Image(Handle<Image>, UVec2),
}

/// Rendering: camera, fonts, the display list and its sync, the scrub bar's
/// mouse, the fullscreen key.
pub struct DrawPlugin {
    /// Where to draw.
    pub target: Target,
}

/// The drawing systems (after playback and the show).
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct DrawSystems;

impl Plugin for DrawPlugin {
    fn build(&self, app: &mut App) {
        let target = self.target.clone();
        let scale = match &target {
            Target::Image(_, size) => view_scale(size.as_vec2()),
            Target::Window => 1.0,
        };
        app.insert_resource(ClearColor(painter::color(palette::BACKGROUND)))
            .insert_resource(ViewScale(scale))
            .init_resource::<AvatarCache>()
            .init_resource::<DisplayList>()
            .init_resource::<Pools>()
            .init_resource::<BracketCache>()
            .add_systems(
                PreStartup,
                move |mut commands: Commands, mut images: ResMut<Assets<Image>>, mut fonts: ResMut<Assets<Font>>| {
                    let assets = ViewerAssets {
                        regular: fonts.add(Font::from_bytes(FONT_REGULAR.to_vec())),
                        bold: fonts.add(Font::from_bytes(FONT_BOLD.to_vec())),
                        disc: images.add(disc_image()),
                        fallback: [
                            fonts.add(Font::from_bytes(FALLBACK_REGULAR.to_vec())),
                            fonts.add(Font::from_bytes(FALLBACK_BOLD.to_vec())),
                        ],
                    };
                    commands.insert_resource(assets);
                    let projection = Projection::Orthographic(OrthographicProjection {
                        scaling_mode: ScalingMode::AutoMin { min_width: CANVAS.x, min_height: CANVAS.y },
                        ..OrthographicProjection::default_2d()
                    });
                    match &target {
                        Target::Window => {
                            commands.spawn((Camera2d, projection));
                        }
                        Target::Image(handle, _) => {
                            commands.spawn((Camera2d, projection, RenderTarget::Image(handle.clone().into())));
                        }
                    }
                },
            )
            .add_systems(
                Update,
                ((window_scale, toggle_fullscreen, scrub_with_mouse, register_fallback), compose, sync_pools)
                    .chain()
                    .in_set(DrawSystems)
                    .after(PlaybackSystems),
            );
    }
}
