//! The figures, one function per part of the table.

use std::time::Instant;

use anyhow::{Context, Result};
use arena_runtime::{Contestant, Runtime};
use arena_sim::{IdleDummy, MatchKind, RandomFighter, Rules, Side, native_identity, play_match};

use crate::bots;
use crate::table::{Table, duration};

/// What to run, from the environment.
#[derive(Debug)]
pub struct Options {
    /// Cores of this machine.
    pub cores: usize,
    /// Thread counts for the event.
    pub threads: Vec<usize>,
    /// Skip the slow figures.
    pub quick: bool,
}

impl Options {
    /// From `ARENA_BENCH_THREADS` and `ARENA_BENCH_QUICK`.
    pub fn from_env() -> Result<Self> {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let threads = match std::env::var("ARENA_BENCH_THREADS") {
            Ok(list) => list
                .split(',')
                .map(|t| t.trim().parse::<usize>().ok().filter(|&n| n > 0))
                .collect::<Option<Vec<_>>>()
                .context("ARENA_BENCH_THREADS: comma-separated thread counts, such as 1,2,4,8,16")?,
            Err(_) if cores > 1 => vec![1, cores],
            Err(_) => vec![1],
        };
        let quick = std::env::var_os("ARENA_BENCH_QUICK").is_some_and(|v| v != "0");
        Ok(Self { cores, threads, quick })
    }
}

/// The best and the median of `runs` timings of `f`, in seconds.
fn timed(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}

fn cache_dir() -> Result<tempfile::TempDir> {
    tempfile::tempdir().context("cannot make a temporary cache folder")
}

/// Ticks per second of the simulation alone, on one core: whole native
/// matches between two random fighters, replays recorded.
pub fn sim(table: &mut Table) {
    let rules = Rules::default();
    let start = Instant::now();
    let (mut ticks, mut seed) = (0u64, 0u64);
    while start.elapsed().as_secs_f64() < 1.0 {
        let replay = play_match(
            &rules,
            seed,
            [&mut RandomFighter::new(seed), &mut RandomFighter::new(seed + 1)],
            [native_identity("a"), native_identity("b")],
        )
        .expect("the default rules are valid");
        ticks += replay.rounds.iter().map(|r| r.inputs.len() as u64).sum::<u64>();
        seed += 1;
    }
    let rate = ticks as f64 / start.elapsed().as_secs_f64();
    table.add(
        "sim: ticks per second per core",
        format!("{:.2} M", rate / 1e6),
        ">= 1 M (the rules cost under 1 µs of a tick)",
        Some(rate >= 1e6),
    );
}

/// Three rounds of two trivial bots, every tick: 3 × 1800 ticks.
fn three_round_rules() -> Rules {
    Rules { max_rounds: 3, ..Rules::default() }
}

/// A match of two trivial bots against the floor of its calls.
pub fn matches(table: &mut Table) -> Result<()> {
    let rules = three_round_rules();
    let cache = cache_dir()?;
    let rt = Runtime::new(&rules.limits, Some(cache.path().to_owned()))?;
    let dummy = bots::wasm("dummy")?;
    let program = rt.load(&dummy, "dummy", "bench")?;
    let calls = 2 * 3 * rules.round_ticks as u64;
    let (floor, _) = timed(10, || {
        let answered = rt.floor_tick_calls(&program, &rules, calls).expect("the dummy's tick calls nothing");
        assert_eq!(answered, calls);
    });
    table.add(
        "floor: 2 x 5400 bare typed tick calls",
        duration(floor),
        format!("(reference: {:.0} ns a call)", floor / calls as f64 * 1e9),
        None,
    );
    let (best, median) = timed(40, || {
        // Loading hits the component cache: the match pays deserialising, not compiling.
        let a = rt.load(&dummy, "dummy", "bench").expect("cached");
        let replay =
            rt.play(&rules, 1, MatchKind::Normal, [Contestant::Wasm(a.clone()), Contestant::Wasm(a)]).expect("plays");
        assert_eq!(replay.rounds.len(), 3);
    });
    table.add(
        "match: 3 rounds, 2 trivial bots, cached (best)",
        duration(best),
        format!("< 5 ms; median {}", duration(median)),
        Some(best < 5e-3),
    );
    table.add("match / floor", format!("{:.2}x", best / floor), "near 1x (the cost of the calls)", None);
    Ok(())
}

/// The submission checks, cold (nothing cached) and warm (the same bot again).
pub fn validation(table: &mut Table, options: &Options) -> Result<()> {
    let rules = Rules::default();
    let mut cases = vec![("rust", "rusher".to_owned(), 2.0)];
    if !options.quick {
        cases.push(("python", "py-kicker".to_owned(), 30.0));
    }
    if let Some(js) = ["js-rusher", "js-bot"].into_iter().find(|b| bots::exists(b)) {
        cases.push(("javascript", js.to_owned(), 90.0));
    }
    for (lang, bot, cold_goal) in cases {
        let wasm = bots::wasm(&bot)?;
        let cache = cache_dir()?;
        let check = || -> Result<f64> {
            let start = Instant::now();
            let rt = Runtime::new(&rules.limits, Some(cache.path().to_owned()))?;
            let v = rt.validate(&wasm, &bot, "bench", &rules);
            anyhow::ensure!(v.passed(), "{bot} does not pass validation: {:?}", v.failure());
            Ok(start.elapsed().as_secs_f64())
        };
        let cold = check()?;
        let warm = check()?;
        table.add(
            format!("validate a {lang} bot ({bot}), cold"),
            duration(cold),
            format!("< {cold_goal} s"),
            Some(cold < cold_goal),
        );
        table.add(format!("validate a {lang} bot ({bot}), warm"), duration(warm), "< 1 s", Some(warm < 1.0));
    }
    Ok(())
}

/// The first bot of a toolchain that carries a runtime (CPython for
/// Python, StarlingMonkey for JavaScript) compiles it; the second, distinct
/// one finds it in the function cache.
pub fn runtime_compiles(table: &mut Table) -> Result<()> {
    for (language, bot, runtime) in [("Python", "py-kicker", "CPython"), ("JavaScript", "js-rusher", "StarlingMonkey")]
    {
        let rules = Rules::default();
        let cache = cache_dir()?;
        let rt = Runtime::new(&rules.limits, Some(cache.path().to_owned()))?;
        let first = bots::wasm(bot)?;
        let second = bots::variant(&first, 1);
        let start = Instant::now();
        rt.load(&first, "first", "bench")?;
        let t1 = start.elapsed().as_secs_f64();
        let start = Instant::now();
        rt.load(&second, "second", "bench")?;
        let t2 = start.elapsed().as_secs_f64();
        anyhow::ensure!(rt.compiled_count() == 2, "both {language} bots should have been compiled");
        table.add(format!("compile the first {language} bot"), duration(t1), format!("({runtime}, once)"), None);
        table.add(
            format!("compile a second, distinct {language} bot"),
            duration(t2),
            format!("<= 1/4 of the first ({:.0}%)", t2 / t1 * 100.0),
            Some(t2 * 4.0 <= t1),
        );
    }
    Ok(())
}

/// Host nanoseconds per million fuel of the worst hostile bot that floods
/// the host with calls, against a bot that only computes.
pub fn hostile(table: &mut Table) -> Result<()> {
    let mut rules = Rules::default();
    rules.limits.tick_fuel = 5_000_000;
    rules.limits.max_think_ticks = 20;
    rules.limits.init_fuel = 100_000_000;
    let cache = cache_dir()?;
    let rt = Runtime::new(&rules.limits, Some(cache.path().to_owned()))?;
    let per_million = |bot: &str, in_init: bool| -> Result<f64> {
        let program = rt.load(&bots::wasm(bot)?, bot, "bench")?;
        let budget = if in_init {
            rules.limits.init_fuel
        } else {
            rules.limits.tick_fuel * u64::from(rules.limits.max_think_ticks)
        };
        let mut best = f64::INFINITY;
        for seed in 0..3 {
            let start = Instant::now();
            let replay = rt.play(
                &rules,
                seed,
                MatchKind::Normal,
                [Contestant::Wasm(program.clone()), Contestant::native("dummy", IdleDummy)],
            )?;
            let ns = start.elapsed().as_nanos() as f64;
            let spent = replay.faults.iter().filter(|f| f.side == Side::Left).count() as f64 * budget as f64;
            anyhow::ensure!(spent > 0.0, "{bot} should spend its whole budget every round");
            best = best.min(ns / (spent / 1e6));
        }
        Ok(best)
    };
    let compute = per_million("infinite-loop", false)?;
    let mut worst = ("", 0.0f64);
    for (bot, in_init) in [
        ("random-flood", false),
        ("stream-flood", false),
        ("poll-flood", false),
        ("clock-spin", false),
        ("init-flood", true),
    ] {
        let ns = per_million(bot, in_init)?;
        if ns > worst.1 {
            worst = (bot, ns);
        }
    }
    table.add(
        format!("hostile: host time per M fuel ({})", worst.0),
        format!("{:.0} µs", worst.1 / 1e3),
        format!("within 3x of compute ({:.0} µs): {:.2}x", compute / 1e3, worst.1 / compute),
        Some(worst.1 <= 3.0 * compute),
    );
    Ok(())
}
