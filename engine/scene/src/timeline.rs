//! A replay re-simulated for viewing, and the playhead that moves through it.
//!
//! Nothing here knows Bevy: [`MatchView`] is every state of every round of a
//! replay (re-simulated with arena-sim), and [`Playhead`] is where playback
//! stands and how it moves (fixed 60 ticks per second of presentation time,
//! scaled by the speed). The viewer's Bevy systems and the web page drive them.

use std::path::Path;
use std::time::Duration;

use arena_sim::{Input, Replay, ReplayError, RoundResult, RoundState, Step, TickEvents};

/// One round of a replay, re-simulated.
#[derive(Clone, Debug)]
pub struct RoundTrack {
    /// The state at tick 0, then after each tick (`ticks + 1` states).
    pub states: Vec<RoundState>,
    /// `events[t]` is what happened on the tick that produced `states[t]`
    /// (`events[0]` is empty).
    pub events: Vec<TickEvents>,
    /// `inputs[t]` is what each bot asked for on the tick that produced
    /// `states[t]` (`inputs[0]` is idle for both).
    pub inputs: Vec<[Input; 2]>,
    /// `fuel[t]` is the fuel each bot spent on the tick that produced
    /// `states[t]` (`None`: a native fighter; `fuel[0]` is `None` for both).
    pub fuel: Vec<[Option<u64>; 2]>,
    /// How the round ended.
    pub result: RoundResult,
    /// Round wins of each side before this round.
    pub wins_before: [i32; 2],
}

impl RoundTrack {
    /// The index of the last state (the tick the round ended on).
    pub fn last_tick(&self) -> usize {
        self.states.len() - 1
    }
}

/// A whole replay, re-simulated and ready to show at any tick.
#[derive(Clone, Debug)]
pub struct MatchView {
    /// The replay itself (bots, rules, faults, logs, outcome).
    pub replay: Replay,
    /// Every round, in order.
    pub rounds: Vec<RoundTrack>,
}

impl MatchView {
    /// Re-simulates a replay with arena-sim's one replay walker
    /// ([`Replay::walk`]): a replay that does not re-simulate to its
    /// recorded results and hashes is refused, as `arena replay verify`
    /// refuses it.
    pub fn new(replay: Replay) -> Result<Self, ReplayError> {
        let mut rounds: Vec<RoundTrack> = Vec::with_capacity(replay.rounds.len());
        for step in replay.walk() {
            match step? {
                Step::RoundStart { round, state, wins_before } => {
                    let ticks = replay.rounds[round].inputs.len() + 1;
                    let mut track = RoundTrack {
                        states: Vec::with_capacity(ticks),
                        events: Vec::with_capacity(ticks),
                        inputs: Vec::with_capacity(ticks),
                        fuel: Vec::with_capacity(ticks),
                        result: replay.rounds[round].result,
                        wins_before,
                    };
                    track.states.push(state);
                    track.events.push(TickEvents::default());
                    track.inputs.push([Input::Act(arena_sim::Action::Idle); 2]);
                    track.fuel.push([None; 2]);
                    rounds.push(track);
                }
                Step::Tick { inputs, fuel, events, state, .. } => {
                    let track = rounds.last_mut().expect("a round starts before its ticks");
                    track.states.push(state);
                    track.events.push(events);
                    track.inputs.push(inputs);
                    track.fuel.push(fuel);
                }
            }
        }
        Ok(Self { replay, rounds })
    }

    /// Reads, decodes and re-simulates a replay file; the error is a
    /// sentence to show on screen.
    pub fn load(path: &Path) -> Result<Self, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("Cannot open the replay {}: {e}.", path.display()))?;
        Self::from_bytes(&bytes).map_err(|e| format!("Cannot play the replay {}: {e}", path.display()))
    }

    /// Decodes and re-simulates replay file bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let replay = Replay::from_bytes(bytes).map_err(|e| e.to_string())?;
        Self::new(replay).map_err(|e| e.to_string())
    }

    /// The state shown at `round` (from 0), `tick`.
    pub fn state(&self, round: usize, tick: usize) -> &RoundState {
        let r = &self.rounds[round.min(self.rounds.len() - 1)];
        &r.states[tick.min(r.last_tick())]
    }

    /// The number of positions on the whole timeline (every state of every
    /// round).
    pub fn timeline_len(&self) -> usize {
        self.rounds.iter().map(|r| r.states.len()).sum()
    }

    /// The timeline position of `round`, `tick`.
    pub fn to_position(&self, round: usize, tick: usize) -> usize {
        let before: usize = self.rounds.iter().take(round).map(|r| r.states.len()).sum();
        before + tick.min(self.rounds[round].last_tick())
    }

    /// The round and tick at timeline position `pos` (clamped to the end).
    pub fn from_position(&self, pos: usize) -> (usize, usize) {
        let mut left = pos;
        for (i, r) in self.rounds.iter().enumerate() {
            if left < r.states.len() {
                return (i, left);
            }
            left -= r.states.len();
        }
        let last = self.rounds.len() - 1;
        (last, self.rounds[last].last_tick())
    }
}

/// Presentation ticks per second (GAME.md: 60 ticks per second).
pub const TICKS_PER_SECOND: u64 = 60;
/// The slowest speed is 2^MIN_SPEED_EXP (0.25×).
pub const MIN_SPEED_EXP: i32 = -2;
/// The fastest speed is 2^MAX_SPEED_EXP (8×).
pub const MAX_SPEED_EXP: i32 = 3;
/// How long playback rests on the last tick of a round before the next
/// round starts, in ticks of presentation time (2 s at 1×).
pub const ROUND_END_HOLD_TICKS: u32 = 120;

/// What a viewer's controls ask of playback: the keys of the Bevy viewer
/// and the buttons and keys of the web player are these moves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlayCommand {
    /// Pause if playing, play if paused.
    TogglePause,
    /// Move by this many ticks (across rounds); pauses.
    Step(i64),
    /// Double the speed (up to 8×).
    Faster,
    /// Halve the speed (down to 0.25×).
    Slower,
    /// Go to the first tick of the match.
    Home,
    /// Go to the last tick of the match.
    End,
    /// Go to the start of this round (from 0).
    Round(usize),
    /// Go to the start of the next round.
    NextRound,
    /// Go to the start of this round, or of the one before if already there.
    PreviousRound,
    /// Go to a fraction (0 to 1) of the whole match: the scrub bar.
    Seek(f32),
}

/// Accumulator units in one tick at 1× (see [`Playhead::advance`]):
/// nanoseconds × 60 × 4 × speed, so every speed from 0.25× to 8× is exact.
const UNITS_PER_TICK: u128 = 4_000_000_000;

/// Where playback stands in a [`MatchView`], and how it moves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Playhead {
    /// The round shown, from 0.
    pub round: usize,
    /// The tick shown within it (index into its states).
    pub tick: usize,
    /// Playback is paused.
    pub paused: bool,
    speed_exp: i32,
    acc: u128,
    /// Presentation ticks spent resting on the last state of the round.
    held: u32,
}

impl Playhead {
    /// The speed as a factor: 0.25, 0.5, 1, 2, 4 or 8.
    pub fn speed(&self) -> f32 {
        2f32.powi(self.speed_exp)
    }

    /// The speed as a power of two (-2 to 3).
    pub fn speed_exp(&self) -> i32 {
        self.speed_exp
    }

    /// Sets the speed to 2^`exp`, clamped to 0.25×..8×.
    pub fn set_speed_exp(&mut self, exp: i32) {
        self.speed_exp = exp.clamp(MIN_SPEED_EXP, MAX_SPEED_EXP);
    }

    /// Doubles the speed (up to 8×).
    pub fn faster(&mut self) {
        self.set_speed_exp(self.speed_exp + 1);
    }

    /// Halves the speed (down to 0.25×).
    pub fn slower(&mut self) {
        self.set_speed_exp(self.speed_exp - 1);
    }

    /// Whether playback stands on the very last state of the match.
    pub fn at_end(&self, view: &MatchView) -> bool {
        self.round + 1 >= view.rounds.len() && self.tick >= view.rounds[self.round].last_tick()
    }

    /// Presentation ticks spent resting on the last state of the current
    /// round (at the end of the match this keeps counting).
    pub fn held_ticks(&self) -> u32 {
        self.held
    }

    /// Moves playback on by `dt` of presentation time: 60 ticks a second at
    /// 1×, scaled by the speed, resting [`ROUND_END_HOLD_TICKS`] on the last
    /// tick of each round. Does nothing while paused. Returns the number of
    /// ticks moved.
    pub fn advance(&mut self, dt: Duration, view: &MatchView) -> u32 {
        if self.paused {
            return 0;
        }
        // units = ns × 60 × 2^(exp + 2); a tick is 4e9 units at every speed.
        self.acc += dt.as_nanos() * u128::from(TICKS_PER_SECOND) * (1u128 << (self.speed_exp + 2));
        let mut moved = 0;
        while self.acc >= UNITS_PER_TICK {
            self.acc -= UNITS_PER_TICK;
            let last = view.rounds[self.round].last_tick();
            if self.tick < last {
                self.tick += 1;
                moved += 1;
            } else if self.held < ROUND_END_HOLD_TICKS || self.round + 1 >= view.rounds.len() {
                self.held = self.held.saturating_add(1);
            } else {
                self.round += 1;
                self.tick = 0;
                self.held = 0;
                moved += 1;
            }
        }
        moved
    }

    /// Goes to timeline position `pos` (clamped), as a scrub or a step does.
    pub fn seek(&mut self, view: &MatchView, pos: usize) {
        let (round, tick) = view.from_position(pos);
        self.round = round;
        self.tick = tick;
        self.held = 0;
        self.acc = 0;
    }

    /// Moves by `delta` ticks along the whole timeline (across rounds).
    pub fn step(&mut self, view: &MatchView, delta: i64) {
        let pos = view.to_position(self.round, self.tick) as i64;
        let max = view.timeline_len() as i64 - 1;
        self.seek(view, (pos + delta).clamp(0, max) as usize);
    }

    /// Goes to a fraction (0 to 1) of the whole timeline: the scrub bar.
    pub fn seek_fraction(&mut self, view: &MatchView, fraction: f32) {
        let max = view.timeline_len() - 1;
        let pos = (fraction.clamp(0.0, 1.0) * max as f32).round() as usize;
        self.seek(view, pos);
    }

    /// Goes to the start of round `round` (from 0, clamped).
    pub fn go_to_round(&mut self, view: &MatchView, round: usize) {
        let round = round.min(view.rounds.len() - 1);
        self.seek(view, view.to_position(round, 0));
    }

    /// Carries out a control.
    pub fn apply(&mut self, view: &MatchView, command: PlayCommand) {
        match command {
            PlayCommand::TogglePause => self.paused = !self.paused,
            PlayCommand::Step(delta) => {
                self.paused = true;
                self.step(view, delta);
            }
            PlayCommand::Faster => self.faster(),
            PlayCommand::Slower => self.slower(),
            PlayCommand::Home => self.seek(view, 0),
            PlayCommand::End => self.seek(view, view.timeline_len() - 1),
            PlayCommand::Round(r) => self.go_to_round(view, r),
            PlayCommand::NextRound => self.next_round(view),
            PlayCommand::PreviousRound => self.previous_round(view),
            PlayCommand::Seek(f) => self.seek_fraction(view, f),
        }
    }

    /// Goes to the start of the next round, or to the very end from the last
    /// round.
    pub fn next_round(&mut self, view: &MatchView) {
        if self.round + 1 < view.rounds.len() {
            self.go_to_round(view, self.round + 1);
        } else {
            self.seek(view, view.timeline_len() - 1);
        }
    }

    /// Goes to the start of this round, or of the one before if already
    /// there.
    pub fn previous_round(&mut self, view: &MatchView) {
        let r = if self.tick > 0 { self.round } else { self.round.saturating_sub(1) };
        self.go_to_round(view, r);
    }

    /// Where the playhead is as a fraction of the whole timeline.
    pub fn fraction(&self, view: &MatchView) -> f32 {
        let max = (view.timeline_len() - 1).max(1);
        view.to_position(self.round, self.tick) as f32 / max as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arena_sim::{Approacher, Guarder, Rules, native_identity, play_match};

    pub(crate) fn sample() -> MatchView {
        let replay = play_match(
            &Rules::default(),
            7,
            [&mut Approacher::walker_puncher(), &mut Guarder],
            [native_identity("walker"), native_identity("guarder")],
        )
        .unwrap();
        MatchView::new(replay).unwrap()
    }

    #[test]
    fn states_match_the_replay_round_states() {
        let view = sample();
        for (i, r) in view.rounds.iter().enumerate() {
            assert_eq!(r.states, view.replay.round_states(i).unwrap());
            assert_eq!(r.events.len(), r.states.len());
        }
    }

    #[test]
    fn one_second_is_sixty_ticks_at_each_speed() {
        let view = sample();
        for exp in MIN_SPEED_EXP..=MAX_SPEED_EXP {
            let mut head = Playhead::default();
            head.set_speed_exp(exp);
            let mut moved = 0;
            for _ in 0..60 {
                moved += head.advance(Duration::from_nanos(16_666_667), &view);
            }
            let expected = (60.0 * 2f64.powi(exp)) as u32;
            assert_eq!(moved, expected, "speed 2^{exp}");
        }
    }

    #[test]
    fn positions_round_trip() {
        let view = sample();
        for pos in 0..view.timeline_len() {
            let (r, t) = view.from_position(pos);
            assert_eq!(view.to_position(r, t), pos);
        }
    }
}
