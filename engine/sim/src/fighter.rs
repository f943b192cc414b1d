//! Native fighters: bots as plain Rust, played in-process with no wasm.
//!
//! [`Fighter`] is the one bot trait: the SDK re-exports it as `Bot`, every
//! Rust bot implements it, and the scripted fighters here (the sparring
//! partners) do too. [`play_match`] plays two of them through the one
//! match driver ([`crate::Bout`]).

use sha2::{Digest, Sha256};

use crate::action::Action;
use crate::error::RulesError;
use crate::game::MatchKind;
use crate::observation::Observation;
use crate::replay::{BotIdentity, Replay};
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

/// A fighting bot: observation in, action out.
///
/// The SDK calls it `Bot`; implement it (with [`Default`]) and export it
/// with `arena_sdk::export_bot!`. The same value plays natively in the
/// SDK's test harness.
pub trait Fighter {
    /// Called once, before the first tick, with the rules of the match, the
    /// round it starts in (1) and its random seed; and again only after a
    /// fault, with the round it restarts in. An error is a fault: the bot
    /// loses that round, with this message in the replay. The default does
    /// nothing.
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        let _ = info;
        Ok(())
    }

    /// The action for this tick.
    fn tick(&mut self, observation: &Observation) -> Action;

    /// The bot's name in natively played replays. Defaults to the type's
    /// name; the host uses the submitted name instead.
    fn name(&self) -> String {
        short_type_name(std::any::type_name::<Self>())
    }
}

/// `my_bot::bots::Rusher<u8>` -> `Rusher`.
fn short_type_name(full: &str) -> String {
    let base = full.split('<').next().unwrap_or(full);
    base.rsplit("::").next().unwrap_or(base).to_owned()
}

impl<F: Fighter + ?Sized> Fighter for Box<F> {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        (**self).init(info)
    }
    fn tick(&mut self, observation: &Observation) -> Action {
        (**self).tick(observation)
    }
    fn name(&self) -> String {
        (**self).name()
    }
}

impl<F: Fighter + ?Sized> Fighter for &mut F {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        (**self).init(info)
    }
    fn tick(&mut self, observation: &Observation) -> Action {
        (**self).tick(observation)
    }
    fn name(&self) -> String {
        (**self).name()
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
    let [left, right] = fighters;
    let engine = format!("arena-sim {} (native)", env!("CARGO_PKG_VERSION"));
    crate::bout::play_bout(rules, kind, seed, [&mut { left }, &mut { right }], bots, engine)
}

#[cfg(test)]
mod tests {
    use super::short_type_name;

    #[test]
    fn short_names() {
        assert_eq!(short_type_name("a::b::Rusher"), "Rusher");
        assert_eq!(short_type_name("a::b::Wrap<c::D>"), "Wrap");
        assert_eq!(short_type_name("Plain"), "Plain");
    }
}
