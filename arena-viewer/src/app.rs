//! Putting the viewer together: the logic plugins for a mode, and the
//! windowed app.

use std::path::PathBuf;
use std::time::Instant;

use bevy::prelude::*;
use bevy::window::{PresentMode, WindowMode};

use crate::draw::{DrawPlugin, Target};
use crate::live::LivePlugin;
use crate::playback::{Notices, Playback, PlaybackPlugin};

/// What the viewer shows.
#[derive(Clone, Debug)]
pub enum Mode {
    /// One replay file.
    Replay {
        /// The file.
        path: PathBuf,
        /// Avatar PNGs of the left and right bots.
        avatars: [Option<PathBuf>; 2],
    },
    /// A tournament's output directory, followed live.
    Live {
        /// The directory holding `state.json`.
        dir: PathBuf,
        /// Treat matches already finished at start-up as shown.
        skip_finished: bool,
        /// Use file events as well as polling.
        watch: bool,
    },
}

/// Adds the rendering-free part of the viewer for `mode` to `app`: playback,
/// and for live mode the state follower and the show. A replay that cannot
/// be read becomes an on-screen notice.
pub fn logic_plugins(app: &mut App, mode: &Mode) {
    app.add_plugins(PlaybackPlugin);
    match mode {
        Mode::Replay { path, avatars } => {
            let mut playback = Playback { keys_enabled: true, avatars: avatars.clone(), ..Playback::default() };
            let mut notices = Notices::default();
            if let Err(e) = playback.load(path) {
                notices.set("replay", e);
            }
            app.insert_resource(playback).insert_resource(notices);
        }
        Mode::Live { dir, skip_finished, watch } => {
            app.add_plugins(LivePlugin { dir: dir.clone(), watch: *watch, skip_finished: *skip_finished });
        }
    }
}

/// Runs the viewer in a window (fullscreen on request) until it is closed;
/// with `log_fps`, logs the frame rate every second.
pub fn run_window(mode: Mode, fullscreen: bool, log_fps: bool) -> AppExit {
    let started = Instant::now();
    let title = match &mode {
        Mode::Replay { path, .. } => format!("Arena: {}", path.display()),
        Mode::Live { dir, .. } => format!("Arena live: {}", dir.display()),
    };
    let window = Window {
        title,
        resolution: (1600u32, 900u32).into(),
        present_mode: PresentMode::AutoVsync,
        mode: if fullscreen {
            WindowMode::BorderlessFullscreen(bevy::window::MonitorSelection::Current)
        } else {
            WindowMode::Windowed
        },
        ..default()
    };
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin { primary_window: Some(window), ..default() }));
    logic_plugins(&mut app, &mode);
    app.add_plugins(DrawPlugin { target: Target::Window });
    if log_fps {
        app.add_plugins((
            bevy::diagnostic::FrameTimeDiagnosticsPlugin::default(),
            bevy::diagnostic::LogDiagnosticsPlugin::default(),
        ));
    }
    app.add_systems(Last, move |mut frames: Local<u32>| {
        *frames += 1;
        if *frames == 2 {
            info!("first frame drawn {} ms after start", started.elapsed().as_millis());
        }
    });
    app.run()
}
