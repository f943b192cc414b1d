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
        /// The fuel each bot spent on the tick (`None`: a player without fuel).
        fuel: [Option<u64>; 2],
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
}

/// After the last round: the match must be over, with the recorded outcome.
fn finish(replay: &Replay, game: &Match) -> Result<Option<Step>, ReplayError> {
    let rounds = replay.rounds.len();
    match game.outcome() {
        Some(outcome) if outcome == replay.outcome => Ok(None),
        Some(outcome) => Err(ReplayError::Mismatch(format!(
            "the outcome {outcome:?} differs from the recorded {:?}",
            replay.outcome
        ))),
        None => Err(ReplayError::Mismatch(format!("the match is not over after the replay's {rounds} rounds"))),
    }
}

/// The next step of `replay` from `game` at (`round`, `tick`), which it
/// moves on; `None` at the end.
fn advance(
    replay: &Replay,
    game: &mut Match,
    round: &mut usize,
    tick: &mut Option<usize>,
) -> Result<Option<Step>, ReplayError> {
    let Some(record) = replay.rounds.get(*round) else {
        if replay.rounds.is_empty() {
            return Err(ReplayError::Corrupt("the replay has no rounds".into()));
        }
        return finish(replay, game);
    };
    let number = *round + 1;
    let Some(t) = *tick else {
        if game.is_over() {
            return Err(ReplayError::Mismatch(format!(
                "the match was over after round {}, but the replay has {} rounds",
                *round,
                replay.rounds.len()
            )));
        }
        *tick = Some(0);
        return Ok(Some(Step::RoundStart { round: *round, state: *game.round(), wins_before: game.round_wins() }));
    };
    let Some(inputs) = record.inputs_at(t) else {
        if t >= record.inputs.len() {
            return Err(ReplayError::Mismatch(format!(
                "round {number} did not end after its {} ticks of inputs",
                record.inputs.len()
            )));
        }
        return Err(ReplayError::Corrupt(format!("round {number}, tick {t}: invalid input byte")));
    };
    let events = game.step(inputs);
    let state = match events.round_end {
        None => *game.round(),
        Some(result) => {
            if t + 1 != record.inputs.len() {
                return Err(ReplayError::Mismatch(format!(
                    "round {number} ended at tick {} but the replay has {} ticks of inputs",
                    t + 1,
                    record.inputs.len()
                )));
            }
            let ended = *game.last_ended_round().expect("a round just ended");
            if ended.hash() != record.end_hash {
                return Err(ReplayError::Mismatch(format!(
                    "round {number}: state hash {:016x} differs from the recorded {:016x}",
                    ended.hash(),
                    record.end_hash
                )));
            }
            if result != record.result {
                return Err(ReplayError::Mismatch(format!(
                    "round {number}: result {result:?} differs from the recorded {:?}",
                    record.result
                )));
            }
            *round += 1;
            ended
        }
    };
    *tick = if events.round_end.is_some() { None } else { Some(t + 1) };
    Ok(Some(Step::Tick { round: number - 1, inputs, fuel: record.fuel_at(t), events, state }))
}

impl Iterator for Walk<'_> {
    type Item = Result<Step, ReplayError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.game.is_none() {
            match Match::new(self.replay.rules.clone(), self.replay.kind) {
                Ok(g) => self.game = Some(g),
                Err(e) => return self.fail(e.into()),
            }
        }
        let game = self.game.as_mut().expect("made above");
        match advance(self.replay, game, &mut self.round, &mut self.tick) {
            Ok(Some(step)) => Some(Ok(step)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => self.fail(e),
        }
    }
}
