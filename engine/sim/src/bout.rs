//! The one match driver: two players, tick by tick, into a replay.
//!
//! Every way Arena plays a match goes through [`Bout`]: native fighters
//! ([`crate::play`]), the SDK's test harness, and the sandbox, where a wasm
//! bot is a [`Player`] whose answer may still be pending. The rules of a
//! player's life live here and nowhere else:
//!
//! - each player is started ([`Player::start`], the bot's `init`) before
//!   its first tick, with round 1 and its seed ([`bot_seed`]);
//! - each tick, left then right, a player answers with an action, is still
//!   thinking (its fighter idles), or faults;
//! - a fault (in `start` or in an answer) loses the round at once; the
//!   player is started again before its next tick, with the round it
//!   restarts in. Without a fault a player is never restarted: it keeps its
//!   memory for the whole match.
//! - each tick, the fuel a player spent ([`Player::spent`]) goes into the
//!   replay beside its input.

use crate::action::{Action, Input, Side};
use crate::error::RulesError;
use crate::fighter::{Fighter, MatchInfo, bot_seed};
use crate::game::{Match, MatchKind};
use crate::observation::Observation;
use crate::replay::{BotIdentity, FaultKind, LogStream, Recorder, Replay};
use crate::rules::Rules;

/// A player's answer for one tick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The action for this tick.
    Act(Action),
    /// Still thinking: the fighter idles this tick, and the player is asked
    /// again next tick (a suspended wasm call).
    Thinking,
    /// The player failed: it loses the round, and the message goes into the
    /// replay for its author.
    Fault(FaultKind, String),
}

/// Why a player could not start, or what its fault was: kind and message.
pub type Failure = (FaultKind, String);

/// One side of a match, as the driver sees it.
///
/// Every [`Fighter`] is a player that never thinks for long and never
/// faults except in `init`; the sandbox's wasm bots are players too.
pub trait Player {
    /// Starts the player: before its first tick, and again after a fault.
    /// `elapsed` is the ticks played in the match so far (a sandboxed bot's
    /// clocks follow it).
    fn start(&mut self, info: &MatchInfo, elapsed: u64) -> Result<(), Failure>;

    /// The answer for this tick.
    fn answer(&mut self, observation: &Observation, elapsed: u64) -> Answer;

    /// The fuel the player spent on the tick it was just asked about
    /// (`None`: a player without fuel, which every [`Fighter`] is). The
    /// replay keeps it for the bot's author.
    fn spent(&mut self) -> Option<u64> {
        None
    }

    /// Hands over the lines the player printed since last asked, each to
    /// `line`; `end` at the end of the match (a partial last line too).
    fn drain_logs(&mut self, end: bool, line: &mut dyn FnMut(LogStream, String)) {
        let _ = (end, line);
    }
}

/// The fault of an `init` that returned an error, worded the same for
/// every kind of player.
pub fn init_error(message: &str) -> Failure {
    (FaultKind::InitFailed, format!("`init` returned an error: {message}"))
}

impl<F: Fighter + ?Sized> Player for F {
    fn start(&mut self, info: &MatchInfo, _elapsed: u64) -> Result<(), Failure> {
        self.init(info).map_err(|message| init_error(&message))
    }

    fn answer(&mut self, observation: &Observation, _elapsed: u64) -> Answer {
        Answer::Act(self.tick(observation))
    }
}

/// A match being played: the game, its recorder, and whether each player
/// needs a start.
#[derive(Debug)]
pub struct Bout {
    rec: Recorder,
    seeds: [u64; 2],
    needs_start: [bool; 2],
    elapsed: u64,
}

impl Bout {
    /// A match of `kind` under `rules` (validated first) between `bots`;
    /// `engine` names what plays it in the replay.
    pub fn new(
        rules: &Rules,
        kind: MatchKind,
        seed: u64,
        bots: [BotIdentity; 2],
        engine: impl Into<String>,
    ) -> Result<Self, RulesError> {
        let game = Match::new(rules.clone(), kind)?;
        let seeds = [0, 1].map(|i| bot_seed(seed, &bots[i].sha256));
        Ok(Self { rec: Recorder::new(game, engine, seed, bots), seeds, needs_start: [true; 2], elapsed: 0 })
    }

    /// The match so far.
    pub fn game(&self) -> &Match {
        self.rec.game()
    }

    /// The two bots, left then right.
    pub fn bots(&self) -> &[BotIdentity; 2] {
        self.rec.bots()
    }

    /// Whether the match has ended.
    pub fn is_over(&self) -> bool {
        self.rec.game().is_over()
    }

    /// Ticks played so far.
    pub fn elapsed(&self) -> u64 {
        self.elapsed
    }

    /// Plays one tick: asks the left player, then the right, records their
    /// faults and log lines, and steps the game.
    pub fn tick(&mut self, players: [&mut dyn Player; 2]) {
        let mut inputs = [Input::Thinking; 2];
        for (side, player) in Side::BOTH.into_iter().zip(players) {
            let i = side.index();
            inputs[i] = self.ask(side, player);
            if let Some(fuel) = player.spent() {
                self.rec.spend(side, fuel);
            }
            let rec = &mut self.rec;
            player.drain_logs(false, &mut |stream, text| rec.log(side, stream, text));
        }
        self.rec.step(inputs);
        self.elapsed += 1;
    }

    fn ask(&mut self, side: Side, player: &mut dyn Player) -> Input {
        let i = side.index();
        if self.needs_start[i] {
            let info = MatchInfo {
                rules: self.game().rules().clone(),
                round: self.game().round_number(),
                seed: self.seeds[i],
            };
            if let Err((kind, message)) = player.start(&info, self.elapsed) {
                self.rec.fault(side, kind, message);
                return Input::Fault;
            }
            self.needs_start[i] = false;
        }
        match player.answer(&Observation::of(self.game(), side), self.elapsed) {
            Answer::Act(action) => Input::Act(action),
            Answer::Thinking => Input::Thinking,
            Answer::Fault(kind, message) => {
                self.rec.fault(side, kind, message);
                self.needs_start[i] = true;
                Input::Fault
            }
        }
    }

    /// The replay, once the match is over (the players' last log lines
    /// included); `None` before.
    pub fn finish(mut self, players: [&mut dyn Player; 2]) -> Option<Replay> {
        if !self.is_over() {
            return None;
        }
        for (side, player) in Side::BOTH.into_iter().zip(players) {
            let rec = &mut self.rec;
            player.drain_logs(true, &mut |stream, text| rec.log(side, stream, text));
        }
        self.rec.finish()
    }
}

/// Plays a whole match between two players and returns its replay.
pub fn play_bout(
    rules: &Rules,
    kind: MatchKind,
    seed: u64,
    players: [&mut dyn Player; 2],
    bots: [BotIdentity; 2],
    engine: impl Into<String>,
) -> Result<Replay, RulesError> {
    let mut bout = Bout::new(rules, kind, seed, bots, engine)?;
    let [left, right] = players;
    while !bout.is_over() {
        bout.tick([&mut *left, &mut *right]);
    }
    Ok(bout.finish([left, right]).expect("the loop ends when the match is over"))
}
