//! Replay playback as Bevy systems: the [`Playback`] resource, the
//! operator's [`PlaybackCommand`]s and the keys that send them.
//!
//! These systems need no renderer: they run under `MinimalPlugins` in the
//! tests. The drawing lives in [`crate::draw`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::input::ButtonInput;
use bevy::input::keyboard::KeyCode;
use bevy::prelude::*;

use crate::timeline::{MatchView, PlayCommand, Playhead};

/// The match being played, and where playback stands.
#[derive(Resource, Default)]
pub struct Playback {
    /// The re-simulated replay, once one is loaded.
    pub view: Option<Arc<MatchView>>,
    /// Where playback stands.
    pub head: Playhead,
    /// The replay file shown.
    pub source: Option<PathBuf>,
    /// Avatar PNGs of the left and right bots, when they have one.
    pub avatars: [Option<PathBuf>; 2],
    /// A line above the fight: where the match sits in the tournament.
    pub caption: Option<String>,
    /// Whether the side panel (logs, faults, actions asked and applied) is
    /// shown.
    pub show_panel: bool,
    /// Whether the playback keys are live (replay mode, or a match being
    /// shown in live mode).
    pub keys_enabled: bool,
}

impl Playback {
    /// Starts showing `view` from its first tick, keeping the speed and the
    /// panel setting.
    pub fn start(&mut self, view: Arc<MatchView>, source: Option<PathBuf>) {
        let speed = self.head.speed_exp();
        self.head = Playhead::default();
        self.head.set_speed_exp(speed);
        self.view = Some(view);
        self.source = source;
    }

    /// Loads a replay file and starts it; on failure nothing is shown and the
    /// error is returned as a sentence for the screen.
    pub fn load(&mut self, path: &Path) -> Result<(), String> {
        match MatchView::load(path) {
            Ok(view) => {
                self.start(Arc::new(view), Some(path.to_owned()));
                Ok(())
            }
            Err(e) => {
                self.view = None;
                self.source = Some(path.to_owned());
                Err(e)
            }
        }
    }
}

/// Messages shown on screen instead of crashing: a replay that cannot be
/// read, a damaged `state.json`. Keyed by where they come from, so each
/// source replaces or clears its own.
#[derive(Resource, Default, Debug)]
pub struct Notices {
    /// Message per source.
    pub messages: BTreeMap<&'static str, String>,
}

impl Notices {
    /// Sets the message of `source`.
    pub fn set(&mut self, source: &'static str, message: impl Into<String>) {
        self.messages.insert(source, message.into());
    }

    /// Clears the message of `source`.
    pub fn clear(&mut self, source: &'static str) {
        self.messages.remove(source);
    }

    /// Every message, one per line.
    pub fn text(&self) -> String {
        self.messages.values().cloned().collect::<Vec<_>>().join("\n")
    }

    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }
}

/// What the operator asks playback to do: a move of the playhead (the
/// same moves as the web player's, arena-scene's [`PlayCommand`]), or the
/// side panel.
#[derive(Message, Clone, Copy, Debug, PartialEq)]
pub enum PlaybackCommand {
    /// A move of the playhead.
    Play(PlayCommand),
    /// Show or hide the side panel.
    TogglePanel,
}

/// The playback systems, in order: keys, commands, time.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlaybackSystems;

/// Replay playback without rendering: the [`Playback`] and [`Notices`]
/// resources, [`PlaybackCommand`]s, the playback keys, and time.
pub struct PlaybackPlugin;

impl Plugin for PlaybackPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Playback>().init_resource::<Notices>().add_message::<PlaybackCommand>().add_systems(
            Update,
            (playback_keys, apply_playback_commands, advance_playback).chain().in_set(PlaybackSystems),
        );
    }
}

/// Turns key presses into [`PlaybackCommand`]s: space pauses, left/right
/// step a tick (shift: a second), `[` `]` halve or double the speed,
/// home/end, page up/down and 1–5 jump between rounds, tab toggles the
/// panel.
pub fn playback_keys(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    playback: Res<Playback>,
    mut out: MessageWriter<PlaybackCommand>,
) {
    let Some(keys) = keys else { return };
    if !playback.keys_enabled {
        return;
    }
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    let jump = if shift { 60 } else { 1 };
    for key in keys.get_just_pressed() {
        let command = match key {
            KeyCode::Space => PlaybackCommand::Play(PlayCommand::TogglePause),
            KeyCode::ArrowRight => PlaybackCommand::Play(PlayCommand::Step(jump)),
            KeyCode::ArrowLeft => PlaybackCommand::Play(PlayCommand::Step(-jump)),
            KeyCode::BracketRight | KeyCode::Equal | KeyCode::NumpadAdd => PlaybackCommand::Play(PlayCommand::Faster),
            KeyCode::BracketLeft | KeyCode::Minus | KeyCode::NumpadSubtract => {
                PlaybackCommand::Play(PlayCommand::Slower)
            }
            KeyCode::Home => PlaybackCommand::Play(PlayCommand::Home),
            KeyCode::End => PlaybackCommand::Play(PlayCommand::End),
            KeyCode::PageDown => PlaybackCommand::Play(PlayCommand::NextRound),
            KeyCode::PageUp => PlaybackCommand::Play(PlayCommand::PreviousRound),
            KeyCode::Digit1 => PlaybackCommand::Play(PlayCommand::Round(0)),
            KeyCode::Digit2 => PlaybackCommand::Play(PlayCommand::Round(1)),
            KeyCode::Digit3 => PlaybackCommand::Play(PlayCommand::Round(2)),
            KeyCode::Digit4 => PlaybackCommand::Play(PlayCommand::Round(3)),
            KeyCode::Digit5 => PlaybackCommand::Play(PlayCommand::Round(4)),
            KeyCode::Tab => PlaybackCommand::TogglePanel,
            _ => continue,
        };
        out.write(command);
    }
}

/// Applies the operator's commands to the playhead.
pub fn apply_playback_commands(mut commands: MessageReader<PlaybackCommand>, mut playback: ResMut<Playback>) {
    for &command in commands.read() {
        match command {
            PlaybackCommand::TogglePanel => playback.show_panel = !playback.show_panel,
            PlaybackCommand::Play(c) => {
                if let Some(view) = playback.view.clone() {
                    playback.head.apply(&view, c);
                }
            }
        }
    }
}

/// Moves playback on by the frame's time.
pub fn advance_playback(time: Res<Time>, mut playback: ResMut<Playback>) {
    let Some(view) = playback.view.clone() else {
        return;
    };
    playback.head.advance(time.delta(), &view);
}
