//! The observation's way into the sandbox. The host writes each `tick`
//! call's observation into the bot's memory itself (`src/wire.rs`); the
//! `observer` bot, built by `cargo xtask bots`, prints what it received as
//! Rust's `{:?}` of [`Observation`] on every tick. Every line must be exactly
//! the observation the simulation made for that bot on that tick, and over
//! the matches every field must have taken the values that could expose a
//! misplaced byte.

use std::collections::BTreeSet;
use std::path::PathBuf;

use arena_runtime::{Contestant, Runtime};
use arena_sim::{BotLimits, LogStream, Match, MatchKind, Observation, Phase, Rules, Side};

fn wasm(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../target/bots/{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|_| panic!("{} is missing: run `cargo xtask bots` first", path.display()))
}

/// Room for ~600 bytes a tick over a whole match.
fn rules() -> Rules {
    Rules { limits: BotLimits { max_log_bytes: 32 << 20, ..BotLimits::default() }, ..Rules::default() }
}

/// Plays `observer` on `side` against `opponent` and checks every line it
/// printed; returns the observations it received.
fn check(side: Side, opponent: &str, seed: u64) -> Vec<Observation> {
    let rules = rules();
    let cache = tempfile::tempdir().unwrap();
    let runtime = Runtime::new(&rules.limits, Some(cache.path().to_owned())).unwrap();
    let observer = Contestant::Wasm(runtime.load(&wasm("observer"), "observer", "test").unwrap());
    let opponent = Contestant::Wasm(runtime.load(&wasm(opponent), opponent, "test").unwrap());
    let contestants = match side {
        Side::Left => [observer, opponent],
        Side::Right => [opponent, observer],
    };
    let replay = runtime.play(&rules, seed, MatchKind::Normal, contestants).unwrap();
    assert!(replay.faults.is_empty(), "{:?}", replay.faults);

    // What the simulation showed the observer on each tick, re-played.
    let mut game = Match::new(rules, MatchKind::Normal).unwrap();
    let mut expected = Vec::new();
    for (n, round) in replay.rounds.iter().enumerate() {
        for tick in 0..round.inputs.len() {
            expected.push((n as i32 + 1, tick as i32, Observation::of(&game, side)));
            game.step(round.inputs_at(tick).unwrap());
        }
    }
    let printed: Vec<_> = replay.logs.iter().filter(|l| l.side == side && l.stream == LogStream::Stdout).collect();
    assert_eq!(printed.len(), expected.len(), "one line per tick");
    for (line, (round, tick, obs)) in printed.iter().zip(&expected) {
        assert_eq!((line.round, line.tick), (*round, *tick), "log stamps");
        assert_eq!(line.text, format!("{obs:?}"), "round {round}, tick {tick}: the bot saw something else");
    }
    expected.into_iter().map(|(_, _, o)| o).collect()
}

/// The values that tell neighbouring fields apart and exercise every option.
fn wanted() -> Vec<String> {
    let mut wanted = vec!["round 1".to_owned(), "round 2".into(), "my_wins > 0".into(), "opponent_wins > 0".into()];
    for who in ["me", "opponent"] {
        for what in [
            "fireball_x some",
            "phase Startup",
            "phase Active",
            "phase Recovery",
            "phase_ticks_left > 0",
            "stun_ticks_left > 0",
            "airborne",
            "crouching",
            "guarding",
            "hit points lost",
            "energy > 0",
        ] {
            wanted.push(format!("{who}.{what}"));
        }
        for a in arena_sim::Action::ALL {
            wanted.push(format!("{who}.action {a:?}"));
        }
    }
    wanted
}

/// Adds to `covered` the values of [`wanted`] that `seen` shows.
fn cover(covered: &mut BTreeSet<String>, seen: &[Observation]) {
    for o in seen {
        for (who, v) in [("me", &o.me), ("opponent", &o.opponent)] {
            let mut mark = |what: &str, yes: bool| {
                if yes {
                    covered.insert(format!("{who}.{what}"));
                }
            };
            mark("fireball_x some", v.fireball_x.is_some());
            for p in [Phase::Startup, Phase::Active, Phase::Recovery] {
                mark(&format!("phase {p:?}"), v.phase == Some(p));
            }
            mark("phase_ticks_left > 0", v.phase_ticks_left > 0);
            mark("stun_ticks_left > 0", v.stun_ticks_left > 0);
            mark("airborne", v.airborne);
            mark("crouching", v.crouching);
            mark("guarding", v.guarding);
            mark("hit points lost", v.hit_points < rules().hit_points);
            mark("energy > 0", v.energy > 0);
            mark(&format!("action {:?}", v.action), true);
        }
        covered.insert(format!("round {}", o.round));
        if o.my_wins > 0 {
            covered.insert("my_wins > 0".into());
        }
        if o.opponent_wins > 0 {
            covered.insert("opponent_wins > 0".into());
        }
        covered.insert(format!("opponent_last_action {:?}", o.opponent_last_action));
    }
}

#[test]
fn every_field_of_every_observation_arrives_intact() {
    // Which values a match shows depends on the bots' seeds, which are
    // derived from their components' hashes, so the test plays matches
    // until every value has been seen rather than betting on a few seeds.
    // `dummy` lets the observer win rounds; the others make it lose them.
    let matches = [
        (Side::Left, "zoner"),
        (Side::Right, "random"),
        (Side::Left, "rusher"),
        (Side::Right, "dummy"),
        (Side::Left, "champion"),
        (Side::Right, "turtle"),
    ];
    let wanted = wanted();
    let mut covered = BTreeSet::new();
    let mut played = 0;
    'play: for seed in 3..7 {
        for (side, opponent) in matches {
            cover(&mut covered, &check(side, opponent, seed));
            played += 1;
            if wanted.iter().all(|w| covered.contains(w)) {
                break 'play;
            }
        }
    }
    eprintln!("every value seen in {played} matches");
    let missing: Vec<_> = wanted.iter().filter(|w| !covered.contains(*w)).collect();
    assert!(missing.is_empty(), "after {played} matches no observation had {missing:?}; add opponents or seeds");
}
