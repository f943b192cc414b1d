//! `random`: random actions, each held for a random 1 to 8 ticks.
//!
//! The numbers come from the `rand` crate's thread RNG, which seeds itself
//! from the operating system: in the sandbox that is WASI's `wasi:random`,
//! which the host seeds deterministically per bot per match, so the same
//! match always plays the same. Natively, tests use [`RandomBot::seeded`].

use arena_sdk::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};

/// Picks a random action and holds it for a random number of ticks.
#[derive(Debug)]
pub struct RandomBot {
    rng: StdRng,
    action: Action,
    hold: u32,
}

impl Default for RandomBot {
    /// Seeded from the thread RNG, that is, from WASI random in the sandbox.
    fn default() -> Self {
        Self::seeded(rand::rng().next_u64())
    }
}

impl RandomBot {
    /// A random bot with a fixed seed (for native tests).
    pub fn seeded(seed: u64) -> Self {
        Self { rng: StdRng::seed_from_u64(seed), action: Action::Idle, hold: 0 }
    }
}

impl Bot for RandomBot {
    fn tick(&mut self, _: &Observation) -> Action {
        if self.hold == 0 {
            self.action = Action::ALL[self.rng.random_range(0..Action::ALL.len())];
            self.hold = self.rng.random_range(1..=8);
        }
        self.hold -= 1;
        self.action
    }
}

arena_sdk::export_bot!(RandomBot);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{self, opponents};

    use super::*;

    #[test]
    fn the_same_seed_plays_the_same_match() {
        let a = testing::fight(&mut RandomBot::seeded(3), &mut opponents::walker_puncher());
        let b = testing::fight(&mut RandomBot::seeded(3), &mut opponents::walker_puncher());
        assert_eq!(a.replay(), b.replay());
        let c = testing::fight(&mut RandomBot::seeded(4), &mut opponents::walker_puncher());
        assert_ne!(a.replay().rounds[0].inputs, c.replay().rounds[0].inputs);
    }

    #[test]
    fn uses_every_action_and_holds_them() {
        let mut bot = RandomBot::seeded(1);
        let report = testing::fight(&mut bot, &mut opponents::guarder());
        let inputs = &report.replay().rounds[0].inputs;
        let mut seen = [false; 10];
        for b in inputs {
            seen[(b & 0x0f) as usize] = true;
        }
        assert!(seen.iter().all(|s| *s), "{seen:?}");
        let repeats = inputs.windows(2).filter(|w| w[0] & 0x0f == w[1] & 0x0f).count();
        assert!(repeats > inputs.len() / 2, "actions should be held for several ticks");
    }
}
