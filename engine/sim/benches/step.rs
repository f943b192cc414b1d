//! How fast the rules run: `cargo bench -p arena-sim`.
//!
//! - `step/random`: `RoundState::step` with pre-generated random actions for
//!   both fighters, restarting the round whenever it ends; throughput in ticks.
//! - `match/random-3-rounds`: a whole native match of three rounds between
//!   two random fighters, replay recording included.

use std::hint::black_box;

use arena_sim::{Action, Input, RandomFighter, RoundKind, RoundState, Rules, native_identity, play_match};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Ticks stepped per benchmark iteration.
const TICKS: usize = 10_000;

/// A fixed stream of random action pairs (xorshift: no clock, no seed file).
fn random_inputs(n: usize) -> Vec<[Input; 2]> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        Input::Act(Action::ALL[(x % Action::ALL.len() as u64) as usize])
    };
    (0..n).map(|_| [next(), next()]).collect()
}

fn step(c: &mut Criterion) {
    let rules = Rules::default();
    let inputs = random_inputs(TICKS);
    let mut group = c.benchmark_group("step");
    group.throughput(Throughput::Elements(TICKS as u64));
    group.bench_function("random", |b| {
        let fresh = RoundState::new(&rules, RoundKind::Normal);
        let mut state = fresh;
        b.iter(|| {
            for &pair in &inputs {
                let events = state.step(&rules, black_box(pair));
                if events.round_end.is_some() {
                    state = fresh;
                }
            }
            black_box(&state);
        });
    });
    group.finish();
}

/// A seed whose random-vs-random match lasts exactly three rounds.
fn three_round_seed(rules: &Rules) -> u64 {
    (0..1000)
        .find(|&seed| {
            let replay = play_match(
                rules,
                seed,
                [&mut RandomFighter::new(0), &mut RandomFighter::new(0)],
                [native_identity("random-a"), native_identity("random-b")],
            )
            .expect("default rules are valid");
            replay.outcome.rounds.len() == 3
        })
        .expect("some seed gives a three-round match")
}

fn whole_match(c: &mut Criterion) {
    let rules = Rules::default();
    let seed = three_round_seed(&rules);
    let ticks: usize = play_match(
        &rules,
        seed,
        [&mut RandomFighter::new(0), &mut RandomFighter::new(0)],
        [native_identity("random-a"), native_identity("random-b")],
    )
    .unwrap()
    .rounds
    .iter()
    .map(|r| r.inputs.len())
    .sum();
    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Elements(ticks as u64));
    group.bench_function("random-3-rounds", |b| {
        b.iter(|| {
            play_match(
                &rules,
                black_box(seed),
                [&mut RandomFighter::new(0), &mut RandomFighter::new(0)],
                [native_identity("random-a"), native_identity("random-b")],
            )
            .unwrap()
        });
    });
    group.finish();
    println!("match/random-3-rounds: seed {seed}, {ticks} ticks");
}

criterion_group!(benches, step, whole_match);
criterion_main!(benches);
