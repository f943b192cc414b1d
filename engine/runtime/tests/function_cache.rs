//! The function cache (Cranelift's incremental compilation cache on disk)
//! changes how long a compile takes, never what it makes: the same replays,
//! byte for byte, with the cache cold, warm and corrupted.

mod support;

use std::path::Path;

use arena_runtime::{Contestant, Runtime};
use arena_sim::{MatchKind, Rules};
use support::wasm;

/// Loads the two bots with a fresh runtime over `cache` (the component
/// cache emptied first, so every function goes through the function cache)
/// and plays them; the replay's bytes and what the function cache did.
fn compile_and_play(cache: &Path, bots: [&str; 2]) -> (Vec<u8>, arena_runtime::FunctionCacheStats) {
    let _ = std::fs::remove_dir_all(cache.join("components"));
    let rules = Rules::default();
    let runtime = Runtime::new(&rules.limits, Some(cache.to_owned())).unwrap();
    let [a, b] = bots.map(|name| Contestant::Wasm(runtime.load(&wasm(name), name, "test").unwrap()));
    assert_eq!(runtime.compiled_count(), 2, "both bots must be compiled, not loaded whole");
    let replay = runtime.play(&rules, 5, MatchKind::Normal, [a, b]).unwrap();
    (replay.to_bytes(), runtime.function_cache_stats())
}

fn function_entries(cache: &Path) -> Vec<std::path::PathBuf> {
    let dir = std::fs::read_dir(cache.join("functions")).unwrap().next().unwrap().unwrap().path();
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect()
}

/// The least share of lookups a warm cache answers (see the test).
const WARM: f64 = 0.75;

/// The share of function lookups the cache answered.
fn hit_rate(stats: arena_runtime::FunctionCacheStats) -> f64 {
    stats.hits as f64 / (stats.hits + stats.misses).max(1) as f64
}

#[test]
fn replays_are_the_same_bytes_with_the_function_cache_cold_warm_and_corrupted() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path();
    let bots = ["champion", "zoner"];
    let (cold, cold_stats) = compile_and_play(cache, bots);
    assert!(cold_stats.misses > 100, "a cold cache compiles every function: {cold_stats:?}");
    let stored = function_entries(cache).len();
    assert!(stored > 100, "the compiled functions are stored: {stored}");

    // Some functions are looked up under a key that differs from run to
    // run, and so miss: a few dozen of some 800 here on an idle machine,
    // up to a tenth and more when the compiler's threads interleave
    // differently on a loaded one. The rest hit.
    let (warm, warm_stats) = compile_and_play(cache, bots);
    assert_eq!(warm, cold, "a warm function cache must change nothing");
    assert!(hit_rate(warm_stats) > WARM, "a warm cache: {warm_stats:?}");

    for entry in function_entries(cache) {
        let mut bytes = std::fs::read(&entry).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x40;
        std::fs::write(&entry, &bytes).unwrap();
    }
    let (corrupted, corrupt_stats) = compile_and_play(cache, bots);
    assert_eq!(corrupted, cold, "a corrupted function cache must change nothing");
    // No damaged entry is trusted: every one read is counted and compiled
    // again, and the only hits are entries written during the same run (the
    // two bots share much of Rust's standard library), as when cold.
    assert!(corrupt_stats.corrupt as f64 > 0.9 * stored as f64, "{corrupt_stats:?} of {stored}");
    assert!(hit_rate(corrupt_stats) <= hit_rate(cold_stats) + 0.05, "{corrupt_stats:?} vs cold {cold_stats:?}");
    // The damaged entries were rebuilt: the next compile is warm again.
    let (rebuilt, rebuilt_stats) = compile_and_play(cache, bots);
    assert_eq!(rebuilt, cold);
    assert!(hit_rate(rebuilt_stats) > WARM, "{rebuilt_stats:?}");
}

/// Bots built with the same toolchain share code (here Rust's standard
/// library): a bot compiled after another finds much of its code cached.
#[test]
fn a_second_distinct_bot_reuses_the_functions_the_first_one_shares_with_it() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = Rules::default();
    let runtime = Runtime::new(&rules.limits, Some(tmp.path().to_owned())).unwrap();
    runtime.load(&wasm("rusher"), "rusher", "test").unwrap();
    let first = runtime.function_cache_stats();
    runtime.load(&wasm("turtle"), "turtle", "test").unwrap();
    let second = runtime.function_cache_stats();
    let (hits, misses) = (second.hits - first.hits, second.misses - first.misses);
    assert!(hits > misses, "the turtle should find most of its functions cached: {hits} hits, {misses} misses");
}
