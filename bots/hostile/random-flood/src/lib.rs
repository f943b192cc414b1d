//! Hostile bot `random-flood`: every `tick` asks `wasi:random/random` and
//! `wasi:random/insecure` for 64 KiB at a time and never answers. Generating
//! bytes is host work that wasm fuel does not see, so the host must charge
//! for it: the bot must be suspended tick after tick and fault out of fuel
//! after `max_think_ticks`, in about the time its fuel buys, like
//! `infinite-loop`. Outside wasm (native tests) it is a plain walker.

use arena_sdk::prelude::*;

/// Floods, never answers.
#[derive(Debug, Default)]
pub struct RandomFlood;

impl Bot for RandomFlood {
    fn tick(&mut self, _: &Observation) -> Action {
        #[cfg(target_family = "wasm")]
        loop {
            std::hint::black_box(wasip2::random::random::get_random_bytes(64 << 10));
            std::hint::black_box(wasip2::random::insecure::get_insecure_random_bytes(64 << 10));
            std::hint::black_box(wasip2::random::random::get_random_u64());
        }
        #[cfg(not(target_family = "wasm"))]
        Action::Forward
    }
}

arena_sdk::export_bot!(RandomFlood);
