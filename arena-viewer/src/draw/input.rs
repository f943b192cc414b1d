//! The operator's keys and mouse that drawing handles: fullscreen, and
//! seeking on the scrub bar.

use arena_scene::PlayCommand;
use arena_scene::fight::scrub_bar_rect;
use bevy::input::ButtonInput;
use bevy::input::keyboard::KeyCode;
use bevy::input::mouse::MouseButton;
use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};

use crate::playback::{Playback, PlaybackCommand};

/// F11 or F toggles fullscreen.
pub(super) fn toggle_fullscreen(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
) {
    let Some(keys) = keys else { return };
    if !keys.any_just_pressed([KeyCode::F11, KeyCode::KeyF]) {
        return;
    }
    if let Ok(mut w) = windows.single_mut() {
        w.mode = match w.mode {
            WindowMode::Windowed => WindowMode::BorderlessFullscreen(MonitorSelection::Current),
            _ => WindowMode::Windowed,
        };
    }
}

/// Clicking or dragging on the scrub bar seeks.
pub(super) fn scrub_with_mouse(
    buttons: Option<Res<ButtonInput<MouseButton>>>,
    windows: Query<&Window, With<PrimaryWindow>>,
    cameras: Query<(&Camera, &GlobalTransform)>,
    playback: Res<Playback>,
    mut out: MessageWriter<PlaybackCommand>,
) {
    let Some(buttons) = buttons else { return };
    if !buttons.pressed(MouseButton::Left) || playback.view.is_none() {
        return;
    }
    let (Ok(window), Ok((camera, at))) = (windows.single(), cameras.single()) else {
        return;
    };
    let Some(cursor) = window.cursor_position() else {
        return;
    };
    let Ok(p) = camera.viewport_to_world_2d(at, cursor) else {
        return;
    };
    let bar = scrub_bar_rect();
    if p.y > bar.min.y - 30.0 && p.y < bar.max.y + 30.0 && p.x >= bar.min.x - 10.0 && p.x <= bar.max.x + 10.0 {
        out.write(PlaybackCommand::Play(PlayCommand::Seek((p.x - bar.min.x) / bar.width())));
    }
}
