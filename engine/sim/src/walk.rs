//! The one replay walker: re-simulates a replay tick by tick and checks it
//! as it goes. [`Replay::verify`], [`Replay::round_states`] and the
//! viewer's timeline all walk a replay through [`Replay::walk`], so a
//! replay that one of them accepts, all of them accept, and they see the
//! same states.

use crate::action::Input;
use crate::error::ReplayError;
use crate::game::Match;
use crate::replay::Replay;
use crate::round::{RoundState, TickEvents};

/// One step of a walk.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A round begins (`round` counts from 0): its state at tick 0, and the
    /// round wins of each side before it.
    RoundStart {
        /// The round, from 0.
        round: usize,
        /// The state at tick 0.
        state: RoundState,
        /// Round wins of each side before this round.
        wins_before: [i32; 2],
    },
    /// One tick was played. On the round's last tick, `events.round_end`
    /// is set and `state` is the state the round ended in.
    Tick {
        /// The round, from 0.
        round: usize,
        /// What each bot asked for.
        inputs: [Input; 2],
        /// What happened.
        events: TickEvents,
        /// The state after the tick.
        state: RoundState,
    },
}

/// A replay being re-simulated; see [`Replay::walk`].
#[derive(Debug)]
pub struct Walk<'r> {
    replay: &'r Replay,
    game: Option<Match>,
    round: usize,
    /// Ticks of `round` played so far; `None` before its start was yielded.
    tick: Option<usize>,
    done: bool,
}

impl<'r> Walk<'r> {
    pub(crate) fn new(replay: &'r Replay) -> Self {
        Self { replay, game: None, round: 0, tick: None, done: false }
    }

    fn fail(&mut self, e: ReplayError) -> Option<Result<Step, ReplayError>> {
        self.done = true;
        Some(Err(e))
    }

    /// After the last round: the match must be over, with the recorded
    /// outcome.
    fn finish(&mut self, game: &Match) -> Option<Result<Step, ReplayError>> {
        let rounds = self.replay.rounds.len();
        match game.outcome() {
            Some(outcome) if outcome == self.replay.outcome => {
                self.done = true;
                None
            }
            Some(outcome) => self.fail(ReplayError::Mismatch(format!(
                "the outcome {outcome:?} differs from the recorded {:?}",
                self.replay.outcome
            ))),
            None => {
                self.fail(ReplayError::Mismatch(format!("the match is not over after the replay's {rounds} rounds")))
            }
        }
    }
}

impl Iterator for Walk<'_> {
    type Item = Result<Step, ReplayError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut game = match self.game.take() {
            Some(g) => g,
            None => match Match::new(self.replay.rules.clone(), self.replay.kind) {
                Ok(g) => g,
                Err(e) => return self.fail(e.into()),
            },
        };
        let replay = self.replay;
        let Some(record) = replay.rounds.get(self.round) else {
            if replay.rounds.is_empty() {
                return self.fail(ReplayError::Corrupt("the replay has no rounds".into()));
            }
            return self.finish(&game);
        };
        let number = self.round + 1;
        let Some(tick) = self.tick else {
            if game.is_over() {
                return self.fail(ReplayError::Mismatch(format!(
                    "the match was over after round {}, but the replay has {} rounds",
                    self.round,
                    replay.rounds.len()
                )));
            }
            let step = Step::RoundStart { round: self.round, state: *game.round(), wins_before: game.round_wins() };
            self.tick = Some(0);
            self.game = Some(game);
            return Some(Ok(step));
        };
        let Some(inputs) = record.inputs_at(tick) else {
            if tick >= record.inputs.len() {
                return self.fail(ReplayError::Mismatch(format!(
                    "round {number} did not end after its {} ticks of inputs",
                    record.inputs.len()
                )));
            }
            return self.fail(ReplayError::Corrupt(format!("round {number}, tick {tick}: invalid input byte")));
        };
        let events = game.step(inputs);
        let state = match events.round_end {
            None => *game.round(),
            Some(result) => {
                if tick + 1 != record.inputs.len() {
                    return self.fail(ReplayError::Mismatch(format!(
                        "round {number} ended at tick {} but the replay has {} ticks of inputs",
                        tick + 1,
                        record.inputs.len()
                    )));
                }
                let ended = *game.last_ended_round().expect("a round just ended");
                if ended.hash() != record.end_hash {
                    return self.fail(ReplayError::Mismatch(format!(
                        "round {number}: state hash {:016x} differs from the recorded {:016x}",
                        ended.hash(),
                        record.end_hash
                    )));
                }
                if result != record.result {
                    return self.fail(ReplayError::Mismatch(format!(
                        "round {number}: result {result:?} differs from the recorded {:?}",
                        record.result
                    )));
                }
                self.round += 1;
                ended
            }
        };
        self.tick = if events.round_end.is_some() { None } else { Some(tick + 1) };
        let step = Step::Tick { round: number - 1, inputs, events, state };
        self.game = Some(game);
        Some(Ok(step))
    }
}
