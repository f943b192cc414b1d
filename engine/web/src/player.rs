//! The player: a re-simulated replay, a playhead, and what the frame shows
//! besides the fight.

use std::time::Duration;

use arena_scene::bracket::{Align, palette};
use arena_scene::{Decor, MatchView, Painter, Playhead, Shape, Vec2, draw_match};

/// What the page's controls ask; the same moves as the viewer's keys.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    /// Pause if playing, play if paused.
    TogglePause,
    /// Move by this many ticks (across rounds); pauses.
    Step(i64),
    /// Double the speed (up to 8×).
    Faster,
    /// Halve the speed (down to 0.25×).
    Slower,
    /// The first tick of the match.
    Home,
    /// The last tick of the match.
    End,
    /// The start of this round (from 0).
    Round(usize),
    /// The start of the next round.
    NextRound,
    /// The start of this round, or of the one before if already there.
    PreviousRound,
    /// A fraction (0 to 1) of the whole match: the scrub bar.
    Seek(f32),
    /// Show or hide the side panel.
    TogglePanel,
}

impl Command {
    /// The command with wire number `code` (the page's script uses the
    /// same numbers) and its argument.
    pub fn from_code(code: u32, arg: f64) -> Option<Self> {
        Some(match code {
            0 => Self::TogglePause,
            1 => Self::Step(arg as i64),
            2 => Self::Faster,
            3 => Self::Slower,
            4 => Self::Home,
            5 => Self::End,
            6 => Self::Round(arg.max(0.0) as usize),
            7 => Self::NextRound,
            8 => Self::PreviousRound,
            9 => Self::Seek(arg as f32),
            10 => Self::TogglePanel,
            _ => return None,
        })
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
        if command == Command::TogglePanel {
            self.decor.show_panel = !self.decor.show_panel;
            return;
        }
        let Some(view) = &self.view else { return };
        let head = &mut self.head;
        match command {
            Command::TogglePause => head.paused = !head.paused,
            Command::Step(delta) => {
                head.paused = true;
                head.step(view, delta);
            }
            Command::Faster => head.faster(),
            Command::Slower => head.slower(),
            Command::Home => head.seek(view, 0),
            Command::End => head.seek(view, view.timeline_len() - 1),
            Command::Round(r) => head.go_to_round(view, r),
            Command::NextRound => head.next_round(view),
            Command::PreviousRound => head.previous_round(view),
            Command::Seek(f) => head.seek_fraction(view, f),
            Command::TogglePanel => {}
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
        p.command(Command::Step(-10));
        assert!(p.head.paused);
        assert_eq!((p.head.round, p.head.tick), (0, 50));
        p.command(Command::Faster);
        assert_eq!(p.head.speed(), 2.0);
        p.command(Command::NextRound);
        assert_eq!((p.head.round, p.head.tick), (1, 0));
        p.command(Command::PreviousRound);
        assert_eq!((p.head.round, p.head.tick), (0, 0));
        p.command(Command::Seek(1.0));
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
