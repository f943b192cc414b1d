//! The sandbox's speed: per-tick cost against the bare cost of the two
//! component calls, a whole match, and validation with a cold cache.
//!
//! Needs the bots of `cargo xtask bots` in `target/bots/`. Run with
//! `cargo bench -p arena-runtime --bench runtime` (release profile: fat LTO).
//!
//! On a shared virtual machine the same match can take 5 ms or 9 ms from one
//! run to the next; compare the lower bounds of several runs, or count
//! instructions, which do not wobble, with `examples/matches.rs`.

use std::path::PathBuf;
use std::time::Duration;

use arena_runtime::{Contestant, Runtime};
use arena_sim::{MatchKind, Rules};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn wasm(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../target/bots/{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|_| panic!("{} is missing: run `cargo xtask bots` first", path.display()))
}

/// A 3-round match between two trivial bots: two dummies draw every round
/// on time, so `max_rounds = 3` gives exactly 3 × 1800 ticks.
fn three_round_rules() -> Rules {
    Rules { max_rounds: 3, ..Rules::default() }
}

fn per_tick(c: &mut Criterion) {
    let rules = three_round_rules();
    let cache = tempfile::tempdir().unwrap();
    let rt = Runtime::new(&rules.limits, Some(cache.path().to_owned())).unwrap();
    let dummy = rt.load(&wasm("dummy"), "dummy", "bench").unwrap();
    let ticks = 3 * rules.round_ticks as u64;

    let mut g = c.benchmark_group("per-tick");
    g.throughput(Throughput::Elements(ticks));
    g.bench_function("two component calls, bare", |b| {
        b.iter(|| rt.bare_tick_calls([&dummy, &dummy], &rules, ticks));
    });
    g.bench_function("two component calls + simulation (whole match)", |b| {
        b.iter(|| {
            let replay = rt
                .play(&rules, 1, MatchKind::Normal, [Contestant::Wasm(dummy.clone()), Contestant::Wasm(dummy.clone())])
                .unwrap();
            assert_eq!(replay.rounds.len(), 3);
            replay
        });
    });
    g.finish();
}

fn whole_match(c: &mut Criterion) {
    let rules = three_round_rules();
    let cache = tempfile::tempdir().unwrap();
    let rt = Runtime::new(&rules.limits, Some(cache.path().to_owned())).unwrap();
    let dummy = wasm("dummy");
    rt.load(&dummy, "dummy", "bench").unwrap();
    c.bench_function("3-round match of two trivial bots, compile cached, instantiation included", |b| {
        b.iter(|| {
            // Loading hits the cache: the match pays deserialisation, not compilation.
            let a = rt.load(&dummy, "dummy", "bench").unwrap();
            rt.play(&rules, 1, MatchKind::Normal, [Contestant::Wasm(a.clone()), Contestant::Wasm(a)]).unwrap()
        });
    });
}

/// The fixed costs of a match, apart: a bot from the disk cache, and two
/// instances started (`init` included) and called once.
fn match_parts(c: &mut Criterion) {
    let rules = three_round_rules();
    let cache = tempfile::tempdir().unwrap();
    let rt = Runtime::new(&rules.limits, Some(cache.path().to_owned())).unwrap();
    let bytes = wasm("dummy");
    let dummy = rt.load(&bytes, "dummy", "bench").unwrap();
    let mut g = c.benchmark_group("match parts");
    g.bench_function("load a bot from the disk cache", |b| b.iter(|| rt.load(&bytes, "dummy", "bench").unwrap()));
    g.bench_function("start two instances, one tick", |b| b.iter(|| rt.bare_tick_calls([&dummy, &dummy], &rules, 1)));
    g.finish();
}

fn validate_cold(c: &mut Criterion) {
    let rules = Rules::default();
    let rusher = wasm("rusher");
    let mut g = c.benchmark_group("validate");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("rusher, cold cache", |b| {
        b.iter(|| {
            let cache = tempfile::tempdir().unwrap();
            let rt = Runtime::new(&rules.limits, Some(cache.path().to_owned())).unwrap();
            let v = rt.validate(&rusher, "rusher", "bench", &rules);
            assert!(v.passed());
        });
    });
    g.finish();
}

criterion_group!(benches, per_tick, whole_match, match_parts, validate_cold);
criterion_main!(benches);
