//! Hostile bot `slow-thinker`: on every tick whose number ends in 5 it
//! thinks hard: a deterministic loop of about three times `tick_fuel` (the
//! per-tick fuel budget it is told in `init`), whose result it checks and
//! uses. The host must suspend it across ticks (its fighter idles) and
//! resume it with its memory intact, never reaching `max_think_ticks`.
//!
//! It keeps a counter and a canary in memory and asserts, every tick, that
//! they are intact and that ticks only move forward: a host that loses its
//! state on a resume makes it trap.

use arena_sdk::prelude::*;

/// Fuel one iteration of the thinking loop costs in wasmtime 48 (measured
/// with the host: the loop keeps its accumulator in memory through
/// `black_box`).
pub const FUEL_PER_ITERATION: u64 = 18;

/// How many budgets of fuel one hard think spends.
pub const BUDGETS_PER_THINK: u64 = 3;

const CANARY: [u64; 4] = [0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0xdead_beef_cafe_f00d, 42];

/// Thinks hard on ticks ending in 5, walks in and punches otherwise.
#[derive(Debug)]
pub struct SlowThinker {
    rules: Rules,
    iterations: u64,
    canary: [u64; 4],
    /// Ticks answered (this instance).
    pub answered: u64,
    /// Hard thinks finished (this instance).
    pub thinks: u64,
    last: Option<(i32, i32)>,
}

impl Default for SlowThinker {
    fn default() -> Self {
        Self::with_iterations(BUDGETS_PER_THINK * Rules::default().limits.tick_fuel / FUEL_PER_ITERATION)
    }
}

impl SlowThinker {
    /// A slow thinker whose hard thinks run `iterations` loop iterations
    /// (`init` resets it from the rules' `tick_fuel`).
    pub fn with_iterations(iterations: u64) -> Self {
        Self { rules: Rules::default(), iterations, canary: CANARY, answered: 0, thinks: 0, last: None }
    }
}

/// The sum 0 + 1 + … + (n - 1), the slow way.
pub fn think(n: u64) -> u64 {
    let mut acc = 0u64;
    let mut i = 0u64;
    while i < n {
        acc = std::hint::black_box(acc.wrapping_add(i));
        i += 1;
    }
    acc
}

impl Bot for SlowThinker {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.rules = info.rules.clone();
        self.iterations = BUDGETS_PER_THINK * info.rules.limits.tick_fuel / FUEL_PER_ITERATION;
        Ok(())
    }

    fn tick(&mut self, obs: &Observation) -> Action {
        assert_eq!(self.canary, CANARY, "slow-thinker: my memory was corrupted");
        if let Some((round, tick)) = self.last {
            assert!(
                (obs.round, obs.tick) > (round, tick),
                "slow-thinker: time went backwards: round {round} tick {tick}, then round {} tick {}",
                obs.round,
                obs.tick
            );
        }
        self.last = Some((obs.round, obs.tick));
        self.answered += 1;
        let gap = obs.gap(self.rules.body_width);
        if obs.tick % 10 == 5 {
            let n = self.iterations;
            let sum = think(n);
            assert_eq!(sum, n.wrapping_mul(n.wrapping_sub(1)) / 2, "slow-thinker: wrong sum");
            self.thinks += 1;
            // Use the result: an odd sum means kick, an even one punch.
            let attack = if sum % 2 == 1 { Action::Kick } else { Action::Punch };
            let reach = if attack == Action::Kick { self.rules.kick.reach } else { self.rules.punch.reach };
            return if gap <= reach { attack } else { Action::Forward };
        }
        if gap <= self.rules.punch.reach { Action::Punch } else { Action::Forward }
    }
}

arena_sdk::export_bot!(SlowThinker);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{self, opponents};

    use super::*;

    #[test]
    fn thinks_hard_every_tenth_tick_and_beats_the_dummy() {
        assert_eq!(think(10), 45);
        let mut bot = SlowThinker::with_iterations(1000);
        let report = testing::fight(&mut bot, &mut opponents::idle_dummy());
        assert!(report.won(), "{}", report.summary());
        assert!(bot.thinks > 0 && bot.thinks * 10 <= bot.answered + 10, "{} {}", bot.thinks, bot.answered);
    }

    #[test]
    fn the_default_burns_three_budgets() {
        let bot = SlowThinker::default();
        let target = 3 * Rules::default().limits.tick_fuel;
        let burned = bot.iterations * FUEL_PER_ITERATION;
        assert!(burned <= target && target - burned < FUEL_PER_ITERATION, "{burned} vs {target}");
    }
}
