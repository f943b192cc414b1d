//! Hostile bot `poll-flood`: holds 2,000 pollables and polls all of them at
//! once, over and over, never answering. Each `poll` walks the whole list
//! on the host, so the host must charge by the handle.

use arena_sdk::prelude::*;

/// Pollables polled per call.
pub const POLLABLES: usize = 2000;

/// Floods, never answers.
#[derive(Debug, Default)]
pub struct PollFlood;

impl Bot for PollFlood {
    fn tick(&mut self, _: &Observation) -> Action {
        #[cfg(target_family = "wasm")]
        {
            let out = wasip2::cli::stdout::get_stdout();
            let pollables: Vec<_> = (0..POLLABLES).map(|_| out.subscribe()).collect();
            let list: Vec<&wasip2::io::poll::Pollable> = pollables.iter().collect();
            loop {
                std::hint::black_box(wasip2::io::poll::poll(&list));
            }
        }
        #[cfg(not(target_family = "wasm"))]
        Action::Forward
    }
}

arena_sdk::export_bot!(PollFlood);
