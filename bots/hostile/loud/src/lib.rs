//! Hostile bot `loud`: writes 2 MiB to stdout every tick (and a line to
//! stderr), then walks forward and punches. The host must cap what it keeps
//! (`max_log_bytes`) and say so, and the match must go on.

use std::io::Write;

use arena_sdk::prelude::*;

/// Bytes written to stdout per tick.
pub const BYTES_PER_TICK: usize = 2 << 20;

/// Shouts, then fights like a walker-puncher.
#[derive(Debug, Default)]
pub struct Loud {
    line: Vec<u8>,
}

impl Bot for Loud {
    fn tick(&mut self, obs: &Observation) -> Action {
        if self.line.is_empty() {
            let row = b"LOUD! LOUD! LOUD! LOUD! LOUD! LOUD! LOUD! LOUD! LOUD! LOUD! LOUD! LOUD!\n";
            self.line = row.iter().copied().cycle().take(BYTES_PER_TICK).collect();
        }
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&self.line);
        let _ = out.flush();
        eprintln!("loud: tick {} of round {}", obs.tick, obs.round);
        if obs.gap(60) <= 70 { Action::Punch } else { Action::Forward }
    }
}

arena_sdk::export_bot!(Loud);
