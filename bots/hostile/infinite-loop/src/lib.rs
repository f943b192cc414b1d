//! Hostile bot `infinite-loop`: its first `tick` never returns. The host
//! must suspend it tick after tick and fault it after `max_think_ticks`
//! (out of fuel), then start the next round with a fresh instance.

use arena_sdk::prelude::*;

/// Spins forever in `tick`.
#[derive(Debug, Default)]
pub struct InfiniteLoop;

impl Bot for InfiniteLoop {
    fn tick(&mut self, _: &Observation) -> Action {
        let mut n: u64 = 0;
        loop {
            n = std::hint::black_box(n.wrapping_add(1));
        }
    }
}

arena_sdk::export_bot!(InfiniteLoop);
