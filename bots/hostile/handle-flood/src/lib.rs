//! Hostile bot `handle-flood`: on its first tick it takes stdout handles
//! and never drops them. Every handle is an entry in a table the host keeps
//! for the bot; the host must cap them (a `trap` fault), not grow without
//! end.

use arena_sdk::prelude::*;

/// Takes handles until refused.
#[derive(Debug, Default)]
pub struct HandleFlood;

impl Bot for HandleFlood {
    fn tick(&mut self, _: &Observation) -> Action {
        #[cfg(target_family = "wasm")]
        loop {
            std::mem::forget(wasip2::cli::stdout::get_stdout());
        }
        #[cfg(not(target_family = "wasm"))]
        Action::Forward
    }
}

arena_sdk::export_bot!(HandleFlood);
