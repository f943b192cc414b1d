//! Hostile bot `stream-flood`: every `tick` writes to stdout through each
//! function of `wasi:io/streams` that takes a length or a list (`write` of
//! what `check-write` allows, `blocking-write-and-flush` of 4 KiB,
//! `write-zeroes`, `blocking-write-zeroes-and-flush`) and never answers.
//! Past the log cap the bytes are dropped, but each call is still host work:
//! the bot must be suspended and fault out of fuel like `infinite-loop`.

use arena_sdk::prelude::*;

/// Floods, never answers.
#[derive(Debug, Default)]
pub struct StreamFlood;

impl Bot for StreamFlood {
    fn tick(&mut self, _: &Observation) -> Action {
        #[cfg(target_family = "wasm")]
        {
            let out = wasip2::cli::stdout::get_stdout();
            let block = vec![b'x'; 4096];
            loop {
                let permit = out.check_write().unwrap_or(0).min(64 << 10) as usize;
                let big = vec![b'y'; permit];
                let _ = out.write(&big);
                let _ = out.blocking_write_and_flush(&block);
                let _ = out.write_zeroes(permit as u64);
                let _ = out.blocking_write_zeroes_and_flush(4096);
                let _ = out.flush();
            }
        }
        #[cfg(not(target_family = "wasm"))]
        Action::Forward
    }
}

arena_sdk::export_bot!(StreamFlood);
