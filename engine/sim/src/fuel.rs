//! The fuel a sandboxed bot spent, as its author needs to see it.
//!
//! A replay records the fuel each bot spent on each tick
//! ([`crate::RoundRecord::fuel`]). A tick on which the bot's call was still
//! running when its `tick_fuel` ran out is a *suspended* tick: its fighter
//! idled ([`Input::Thinking`]) and the call went on next tick. Suspension is
//! legal, but a bot that did not mean to think that long loses ticks without
//! knowing why; [`FuelReport::warning`] names the tick so its author can look.

use crate::action::{Input, Side};
use crate::replay::Replay;

/// A tick of a match: the round (from 1) and the tick in it (from 0), as
/// faults and log lines count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TickRef {
    /// The round, from 1.
    pub round: i32,
    /// The tick in that round.
    pub tick: i32,
}

impl std::fmt::Display for TickRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "round {} tick {}", self.round, self.tick)
    }
}

/// One bot's fuel over a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuelReport {
    /// Ticks with fuel recorded.
    pub ticks: u64,
    /// Mean fuel per tick (rounded down).
    pub mean: u64,
    /// The 99th percentile (nearest rank) of fuel per tick.
    pub p99: u64,
    /// The most fuel spent on one tick.
    pub peak: u64,
    /// The first tick on which it spent [`FuelReport::peak`].
    pub peak_at: TickRef,
    /// The ticks on which the bot was suspended, in order.
    pub suspended: Vec<TickRef>,
    /// The rules' `tick_fuel`.
    pub tick_fuel: u64,
}

impl Replay {
    /// The fuel `side`'s bot spent; `None` for a player without fuel (a
    /// native fighter) or a replay without ticks.
    pub fn fuel(&self, side: Side) -> Option<FuelReport> {
        let i = side.index();
        let mut spent = Vec::new();
        let mut peak = (0, TickRef { round: 1, tick: 0 });
        let mut suspended = Vec::new();
        for (r, round) in self.rounds.iter().enumerate() {
            for (t, &fuel) in round.fuel[i].iter().enumerate() {
                let at = TickRef { round: r as i32 + 1, tick: t as i32 };
                if fuel > peak.0 {
                    peak = (fuel, at);
                }
                if round.inputs_at(t).is_some_and(|inputs| inputs[i] == Input::Thinking) {
                    suspended.push(at);
                }
                spent.push(fuel);
            }
        }
        if spent.is_empty() {
            return None;
        }
        let ticks = spent.len() as u64;
        let mean = (spent.iter().map(|&f| u128::from(f)).sum::<u128>() / u128::from(ticks)) as u64;
        spent.sort_unstable();
        // Nearest rank: the smallest value at or above 99% of the ticks.
        let rank = (spent.len() * 99).div_ceil(100).max(1);
        let p99 = spent[rank - 1];
        Some(FuelReport {
            ticks,
            mean,
            p99,
            peak: peak.0,
            peak_at: peak.1,
            suspended,
            tick_fuel: self.rules.limits.tick_fuel,
        })
    }
}

impl FuelReport {
    /// One line: "fuel per tick: mean 12,000, p99 14,500, peak 5,000,000
    /// (round 1 tick 5) of tick_fuel 5,000,000; suspended on 3 ticks".
    pub fn summary(&self) -> String {
        format!(
            "fuel per tick: mean {}, p99 {}, peak {} ({}) of tick_fuel {}; suspended on {} tick{}",
            grouped(self.mean),
            grouped(self.p99),
            grouped(self.peak),
            self.peak_at,
            grouped(self.tick_fuel),
            self.suspended.len(),
            if self.suspended.len() == 1 { "" } else { "s" },
        )
    }

    /// What to tell the author when the bot was suspended; `None` if never.
    pub fn warning(&self) -> Option<String> {
        let first = self.suspended.first()?;
        let n = self.suspended.len();
        Some(format!(
            "suspended on {n} tick{}, first at {first}: a `tick` call ran past tick_fuel ({}) and its fighter \
             idled until the call answered; do less work per tick, or spread it over ticks on purpose \
             (rules: limits.tick_fuel)",
            if n == 1 { "" } else { "s" },
            grouped(self.tick_fuel),
        ))
    }
}

/// `1234567` as `1,234,567`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_in_threes() {
        for (n, text) in [(0, "0"), (999, "999"), (1000, "1,000"), (5_000_000, "5,000,000"), (12_345, "12,345")] {
            assert_eq!(grouped(n), text);
        }
    }
}
