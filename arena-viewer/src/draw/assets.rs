//! What every frame shares: the font handles, the soft disc, and each
//! bot's picture, decoded once.

use std::collections::HashMap;
use std::path::PathBuf;

use bevy::asset::RenderAssetUsages;
use bevy::image::{CompressedImageFormats, ImageSampler, ImageType};
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

use crate::avatar::{IDENTICON_PIXELS, identicon};
use crate::bracket::AvatarRef;

/// Fonts and shared images.
#[derive(Resource, Clone)]
pub struct ViewerAssets {
    /// The regular face.
    pub regular: Handle<Font>,
    /// The bold face.
    pub bold: Handle<Font>,
    /// A white disc with a soft edge (heads, fists, fireballs, sparks).
    pub disc: Handle<Image>,
    /// The fallback faces (kept loaded).
    pub fallback: [Handle<Font>; 2],
}

/// Avatars loaded so far.
#[derive(Resource, Default)]
pub struct AvatarCache(HashMap<AvatarRef, Handle<Image>>);

/// A soft-edged white disc, 64×64.
pub(super) fn disc_image() -> Image {
    let n = 64u32;
    let mut data = Vec::with_capacity((n * n * 4) as usize);
    for y in 0..n {
        for x in 0..n {
            let dx = x as f32 + 0.5 - n as f32 / 2.0;
            let dy = y as f32 + 0.5 - n as f32 / 2.0;
            let d = (dx * dx + dy * dy).sqrt();
            let a = ((n as f32 / 2.0 - d) * 1.5).clamp(0.0, 1.0);
            data.extend_from_slice(&[255, 255, 255, (a * 255.0) as u8]);
        }
    }
    let mut img = Image::new(
        Extent3d { width: n, height: n, depth_or_array_layers: 1 },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::default(),
    );
    img.sampler = ImageSampler::linear();
    img
}

impl AvatarCache {
    /// The picture for `avatar`: its PNG if it loads, else its identicon.
    pub fn get(&mut self, avatar: &AvatarRef, images: &mut Assets<Image>) -> Handle<Image> {
        if let Some(h) = self.0.get(avatar) {
            return h.clone();
        }
        let png = avatar
            .png
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            // A PNG too big for a texture (or for memory) is never decoded:
            // the file may not be the one checked at submission.
            .filter(|bytes| arena_sim::avatar::check_png(bytes).is_ok())
            .and_then(|bytes| {
                Image::from_buffer(
                    &bytes,
                    ImageType::Extension("png"),
                    CompressedImageFormats::NONE,
                    true,
                    ImageSampler::linear(),
                    RenderAssetUsages::default(),
                )
                .ok()
            });
        let image = png.unwrap_or_else(|| {
            let mut img = Image::new(
                Extent3d { width: IDENTICON_PIXELS, height: IDENTICON_PIXELS, depth_or_array_layers: 1 },
                TextureDimension::D2,
                identicon(&avatar.sha256),
                TextureFormat::Rgba8UnormSrgb,
                RenderAssetUsages::default(),
            );
            img.sampler = ImageSampler::nearest();
            img
        });
        let h = images.add(image);
        self.0.insert(avatar.clone(), h.clone());
        h
    }
}

/// A bot's avatar path given on the command line, by side.
pub type Avatars = [Option<PathBuf>; 2];
