//! Hostile bot `deep-recursion`: on its first `tick` it recurses without
//! end until the wasm call stack overflows (the host's stack cap,
//! `max_stack_bytes`, must turn it into a stack-overflow fault).
//!
//! Each call keeps its values in wasm locals, not in linear memory, so it is
//! the engine's stack that runs out, not the Rust shadow stack in memory.

use arena_sdk::prelude::*;

/// Recurses until the stack gives out.
#[derive(Debug, Default)]
pub struct DeepRecursion;

/// Recurses `limit - depth` times; not a tail call (the result is used after
/// the call returns), so every level keeps a frame.
#[inline(never)]
pub fn dive(depth: u64, limit: u64) -> u64 {
    if depth >= limit {
        return depth;
    }
    let below = dive(depth + 1, limit);
    below.wrapping_mul(31).wrapping_add(depth ^ (below >> 7))
}

impl Bot for DeepRecursion {
    fn tick(&mut self, obs: &Observation) -> Action {
        // A limit the compiler cannot see through: never reached.
        let limit = std::hint::black_box(u64::MAX - obs.tick as u64);
        if dive(0, limit) == 42 { Action::Punch } else { Action::Idle }
    }
}

arena_sdk::export_bot!(DeepRecursion);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shallow_dive_returns() {
        assert_eq!(dive(5, 5), 5);
        // 5 * 31 + (4 ^ (5 >> 7)), and 5 >> 7 is 0.
        assert_eq!(dive(4, 5), 5 * 31 + 4);
    }
}
