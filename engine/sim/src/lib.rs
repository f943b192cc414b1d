//! # arena-sim: the rules of the fight as a pure state machine
//!
//! This crate is GAME.md as code. Given the same [`Rules`], seed and
//! actions it produces the same states, bit for bit, on every machine: it
//! uses integer arithmetic only and knows nothing of wasm, files, threads,
//! clocks or rendering. It builds for the host and for `wasm32-wasip2`, so a
//! bot may embed it to look ahead.
//!
//! ## A match in a few lines
//!
//! ```
//! use arena_sim::{play_match, native_identity, Approacher, IdleDummy, Rules, Side};
//!
//! let rules = Rules::default();
//! let replay = play_match(
//!     &rules,
//!     42,
//!     [&mut Approacher::walker_puncher(), &mut IdleDummy],
//!     [native_identity("walker-puncher"), native_identity("dummy")],
//! )
//! .unwrap();
//! assert_eq!(replay.outcome.winner, Some(Side::Left));
//!
//! // A replay re-creates the match: the bytes round-trip and re-simulate.
//! let bytes = replay.to_bytes();
//! let again = arena_sim::Replay::from_bytes(&bytes).unwrap();
//! again.verify().unwrap();
//! ```
//!
//! ## Driving a match yourself
//!
//! [`Match::step`] takes one [`Input`] per side per tick and returns the
//! tick's [`TickEvents`]; [`Observation::of`] gives what each bot sees.
//! [`Recorder`] wraps a match to produce its [`Replay`]. The bot host
//! (`arena-runtime`) drives wasm bots this way.

mod action;
mod attack;
pub mod avatar;
mod bout;
mod error;
mod fighter;
mod fuel;
mod game;
mod hash;
mod lookahead;
mod observation;
mod replay;
mod round;
mod rules;
#[cfg(feature = "source")]
pub mod source;
#[cfg(feature = "sparring")]
mod sparring;
mod text;
mod walk;
mod wit_table;

pub use action::{Action, Input, Side};
pub use attack::Attack;
pub use bout::{Answer, Bout, Failure, Player, init_error, play_bout};
pub use error::{ReplayError, RulesError};
pub use fighter::{Fighter, MatchInfo, bot_seed, native_identity, play, play_match};
pub use fuel::{FuelReport, TickRef, grouped};
pub use game::{Match, MatchKind, MatchOutcome};
pub use lookahead::Unseen;
pub use observation::{FighterView, Observation};
pub use replay::{
    BotIdentity, Fault, FaultKind, LogLine, LogStream, REPLAY_FORMAT_VERSION, Recorder, Replay, RoundRecord,
};
pub use round::{
    Activity, Contact, FighterState, HitEvent, Phase, Projectile, RoundEnd, RoundKind, RoundResult, RoundState,
    TickEvents,
};
pub use rules::{AttackData, BotLimits, Rules};
#[cfg(feature = "sparring")]
pub use sparring::{Approacher, Guarder, IdleDummy, Jumper, RandomFighter, Scripted};
pub use text::printable;
pub use walk::{Step, Walk};
