//! Plays N of the benchmark's 3-round matches between two `dummy` bots, each
//! loading the bot from the compile cache as a tournament would, and prints
//! the ticks played.
//!
//! Wall-clock benchmarks wobble on a shared machine; instructions do not.
//! The instructions of one match, the same on every run:
//!
//! ```text
//! cargo xtask bots
//! cargo build --profile bench -p arena-runtime --example matches
//! valgrind --tool=callgrind target/release/examples/matches 1   # note "I refs"
//! valgrind --tool=callgrind target/release/examples/matches 6   # ... and again
//! ```
//!
//! The difference over 5 is one match: loading, starting both bots, and
//! 5,400 ticks of two `tick` calls plus the simulation.

use std::path::PathBuf;

use arena_runtime::{Contestant, Runtime};
use arena_sim::{MatchKind, Rules};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let matches: usize = match std::env::args().nth(1) {
        Some(n) => n.parse().map_err(|_| format!("usage: matches [N], not {n:?}"))?,
        None => 1,
    };
    let rules = Rules { max_rounds: 3, ..Rules::default() };
    let cache = std::env::temp_dir().join("arena-example-matches-cache");
    let runtime = Runtime::new(&rules.limits, Some(cache))?;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bots/dummy.wasm");
    let dummy = std::fs::read(&path).map_err(|e| format!("{}: {e}; run `cargo xtask bots` first", path.display()))?;
    // Fill the cache outside the matches counted.
    runtime.load(&dummy, "dummy", "example")?;
    let mut ticks = 0;
    for _ in 0..matches {
        let bot = runtime.load(&dummy, "dummy", "example")?;
        let replay =
            runtime.play(&rules, 1, MatchKind::Normal, [Contestant::Wasm(bot.clone()), Contestant::Wasm(bot)])?;
        ticks += replay.rounds.iter().map(|r| r.inputs.len()).sum::<usize>();
    }
    println!("{matches} matches, {ticks} ticks");
    Ok(())
}
