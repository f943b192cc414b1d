//! What a bot can make the host do per unit of fuel: host nanoseconds per
//! million fuel for each hostile bot that floods the host with calls, next
//! to `infinite-loop`, which only computes. Fuel is the only budget a bot
//! has, so if a flood bot's figure is far above the compute bot's, that
//! host call is under-charged (the goal: within 3x).
//!
//! Needs the bots of `cargo xtask bots`. Run with
//! `cargo bench -p arena-runtime --bench host_work`. Prints one table.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use arena_runtime::{Contestant, Runtime};
use arena_sim::{IdleDummy, MatchKind, Rules, Side};
use support::wasm;

/// Every round of every bot below ends when its one `tick` call (or its
/// `init`) has spent its whole budget, so the fuel a match burns is known.
fn rules() -> Rules {
    let mut rules = Rules::default();
    rules.limits.tick_fuel = 5_000_000;
    rules.limits.max_think_ticks = 20;
    rules.limits.init_fuel = 100_000_000;
    rules
}

/// Host nanoseconds per million fuel for `bot`, the best of `runs` matches.
fn ns_per_million_fuel(rt: &Runtime, bot: &str, in_init: bool, runs: usize) -> f64 {
    let rules = rules();
    let program = rt.load(&wasm(bot), bot, "bench").unwrap();
    let budget =
        if in_init { rules.limits.init_fuel } else { rules.limits.tick_fuel * u64::from(rules.limits.max_think_ticks) };
    (0..runs)
        .map(|seed| {
            let started = Instant::now();
            let replay = rt
                .play(
                    &rules,
                    seed as u64,
                    MatchKind::Normal,
                    [Contestant::Wasm(program.clone()), Contestant::native("dummy", IdleDummy)],
                )
                .unwrap();
            let elapsed = started.elapsed().as_nanos() as f64;
            let spent = replay.faults.iter().filter(|f| f.side == Side::Left).count() as f64 * budget as f64;
            assert!(spent > 0.0, "{bot} should spend its whole budget every round");
            elapsed / (spent / 1e6)
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let rt = Runtime::new(&rules().limits, Some(std::env::temp_dir().join("arena-bench-host-work"))).unwrap();
    let compute = ns_per_million_fuel(&rt, "infinite-loop", false, 3);
    println!("host work per fuel (best of 3 matches; tick_fuel 5 M x 20 ticks per round)");
    println!("{:<16} {:>14} {:>10}  goal", "bot", "ns / M fuel", "x compute");
    println!("{:<16} {:>14.0} {:>10.2}  (reference: wasm only)", "infinite-loop", compute, 1.0);
    let mut worst = ("", 0.0f64);
    for (bot, in_init) in [
        ("random-flood", false),
        ("stream-flood", false),
        ("poll-flood", false),
        ("clock-spin", false),
        ("init-flood", true),
    ] {
        let ns = ns_per_million_fuel(&rt, bot, in_init, 3);
        let ratio = ns / compute;
        if ratio > worst.1 {
            worst = (bot, ratio);
        }
        println!("{bot:<16} {ns:>14.0} {ratio:>10.2}  {}", if ratio <= 3.0 { "<= 3x ok" } else { "> 3x OVER" });
    }
    println!("worst: {} at {:.2}x the compute bot (goal: within 3x)", worst.0, worst.1);
}
