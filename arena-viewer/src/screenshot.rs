//! `arena-viewer screenshot`: one frame rendered offscreen to a PNG.
//!
//! No window and no X server: the winit plugin is left out, the camera
//! renders into an image, and the frame is read back with Bevy's
//! screenshot support. It needs a Vulkan driver (on a machine without a GPU,
//! Mesa's lavapipe: the `mesa-vulkan-drivers` and `libvulkan1` packages).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;
use bevy::render::RenderPlugin;
use bevy::render::render_resource::{Extent3d, PollType, TextureDimension, TextureFormat, TextureUsages};
use bevy::render::renderer::RenderDevice;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::window::ExitCondition;
use bevy::winit::WinitPlugin;

use crate::draw::{DisplayList, DrawPlugin, Shape, Target};
use crate::live::{Live, LivePlugin, Show};
use crate::playback::{Notices, Playback, PlaybackPlugin};

/// What to render.
#[derive(Clone, Debug)]
pub enum Shot {
    /// A replay at one tick.
    Replay {
        /// The replay file.
        path: PathBuf,
        /// The round, from 1.
        round: usize,
        /// The tick within it.
        tick: usize,
        /// Show the side panel.
        panel: bool,
        /// Avatar PNGs of the left and right bots.
        avatars: [Option<PathBuf>; 2],
    },
    /// A tournament's bracket as it stands, every finished match shown.
    Live {
        /// The directory holding `state.json`.
        dir: PathBuf,
        /// The page, from 0 (default: the page of the last finished match).
        page: Option<usize>,
    },
}

/// Renders `shot` at `size` and writes it to `out` as a PNG, and the
/// frame's display list to `display_list` when given (arena-scene's wire
/// form, the list the web page paints for the same frame). Errors are
/// sentences: a replay or state that cannot be read, no GPU, a file that
/// cannot be written.
pub fn take(shot: &Shot, size: UVec2, out: &Path, display_list: Option<&Path>) -> Result<(), String> {
    let (image, shapes) = render_with_list(shot, size)?;
    let rgba = image.try_into_dynamic().map_err(|e| format!("cannot convert the frame: {e}"))?.to_rgb8();
    rgba.save_with_format(out, image::ImageFormat::Png).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    if let Some(path) = display_list {
        std::fs::write(path, arena_scene::display::to_json(&shapes))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Renders `shot` at `size` and returns the frame.
pub fn render(shot: &Shot, size: UVec2) -> Result<Image, String> {
    render_with_list(shot, size).map(|(image, _)| image)
}

/// Renders `shot` at `size` and returns the frame and the display list it
/// was drawn from.
pub fn render_with_list(shot: &Shot, size: UVec2) -> Result<(Image, Vec<Shape>), String> {
    if size.x < 64 || size.y < 64 || size.x > 8192 || size.y > 8192 {
        return Err(format!("the size {}x{} is not between 64x64 and 8192x8192", size.x, size.y));
    }
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin { primary_window: None, exit_condition: ExitCondition::DontExit, ..default() })
            .set(RenderPlugin { synchronous_pipeline_compilation: true, ..default() })
            .disable::<WinitPlugin>(),
    );
    match shot {
        Shot::Replay { path, round, tick, panel, avatars } => {
            app.add_plugins(PlaybackPlugin);
            let mut playback = Playback { avatars: avatars.clone(), show_panel: *panel, ..Playback::default() };
            playback.load(path)?;
            if let Some(view) = playback.view.clone() {
                let r = round.saturating_sub(1).min(view.rounds.len() - 1);
                let pos = view.to_position(r, *tick);
                playback.head.seek(&view, pos);
                playback.head.paused = true;
            }
            app.insert_resource(playback);
        }
        Shot::Live { dir, page } => {
            let state = arena_live::read(dir).map_err(|e| e.to_string())?;
            app.insert_resource(Live::with_state(dir, state));
            app.add_plugins(PlaybackPlugin);
            app.add_plugins(LivePlugin { dir: dir.clone(), watch: false, skip_finished: true });
            let mut show = Show::default();
            show.reveal_all = true;
            if let Some(p) = page {
                show.page = *p;
                show.manual_page = true;
            }
            app.insert_resource(show);
        }
    }
    let mut target = Image::new_uninit(
        Extent3d { width: size.x, height: size.y, depth_or_array_layers: 1 },
        TextureDimension::D2,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::all(),
    );
    target.texture_descriptor.usage |=
        TextureUsages::RENDER_ATTACHMENT | TextureUsages::COPY_SRC | TextureUsages::TEXTURE_BINDING;
    let handle = app.world_mut().resource_mut::<Assets<Image>>().add(target);
    app.add_plugins(DrawPlugin { target: Target::Image(handle.clone(), size) });
    app.finish();
    app.cleanup();

    let captured: Arc<Mutex<Option<Image>>> = Arc::default();
    // A few frames for fonts, avatars and text layout to settle.
    for _ in 0..4 {
        update(&mut app);
    }
    if let Some(n) = app.world().get_resource::<Notices>()
        && !n.is_empty()
    {
        warn!("{}", n.text());
    }
    let slot = captured.clone();
    app.world_mut().spawn(Screenshot::image(handle)).observe(move |shot: On<ScreenshotCaptured>| {
        if let Ok(mut s) = slot.lock() {
            *s = Some(shot.image.clone());
        }
    });
    for _ in 0..30 {
        update(&mut app);
        if let Some(img) = captured.lock().ok().and_then(|mut s| s.take()) {
            return Ok((img, app.world().resource::<DisplayList>().shapes.clone()));
        }
    }
    Err("the frame was never captured (is a Vulkan driver installed? on a machine without a GPU, install mesa-vulkan-drivers)".into())
}

fn update(app: &mut App) {
    app.update();
    if let Some(device) = app.world().get_resource::<RenderDevice>() {
        let _ = device.wgpu_device().poll(PollType::Wait { submission_index: None, timeout: None });
    }
}
