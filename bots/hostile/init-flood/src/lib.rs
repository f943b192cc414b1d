//! Hostile bot `init-flood`: its `init` asks `wasi:random` for 64 KiB at a
//! time and never returns. `init` runs on one budget with no suspension, so
//! the host work must come out of `init_fuel`: the bot must fault out of
//! fuel at the start of every round, in the time its fuel buys.

use arena_sdk::prelude::*;

/// Floods in `init`.
#[derive(Debug, Default)]
pub struct InitFlood;

impl Bot for InitFlood {
    fn init(&mut self, _: &MatchInfo) -> Result<(), String> {
        #[cfg(target_family = "wasm")]
        loop {
            std::hint::black_box(wasip2::random::random::get_random_bytes(64 << 10));
        }
        #[cfg(not(target_family = "wasm"))]
        Ok(())
    }

    fn tick(&mut self, _: &Observation) -> Action {
        Action::Forward
    }
}

arena_sdk::export_bot!(InitFlood);
