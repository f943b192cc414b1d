//! Native fighters: bots as plain Rust, played in-process with no wasm.
//!
//! Tests, the SDK's harness and the benchmarks use [`Fighter`] and
//! [`play_match`]; the scripted fighters here are the sparring partners.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

use crate::action::{Action, Input, Side};
use crate::error::RulesError;
use crate::game::{Match, MatchKind};
use crate::observation::Observation;
use crate::replay::{BotIdentity, Recorder, Replay};
use crate::rules::Rules;

/// What a bot is told once, before its first tick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchInfo {
    /// The rules of the match.
    pub rules: Rules,
    /// The round the bot starts in, from 1 (later than 1 after a fault).
    pub round: i32,
    /// This bot's random seed for this match (see [`bot_seed`]).
    pub seed: u64,
}

/// A bot as native Rust: observation in, action out.
pub trait Fighter {
    /// Called once before the first tick (and again after a fault, with the
    /// round it restarts in).
    fn init(&mut self, info: &MatchInfo) {
        let _ = info;
    }

    /// The action for this tick.
    fn tick(&mut self, observation: &Observation) -> Action;
}

impl<F: Fighter + ?Sized> Fighter for Box<F> {
    fn init(&mut self, info: &MatchInfo) {
        (**self).init(info);
    }
    fn tick(&mut self, observation: &Observation) -> Action {
        (**self).tick(observation)
    }
}

/// The random seed a bot gets in a match: derived from the match seed and
/// the bot's identity (never its side, so swapping sides changes nothing).
pub fn bot_seed(match_seed: u64, bot_sha256: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(b"arena bot seed");
    h.update(match_seed.to_le_bytes());
    h.update(bot_sha256.as_bytes());
    let d = h.finalize();
    u64::from_le_bytes(d[..8].try_into().expect("a SHA-256 digest is 32 bytes"))
}

/// The identity of a native fighter in a replay.
pub fn native_identity(name: &str) -> BotIdentity {
    BotIdentity { name: name.to_owned(), author: "arena".to_owned(), sha256: format!("native:{name}") }
}

/// Plays a whole match between two native fighters and returns its replay.
pub fn play_match(
    rules: &Rules,
    seed: u64,
    fighters: [&mut dyn Fighter; 2],
    bots: [BotIdentity; 2],
) -> Result<Replay, RulesError> {
    play(rules, MatchKind::Normal, seed, fighters, bots)
}

/// Plays a match of the given kind between two native fighters.
pub fn play(
    rules: &Rules,
    kind: MatchKind,
    seed: u64,
    fighters: [&mut dyn Fighter; 2],
    bots: [BotIdentity; 2],
) -> Result<Replay, RulesError> {
    let game = Match::new(rules.clone(), kind)?;
    let [left, right] = fighters;
    for (f, bot) in [(&mut *left, &bots[0]), (&mut *right, &bots[1])] {
        f.init(&MatchInfo { rules: rules.clone(), round: 1, seed: bot_seed(seed, &bot.sha256) });
    }
    let engine = format!("arena-sim {} (native)", env!("CARGO_PKG_VERSION"));
    let mut rec = Recorder::new(game, engine, seed, bots);
    while !rec.game().is_over() {
        let actions = [
            left.tick(&Observation::of(rec.game(), Side::Left)),
            right.tick(&Observation::of(rec.game(), Side::Right)),
        ];
        rec.step(actions.map(Input::Act));
    }
    Ok(rec.finish().expect("the loop ends when the match is over"))
}

/// Never acts: the stationary dummy every submission must beat.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdleDummy;

impl Fighter for IdleDummy {
    fn tick(&mut self, _: &Observation) -> Action {
        Action::Idle
    }
}

/// Only guards: hard to hurt, never wins.
#[derive(Clone, Copy, Debug, Default)]
pub struct Guarder;

impl Fighter for Guarder {
    fn tick(&mut self, _: &Observation) -> Action {
        Action::Guard
    }
}

/// Walks in and uses one attack whenever it is in reach.
#[derive(Clone, Copy, Debug)]
pub struct Approacher {
    attack: Action,
    body_width: i32,
    reach: i32,
}

impl Approacher {
    fn new(attack: Action) -> Self {
        let rules = Rules::default();
        let reach = crate::round::attack_data(&rules, attack).reach;
        Self { attack, body_width: rules.body_width, reach }
    }

    /// Walks forward and punches in reach.
    pub fn walker_puncher() -> Self {
        Self::new(Action::Punch)
    }

    /// Walks forward and kicks in reach.
    pub fn kicker() -> Self {
        Self::new(Action::Kick)
    }

    /// Walks forward and throws in reach.
    pub fn thrower() -> Self {
        Self::new(Action::Throw)
    }
}

impl Fighter for Approacher {
    fn init(&mut self, info: &MatchInfo) {
        self.body_width = info.rules.body_width;
        self.reach = crate::round::attack_data(&info.rules, self.attack).reach;
    }

    fn tick(&mut self, o: &Observation) -> Action {
        if o.gap(self.body_width) <= self.reach { self.attack } else { Action::Forward }
    }
}

/// Jumps forward again and again.
#[derive(Clone, Copy, Debug, Default)]
pub struct Jumper {
    walked: bool,
}

impl Fighter for Jumper {
    fn tick(&mut self, o: &Observation) -> Action {
        // Walk one tick first, so the jump carries forward speed.
        self.walked = !self.walked && o.me.action != Action::Forward;
        if self.walked { Action::Forward } else { Action::Jump }
    }
}

/// Plays a fixed list of actions, then idles. For frame tests.
#[derive(Clone, Debug, Default)]
pub struct Scripted {
    actions: Vec<Action>,
    next: usize,
}

impl Scripted {
    /// Plays `actions` one per tick.
    pub fn new(actions: impl IntoIterator<Item = Action>) -> Self {
        Self { actions: actions.into_iter().collect(), next: 0 }
    }
}

impl Fighter for Scripted {
    fn tick(&mut self, _: &Observation) -> Action {
        let a = self.actions.get(self.next).copied().unwrap_or(Action::Idle);
        self.next += 1;
        a
    }
}

/// Picks uniformly random actions from its seed.
#[derive(Clone, Debug)]
pub struct RandomFighter {
    rng: ChaCha8Rng,
}

impl RandomFighter {
    /// A random fighter with this seed (re-seeded by `init`).
    pub fn new(seed: u64) -> Self {
        Self { rng: ChaCha8Rng::seed_from_u64(seed) }
    }
}

impl Fighter for RandomFighter {
    fn init(&mut self, info: &MatchInfo) {
        self.rng = ChaCha8Rng::seed_from_u64(info.seed);
    }

    fn tick(&mut self, _: &Observation) -> Action {
        Action::ALL[(self.rng.next_u32() % Action::ALL.len() as u32) as usize]
    }
}
