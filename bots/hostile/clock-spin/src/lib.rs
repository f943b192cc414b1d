//! Hostile bot `clock-spin`: calls `wasi:clocks/monotonic-clock.now`, the
//! cheapest host function there is, in a tight loop and never answers. A
//! host call is one instruction of wasm, so without a charge per call this
//! bot would make the host work a hundred times longer per unit of fuel
//! than a bot that computes.

use arena_sdk::prelude::*;

/// Spins on the clock, never answers.
#[derive(Debug, Default)]
pub struct ClockSpin;

impl Bot for ClockSpin {
    fn tick(&mut self, _: &Observation) -> Action {
        #[cfg(target_family = "wasm")]
        loop {
            std::hint::black_box(wasip2::clocks::monotonic_clock::now());
        }
        #[cfg(not(target_family = "wasm"))]
        Action::Forward
    }
}

arena_sdk::export_bot!(ClockSpin);
