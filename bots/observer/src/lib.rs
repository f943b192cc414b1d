//! `observer`: plays at random and prints, on every tick, the
//! observation it received, as Rust's `{:?}` of [`Observation`].
//!
//! Two uses. For a bot author it shows what a bot sees, tick by tick, in the
//! replay's log (`arena replay info` prints logs; the viewer's side panel
//! shows them). For Arena it is the end-to-end check of the observation's
//! path into the sandbox: the host lays the record out in the bot's memory
//! itself (arena-runtime's `wire.rs`), and `arena-runtime`'s
//! `tests/wire.rs` compares every line this bot prints with the
//! observation the simulation made for that tick.
//!
//! It prints about 600 bytes a tick: raise `limits.max_log_bytes` in the
//! rules to keep a whole match.

use arena_sdk::prelude::*;

/// A random player that reports what it sees.
#[derive(Debug, Default)]
pub struct Observer {
    /// xorshift64 state, from the match's seed.
    state: u64,
    action: Action,
    hold: u64,
}

impl Observer {
    fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }
}

impl Bot for Observer {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.state = info.seed | 1;
        Ok(())
    }

    fn tick(&mut self, obs: &Observation) -> Action {
        println!("{obs:?}");
        // Random actions held for 1 to 8 ticks, like `random`, so that over a
        // match every field takes many values.
        if self.hold == 0 {
            self.action = Action::ALL[(self.next() % Action::ALL.len() as u64) as usize];
            self.hold = 1 + self.next() % 8;
        }
        self.hold -= 1;
        self.action
    }
}

arena_sdk::export_bot!(Observer);
