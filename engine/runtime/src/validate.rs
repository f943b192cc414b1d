//! The submission checks of BRIEF.md "Submissions", in order, stopping at
//! the first failure with a message that says what to fix.

use arena_sim::{BotIdentity, IdleDummy, MatchKind, Replay, RoundEnd, Rules, Side};

use crate::error::RuntimeError;
use crate::play::{Contestant, probe};
use crate::runtime::Runtime;

/// The seed of every validation match, so a participant can reproduce it.
pub const VALIDATION_SEED: u64 = 20_261_124;

/// One of the three submission checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// It is a component of the `fighter` world.
    Component,
    /// It is within the size, memory and init limits.
    Limits,
    /// It beats the stationary dummy.
    BeatsDummy,
}

impl Check {
    /// The check in plain words.
    pub fn describe(self) -> &'static str {
        match self {
            Check::Component => "it is a component of the `fighter` world",
            Check::Limits => "it is within the size, memory and init limits",
            Check::BeatsDummy => "it beats a dummy that never moves",
        }
    }
}

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckOutcome {
    /// Which check.
    pub check: Check,
    /// Whether it passed.
    pub passed: bool,
    /// What was found; for a failure, what to fix.
    pub message: String,
}

/// The result of validating a bot.
#[derive(Clone, Debug)]
pub struct Validation {
    /// The bot's identity, once it could be read.
    pub identity: Option<BotIdentity>,
    /// The checks run, in order; the last one failed if any did.
    pub checks: Vec<CheckOutcome>,
    /// The validation match against the dummy, if it was played.
    pub replay: Option<Replay>,
}

impl Validation {
    /// Whether every check passed.
    pub fn passed(&self) -> bool {
        self.checks.len() == 3 && self.checks.iter().all(|c| c.passed)
    }

    /// The first failed check, if any.
    pub fn failure(&self) -> Option<&CheckOutcome> {
        self.checks.iter().find(|c| !c.passed)
    }
}

impl Runtime {
    /// Runs the three submission checks on a bot's wasm bytes under `rules`.
    pub fn validate(&self, wasm: &[u8], name: &str, author: &str, rules: &Rules) -> Validation {
        let mut v = Validation { identity: None, checks: Vec::new(), replay: None };
        let record = |v: &mut Validation, check, passed, message: String| {
            v.checks.push(CheckOutcome { check, passed, message });
            passed
        };

        // The size is checked before anything reads the module whole.
        let cap = rules.limits.max_module_bytes;
        if wasm.len() as u64 > cap {
            let message = format!(
                "the bot is {} bytes, over the cap of {cap} bytes (rules: limits.max_module_bytes); \
                 build in release mode, strip debug info (`strip = true` in your Cargo profile), \
                 and drop unused dependencies",
                wasm.len()
            );
            record(&mut v, Check::Component, true, "not checked: the file is too big to load".into());
            record(&mut v, Check::Limits, false, message);
            return v;
        }

        let program = match self.load(wasm, name, author) {
            Ok(p) => p,
            Err(RuntimeError::BadBot { message, .. }) => {
                record(&mut v, Check::Component, false, message);
                return v;
            }
            Err(e) => {
                record(&mut v, Check::Component, false, e.to_string());
                return v;
            }
        };
        v.identity = Some(program.identity.clone());
        record(&mut v, Check::Component, true, "a component of the `fighter` world".into());

        if let Err((kind, message)) = probe(self, &program, rules, VALIDATION_SEED) {
            record(&mut v, Check::Limits, false, format!("starting the bot failed ({kind}): {message}"));
            return v;
        }
        record(&mut v, Check::Limits, true, format!("{} bytes; starts within the memory and init limits", wasm.len()));

        let replay = match self.play(
            rules,
            VALIDATION_SEED,
            MatchKind::Normal,
            [Contestant::Wasm(program), Contestant::native("dummy", IdleDummy)],
        ) {
            Ok(r) => r,
            Err(e) => {
                record(&mut v, Check::BeatsDummy, false, e.to_string());
                return v;
            }
        };
        let won = replay.outcome.winner == Some(Side::Left);
        let message = if won {
            let [w, l] = replay.outcome.round_wins;
            format!("beat the dummy {w}-{l}")
        } else {
            format!("it did not beat a dummy that never moves: {}", describe_loss(&replay))
        };
        record(&mut v, Check::BeatsDummy, won, message);
        v.replay = Some(replay);
        v
    }
}

/// What happened in a validation match the bot did not win.
fn describe_loss(replay: &Replay) -> String {
    let o = &replay.outcome;
    let mut parts = Vec::new();
    let verdict = match o.winner {
        None => "the match was drawn".to_owned(),
        Some(_) => "the dummy won the match".to_owned(),
    };
    parts.push(format!("{verdict} ({}-{} in rounds)", o.round_wins[0], o.round_wins[1]));
    if let Some(f) = replay.faults.iter().find(|f| f.side == Side::Left) {
        parts.push(format!("your bot faulted in round {} at tick {} ({}): {}", f.round, f.tick, f.kind, f.message));
    } else if o.rounds.iter().all(|r| r.end == RoundEnd::TimeOut && r.damage_dealt[0] == 0) {
        parts.push("your bot never hurt the dummy: walk forward and attack".to_owned());
    } else {
        let dealt: i64 = o.rounds.iter().map(|r| i64::from(r.damage_dealt[0])).sum();
        parts.push(format!("your bot dealt {dealt} damage in {} rounds", o.rounds.len()));
    }
    parts.join("; ")
}
