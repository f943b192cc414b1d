//! Hostile bot `deep-recursion`: on its first `tick` it recurses without
//! end, each frame holding a 1 KiB buffer, until the wasm stack overflows
//! (the host must record a stack-overflow fault).

use arena_sdk::prelude::*;

/// Recurses until the stack gives out.
#[derive(Debug, Default)]
pub struct DeepRecursion;

#[inline(never)]
#[allow(unconditional_recursion)]
fn dive(depth: u64) -> u64 {
    let mut frame = [0u8; 1024];
    frame[(depth % 1024) as usize] = depth as u8;
    let frame = std::hint::black_box(frame);
    // Not a tail call: the result is used after the call returns.
    dive(depth + 1).wrapping_add(frame[(depth * 7 % 1024) as usize] as u64)
}

impl Bot for DeepRecursion {
    fn tick(&mut self, _: &Observation) -> Action {
        if std::hint::black_box(dive(0)) == 42 { Action::Punch } else { Action::Idle }
    }
}

arena_sdk::export_bot!(DeepRecursion);
