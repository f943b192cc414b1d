//! The player: a re-simulated replay, a playhead, and what the frame shows
//! besides the fight.

use std::time::Duration;

use arena_scene::bracket::{Align, palette};
use arena_scene::{Decor, MatchView, Painter, PlayCommand, Playhead, Shape, Vec2, draw_match};

/// A control of the page: a move of the playhead, or the panel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    /// A move of the playhead, as the viewer's keys make.
    Play(PlayCommand),
    /// Show or hide the side panel.
    TogglePanel,
}

impl Command {
    /// The control with wire number `code` (the page's script uses the
    /// same numbers) and its argument.
    pub fn from_code(code: u32, arg: f64) -> Option<Self> {
        Some(Self::Play(match code {
            0 => PlayCommand::TogglePause,
            1 => PlayCommand::Step(arg as i64),
            2 => PlayCommand::Faster,
            3 => PlayCommand::Slower,
            4 => PlayCommand::Home,
            5 => PlayCommand::End,
            6 => PlayCommand::Round(arg.max(0.0) as usize),
            7 => PlayCommand::NextRound,
            8 => PlayCommand::PreviousRound,
            9 => PlayCommand::Seek(arg as f32),
            10 => return Some(Self::TogglePanel),
            _ => return None,
        }))
    }
}

/// One replay being watched.
#[derive(Debug, Default)]
pub struct Player {
    view: Option<MatchView>,
    /// Where playback stands.
    pub head: Playhead,
    /// Pictures, caption and panel.
    pub decor: Decor,
    error: Option<String>,
}

impl Player {
    /// Loads replay bytes, re-simulating every round; on failure the frame
    /// says why.
    pub fn load(&mut self, bytes: &[u8]) -> Result<(), String> {
        match MatchView::from_bytes(bytes) {
            Ok(view) => {
                self.view = Some(view);
                self.head = Playhead::default();
                self.error = None;
                Ok(())
            }
            Err(e) => {
                self.view = None;
                self.error = Some(e.clone());
                Err(e)
            }
        }
    }

    /// The replay, once loaded.
    pub fn view(&self) -> Option<&MatchView> {
        self.view.as_ref()
    }

    /// Moves playback on by `dt` of presentation time; returns the ticks
    /// moved.
    pub fn advance(&mut self, dt: Duration) -> u32 {
        match &self.view {
            Some(view) => self.head.advance(dt, view),
            None => 0,
        }
    }

    /// Applies a control.
    pub fn command(&mut self, command: Command) {
        match command {
            Command::TogglePanel => self.decor.show_panel = !self.decor.show_panel,
            Command::Play(c) => {
                if let Some(view) = &self.view {
                    self.head.apply(view, c);
                }
            }
        }
    }

    /// This frame's display list.
    pub fn frame(&self) -> Vec<Shape> {
        let mut p = Painter::with_capacity(256);
        match (&self.view, &self.error) {
            (Some(view), _) => draw_match(&mut p, view, &self.head, &self.decor),
            (None, Some(e)) => {
                for (i, line) in e.lines().enumerate() {
                    let line = arena_scene::bracket::fit(line, 30.0, 1760.0);
                    p.text(Vec2::new(0.0, 40.0 - 44.0 * i as f32), 30.0, line, palette::TEXT, false, Align::Center);
                }
            }
            (None, None) => p.text(Vec2::ZERO, 40.0, "No replay loaded.", palette::DIM, false, Align::Center),
        }
        p.out
    }

    /// Where playback stands, for the page's controls and its tests: round
    /// and tick (from 0), ticks in the round, position on the timeline
    /// (from 0) and its length, paused, speed, panel shown.
    pub fn status(&self) -> String {
        let Some(view) = &self.view else {
            return r#"{"loaded":false}"#.to_owned();
        };
        let h = &self.head;
        format!(
            r#"{{"loaded":true,"round":{},"rounds":{},"tick":{},"ticks":{},"position":{},"length":{},"paused":{},"speed":{},"panel":{}}}"#,
            h.round,
            view.rounds.len(),
            h.tick,
            view.rounds[h.round].states.len(),
            view.to_position(h.round, h.tick),
            view.timeline_len(),
            h.paused,
            h.speed(),
            self.decor.show_panel
        )
    }
}

#[cfg(test)]
mod tests {
    use arena_sim::{Approacher, Guarder, Rules, native_identity, play_match};

    use super::*;

    fn replay_bytes() -> Vec<u8> {
        play_match(
            &Rules::default(),
            3,
            [&mut Approacher::walker_puncher(), &mut Guarder],
            [native_identity("walker"), native_identity("guarder")],
        )
        .unwrap()
        .to_bytes()
    }

    #[test]
    fn controls_move_the_playhead_as_the_viewer_keys_do() {
        let mut p = Player::default();
        p.load(&replay_bytes()).unwrap();
        assert_eq!(p.advance(Duration::from_secs(1)), 60, "60 ticks a second at 1×");
        p.command(Command::Play(PlayCommand::Step(-10)));
        assert!(p.head.paused);
        assert_eq!((p.head.round, p.head.tick), (0, 50));
        p.command(Command::Play(PlayCommand::Faster));
        assert_eq!(p.head.speed(), 2.0);
        p.command(Command::Play(PlayCommand::NextRound));
        assert_eq!((p.head.round, p.head.tick), (1, 0));
        p.command(Command::Play(PlayCommand::PreviousRound));
        assert_eq!((p.head.round, p.head.tick), (0, 0));
        p.command(Command::Play(PlayCommand::Seek(1.0)));
        assert!(p.head.at_end(p.view().unwrap()));
        assert!(p.status().contains(r#""paused":true"#), "{}", p.status());
    }

    #[test]
    fn a_damaged_replay_is_a_message_on_the_canvas() {
        let mut p = Player::default();
        let mut bytes = replay_bytes();
        bytes.truncate(bytes.len() / 2);
        let e = p.load(&bytes).unwrap_err();
        let texts: Vec<String> = p
            .frame()
            .into_iter()
            .filter_map(|s| if let Shape::Text { text, .. } = s { Some(text) } else { None })
            .collect();
        assert!(!texts.is_empty() && e.starts_with(texts[0].trim_end_matches('…')), "{texts:?} vs {e}");
        assert_eq!(p.status(), r#"{"loaded":false}"#);
    }

    #[test]
    fn a_frame_shows_both_names_and_the_timer() {
        let mut p = Player::default();
        p.load(&replay_bytes()).unwrap();
        let list = arena_scene::display::to_json(&p.frame());
        for needle in [r#""walker""#, r#""guarder""#, r#""by "#] {
            assert!(list.contains(needle), "{needle} in the frame");
        }
    }
}
