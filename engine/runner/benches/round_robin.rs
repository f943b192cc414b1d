//! A 64-entrant round robin (2016 best-of-3 series) of the example Rust
//! bots, timed at several thread counts: matches per second, per core, and
//! parallel efficiency against one thread.
//!
//! `cargo bench -p arena-runner --bench round_robin` (threads from
//! `ARENA_BENCH_THREADS`, default `1,2`; e.g. `1,2,4,8,16` on a big machine).
//! A whole tournament takes tens of seconds, so this prints one timed run
//! per thread count instead of criterion's many samples. Needs the bots of
//! `cargo xtask bots` in `target/bots/`.

use std::path::PathBuf;
use std::time::Instant;

use arena_runner::{RunOptions, TournamentFile, run};

fn main() {
    // `cargo bench` passes `--bench`; a plain `cargo test --benches` passes
    // nothing: run only when benchmarking.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bots");
    let threads: Vec<usize> = std::env::var("ARENA_BENCH_THREADS")
        .unwrap_or_else(|_| "1,2".to_owned())
        .split(',')
        .map(|t| t.trim().parse().expect("ARENA_BENCH_THREADS: comma-separated thread counts"))
        .collect();
    let tmp = std::env::temp_dir().join(format!("arena-bench-rr-{}", std::process::id()));
    let cache = tmp.join("cache");
    let mut text =
        String::from("name = \"RR64\"\noutput = \"out\"\nseed = 1\nbest_of = 3\n[format]\ntype = \"round-robin\"\n");
    // 64 entrants: 13 of each Rust bot but the last, which gets 12.
    for (bot, copies) in [("champion", 13), ("zoner", 13), ("rusher", 13), ("turtle", 13), ("random", 12)] {
        let wasm = bots.join(format!("{bot}.wasm"));
        assert!(wasm.exists(), "{} is missing: run `cargo xtask bots` first", wasm.display());
        text.push_str(&format!("[[entrants]]\nwasm = {:?}\ncopies = {copies}\n", wasm.display().to_string()));
    }
    // Compile every bot before timing anything: the runs measure play.
    let runtime = arena_runtime::Runtime::new(&arena_sim::Rules::default().limits, Some(cache.clone())).unwrap();
    for bot in ["champion", "zoner", "rusher", "turtle", "random"] {
        runtime.load_file(&bots.join(format!("{bot}.wasm")), bot, "bench").unwrap();
    }
    println!("64-entrant round robin, 2016 best-of-3 series");
    let mut base = None;
    for &n in &threads {
        let dir = tmp.join(format!("t{n}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = TournamentFile::parse(&text, &dir).unwrap();
        let options = RunOptions { threads: n, progress: false, cache_dir: Some(cache.clone()), backstop: None };
        let start = Instant::now();
        let report = run(&file, &options).unwrap();
        let secs = start.elapsed().as_secs_f64();
        let matches = report.tournament.matches().len() as f64;
        let rate = matches / secs;
        let per_core = rate / n as f64;
        let single = *base.get_or_insert(per_core);
        println!(
            "threads {n:>2}: {secs:>7.2} s, {rate:>8.1} matches/s, {per_core:>7.1} matches/s/core, {} games, efficiency {:>5.1}%",
            report.games_played,
            100.0 * per_core / single
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
