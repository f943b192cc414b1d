//! Hostile bot `trap-at-100`: walks forward, and panics (in wasm: a trap)
//! on tick 100 of every round. The host must record a trap fault, give the
//! round to the opponent and start the next round with a fresh instance.

use arena_sdk::prelude::*;

/// The tick of each round on which it traps.
pub const TRAP_TICK: i32 = 100;

/// Walks forward, then traps.
#[derive(Debug, Default)]
pub struct TrapAt100;

impl Bot for TrapAt100 {
    fn tick(&mut self, obs: &Observation) -> Action {
        if obs.tick == TRAP_TICK {
            panic!("trap-at-100: deliberate panic at tick {} of round {}", obs.tick, obs.round);
        }
        Action::Forward
    }
}

arena_sdk::export_bot!(TrapAt100);
