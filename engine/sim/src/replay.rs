//! The replay format: enough to re-create a whole match, bit for bit.
//!
//! A replay file is `ARENARPL`, the format version (u16, little-endian), the
//! [`Replay`] in postcard, and the SHA-256 of everything before it. It holds
//! inputs, not states: one byte per tick (the left input in the low four
//! bits, the right in the high four), so a full 1800-tick round is 1.8 KB.
//! Re-simulating those inputs under the recorded rules gives back every
//! state; the state hash recorded at the end of each round proves it.
//!
//! Beside the inputs, each round keeps the fuel each sandboxed bot spent on
//! each tick (postcard varints, about 2 to 3 bytes a tick for a typical
//! bot; nothing for a native fighter), for its author: see [`crate::fuel`].
//! Fuel is deterministic for one wasmtime version and configuration, so the
//! bytes of a replay still repeat exactly.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "files")]
use sha2::{Digest, Sha256};

use crate::action::{Input, Side};
use crate::error::ReplayError;
use crate::game::{Match, MatchKind, MatchOutcome};
use crate::round::{RoundResult, RoundState, TickEvents};
use crate::rules::Rules;
use crate::walk::Step;

/// The version of the replay format this build reads and writes.
///
/// Version 2 added the fuel each bot spent per tick ([`RoundRecord::fuel`]).
pub const REPLAY_FORMAT_VERSION: u16 = 2;

#[cfg(feature = "files")]
const MAGIC: &[u8; 8] = b"ARENARPL";
#[cfg(feature = "files")]
const CHECKSUM_LEN: usize = 32;

/// Who a bot is: enough to find it again and to know it is the same code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct BotIdentity {
    /// The bot's name.
    pub name: String,
    /// Its author's handle.
    pub author: String,
    /// SHA-256 of its wasm, in hex (for a native fighter: `native:NAME`).
    pub sha256: String,
}

/// The kinds of bot fault (GAME.md "Round and match outcome").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum FaultKind {
    /// The bot trapped (unreachable, a bad memory access, a division by zero…).
    Trap,
    /// One `tick` call ran past `max_think_ticks` ticks of fuel, or `init`
    /// past `init_fuel`.
    OutOfFuel,
    /// The bot tried to grow its memory or tables past the caps.
    OutOfMemory,
    /// The bot overflowed its stack.
    StackOverflow,
    /// The bot returned something that is not an action.
    MalformedOutput,
    /// The module is not a component of the `fighter` world.
    WrongWorld,
    /// `init` failed.
    InitFailed,
    /// The module could not be loaded or instantiated.
    LoadFailed,
}

impl FaultKind {
    /// The kind as written in replays and messages.
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Trap => "trap",
            FaultKind::OutOfFuel => "out-of-fuel",
            FaultKind::OutOfMemory => "out-of-memory",
            FaultKind::StackOverflow => "stack-overflow",
            FaultKind::MalformedOutput => "malformed-output",
            FaultKind::WrongWorld => "wrong-world",
            FaultKind::InitFailed => "init-failed",
            FaultKind::LoadFailed => "load-failed",
        }
    }
}

impl std::fmt::Display for FaultKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A bot fault, kept for its author.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Fault {
    /// Whose bot.
    pub side: Side,
    /// The round, from 1.
    pub round: i32,
    /// The tick in that round.
    pub tick: i32,
    /// What went wrong.
    pub kind: FaultKind,
    /// The details, in plain words.
    pub message: String,
}

/// Which output stream a log line came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum LogStream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// One line a bot printed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct LogLine {
    /// Whose bot.
    pub side: Side,
    /// The round, from 1.
    pub round: i32,
    /// The tick in that round.
    pub tick: i32,
    /// Stdout or stderr.
    pub stream: LogStream,
    /// The text, without its line end.
    pub text: String,
}

/// One round: its inputs, result and final state hash.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RoundRecord {
    /// One byte per tick: left input in the low nibble, right in the high.
    pub inputs: Vec<u8>,
    /// How the round ended.
    pub result: RoundResult,
    /// [`RoundState::hash`] of the state the round ended in.
    pub end_hash: u64,
    /// The fuel each side spent on each tick, left then right: one entry
    /// per tick for a sandboxed bot, empty for a player without fuel (a
    /// native fighter). A suspended tick counts its whole `tick_fuel`.
    pub fuel: [Vec<u64>; 2],
}

impl RoundRecord {
    /// The inputs of tick `tick`, if the round is that long and the byte is valid.
    pub fn inputs_at(&self, tick: usize) -> Option<[Input; 2]> {
        let b = *self.inputs.get(tick)?;
        Some([Input::from_byte(b & 0x0f)?, Input::from_byte(b >> 4)?])
    }

    /// The fuel each side spent on tick `tick`; `None` for a side without fuel.
    pub fn fuel_at(&self, tick: usize) -> [Option<u64>; 2] {
        [0, 1].map(|i| self.fuel[i].get(tick).copied())
    }
}

/// A whole match, re-creatable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Replay {
    /// What produced it, with versions (`arena-sim 0.1.0, wasmtime 48.0.8`).
    pub engine: String,
    /// The full rules.
    pub rules: Rules,
    /// The match seed.
    pub seed: u64,
    /// Left bot, then right bot.
    pub bots: [BotIdentity; 2],
    /// Normal or sudden death.
    pub kind: MatchKind,
    /// Every round in order.
    pub rounds: Vec<RoundRecord>,
    /// Every fault, in order.
    pub faults: Vec<Fault>,
    /// Every log line, in order.
    pub logs: Vec<LogLine>,
    /// How the match ended.
    pub outcome: MatchOutcome,
}

impl Replay {
    /// The replay as file bytes: magic, version, postcard body, checksum.
    #[cfg(feature = "files")]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.rounds.iter().map(|r| r.inputs.len()).sum::<usize>());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&REPLAY_FORMAT_VERSION.to_le_bytes());
        let body = postcard::to_allocvec(self).expect("a replay is plain data and always serializes");
        out.extend_from_slice(&body);
        let sum = Sha256::digest(&out);
        out.extend_from_slice(&sum);
        out
    }

    /// Reads a replay from file bytes, refusing anything that is not a whole,
    /// uncorrupted replay of this format version.
    #[cfg(feature = "files")]
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ReplayError> {
        if bytes.is_empty() {
            return Err(ReplayError::Corrupt("the file is empty".into()));
        }
        if bytes.len() < MAGIC.len() && MAGIC.starts_with(bytes) {
            return Err(ReplayError::Corrupt(format!(
                "the file is only {} bytes long, too short to hold a replay",
                bytes.len()
            )));
        }
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ReplayError::NotAReplay);
        }
        let header = MAGIC.len() + 2;
        if bytes.len() < header + CHECKSUM_LEN {
            return Err(ReplayError::Corrupt(format!(
                "the file is only {} bytes long, too short to hold a replay",
                bytes.len()
            )));
        }
        let found = u16::from_le_bytes([bytes[MAGIC.len()], bytes[MAGIC.len() + 1]]);
        if found != REPLAY_FORMAT_VERSION {
            return Err(ReplayError::UnsupportedVersion { found, supported: REPLAY_FORMAT_VERSION });
        }
        let (content, sum) = bytes.split_at(bytes.len() - CHECKSUM_LEN);
        // Under the fuzzer the checksum is not checked, so that it reaches
        // the decoding behind it (every check after this one still holds).
        if !cfg!(fuzzing) && Sha256::digest(content).as_slice() != sum {
            return Err(ReplayError::Corrupt(
                "its checksum does not match its contents (the file was cut short or changed)".into(),
            ));
        }
        let replay: Replay = postcard::from_bytes(&content[header..])
            .map_err(|e| ReplayError::Corrupt(format!("cannot decode its contents: {e}")))?;
        replay.rules.validate()?;
        replay.check_sizes()?;
        Ok(replay)
    }

    /// Refuses a file whose sizes its own rules could not have produced, before
    /// any reader allocates by them: more rounds than the match can have, or
    /// a round longer than a round lasts.
    #[cfg(feature = "files")]
    fn check_sizes(&self) -> Result<(), ReplayError> {
        let max_rounds = match self.kind {
            MatchKind::SuddenDeath => 1,
            MatchKind::Normal => self.rules.max_rounds as usize,
        };
        if self.rounds.len() > max_rounds {
            return Err(ReplayError::Corrupt(format!(
                "it has {} rounds, but its rules allow at most {max_rounds}",
                self.rounds.len()
            )));
        }
        for (n, round) in self.rounds.iter().enumerate() {
            if round.inputs.len() > self.rules.round_ticks as usize {
                return Err(ReplayError::Corrupt(format!(
                    "round {} has {} ticks, but its rules end a round after {}",
                    n + 1,
                    round.inputs.len(),
                    self.rules.round_ticks
                )));
            }
            for (side, fuel) in Side::BOTH.into_iter().zip(&round.fuel) {
                if !fuel.is_empty() && fuel.len() != round.inputs.len() {
                    return Err(ReplayError::Corrupt(format!(
                        "round {} has {} ticks but the {side} bot's fuel for {}",
                        n + 1,
                        round.inputs.len(),
                        fuel.len()
                    )));
                }
            }
        }
        Ok(())
    }

    /// The match's result in words, as `arena match` and the playground
    /// say it: `winner: NAME (2-0)` or `the match is a draw (1-1)`.
    pub fn result_line(&self) -> String {
        let [l, r] = self.outcome.round_wins;
        match self.outcome.winner {
            Some(side) => format!("winner: {} ({}-{})", self.bots[side.index()].name, l.max(r), l.min(r)),
            None => format!("the match is a draw ({l}-{r})"),
        }
    }

    /// Re-simulates the replay tick by tick ([`crate::Walk`]), checking
    /// as it goes that each round ends on its last recorded tick with its
    /// recorded result and state hash, and at the end the outcome.
    pub fn walk(&self) -> crate::walk::Walk<'_> {
        crate::walk::Walk::new(self)
    }

    /// Re-simulates every round and checks each result, state hash and the
    /// outcome against what the replay records.
    pub fn verify(&self) -> Result<(), ReplayError> {
        self.walk().try_for_each(|step| step.map(drop))
    }

    /// Every state of round `index` (from 0): the start state, then the state
    /// after each tick.
    pub fn round_states(&self, index: usize) -> Result<Vec<RoundState>, ReplayError> {
        if index >= self.rounds.len() {
            return Err(ReplayError::Mismatch(format!(
                "the replay has {} rounds; there is no round {}",
                self.rounds.len(),
                index + 1
            )));
        }
        let mut states = Vec::with_capacity(self.rounds[index].inputs.len() + 1);
        for step in self.walk() {
            match step? {
                Step::RoundStart { round, state, .. } | Step::Tick { round, state, .. } if round == index => {
                    states.push(state);
                }
                Step::RoundStart { round, .. } if round > index => break,
                _ => {}
            }
        }
        Ok(states)
    }
}

/// Records a match as it is played, and makes its [`Replay`].
///
/// Use [`Recorder::step`] instead of [`Match::step`]; add faults and log
/// lines as they happen.
#[derive(Clone, Debug)]
pub struct Recorder {
    game: Match,
    engine: String,
    seed: u64,
    bots: [BotIdentity; 2],
    rounds: Vec<RoundRecord>,
    current: Vec<u8>,
    current_fuel: [Vec<u64>; 2],
    spent: [Option<u64>; 2],
    faults: Vec<Fault>,
    logs: Vec<LogLine>,
}

impl Recorder {
    /// Starts recording `game`, which has not been stepped yet.
    pub fn new(game: Match, engine: impl Into<String>, seed: u64, bots: [BotIdentity; 2]) -> Self {
        Self {
            game,
            engine: engine.into(),
            seed,
            bots,
            rounds: Vec::new(),
            current: Vec::new(),
            current_fuel: [Vec::new(), Vec::new()],
            spent: [None; 2],
            faults: Vec::new(),
            logs: Vec::new(),
        }
    }

    /// The match being recorded.
    pub fn game(&self) -> &Match {
        &self.game
    }

    /// The two bots, left then right.
    pub fn bots(&self) -> &[BotIdentity; 2] {
        &self.bots
    }

    /// Records the fuel `side` spent on the tick about to be stepped. A
    /// side that spends fuel on one tick of a round must do so on every
    /// tick of it (a tick it does not report counts 0).
    pub fn spend(&mut self, side: Side, fuel: u64) {
        self.spent[side.index()] = Some(fuel);
    }

    /// Plays one tick and records its inputs (and the fuel [`Recorder::spend`] reported).
    pub fn step(&mut self, inputs: [Input; 2]) -> TickEvents {
        if self.game.is_over() {
            return TickEvents::default();
        }
        let tick = self.current.len();
        self.current.push(inputs[0].to_byte() | (inputs[1].to_byte() << 4));
        for (fuel, spent) in self.current_fuel.iter_mut().zip(&mut self.spent) {
            match spent.take() {
                Some(f) => {
                    // A side metered from the middle of a round counts 0 before.
                    fuel.resize(tick, 0);
                    fuel.push(f);
                }
                None if !fuel.is_empty() => fuel.push(0),
                None => {}
            }
        }
        let events = self.game.step(inputs);
        if let Some(result) = events.round_end {
            self.rounds.push(RoundRecord {
                inputs: std::mem::take(&mut self.current),
                result,
                end_hash: self.game.last_ended_round().map_or(0, RoundState::hash),
                fuel: std::mem::take(&mut self.current_fuel),
            });
        }
        events
    }

    /// Records a fault at the current round and tick.
    pub fn fault(&mut self, side: Side, kind: FaultKind, message: impl Into<String>) {
        self.faults.push(Fault {
            side,
            round: self.game.round_number(),
            tick: self.game.round().tick,
            kind,
            message: message.into(),
        });
    }

    /// Records a log line at the current round and tick.
    pub fn log(&mut self, side: Side, stream: LogStream, text: impl Into<String>) {
        self.logs.push(LogLine {
            side,
            round: self.game.round_number(),
            tick: self.game.round().tick,
            stream,
            text: text.into(),
        });
    }

    /// The finished replay, or `None` if the match is not over yet.
    pub fn finish(self) -> Option<Replay> {
        let outcome = self.game.outcome()?;
        Some(Replay {
            engine: self.engine,
            rules: self.game.rules().clone(),
            seed: self.seed,
            bots: self.bots,
            kind: self.game.kind(),
            rounds: self.rounds,
            faults: self.faults,
            logs: self.logs,
            outcome,
        })
    }
}
