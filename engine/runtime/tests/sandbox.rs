//! The sandbox, tested with the example and hostile bots that
//! `cargo xtask bots` builds into `target/bots/`.

mod support;

use std::sync::OnceLock;

use arena_runtime::{BotProgram, Contestant, Runtime, RuntimeError};
use arena_sim::{FaultKind, IdleDummy, Input, MatchKind, Replay, Rules, Side};
use support::wasm;

/// One runtime for the whole test binary, as a tournament would share it.
fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("arena-test-cache-{}", std::process::id()));
        Runtime::new(&Rules::default().limits, Some(dir)).unwrap()
    })
}

fn load(name: &str) -> BotProgram {
    runtime().load(&wasm(name), name, "test").unwrap()
}

fn play(a: &str, b: &str, seed: u64) -> Replay {
    runtime()
        .play(&Rules::default(), seed, MatchKind::Normal, [Contestant::Wasm(load(a)), Contestant::Wasm(load(b))])
        .unwrap()
}

#[test]
fn the_same_match_twice_gives_identical_replay_bytes() {
    let first = play("random", "zoner", 11);
    let second = play("random", "zoner", 11);
    assert_eq!(first.to_bytes(), second.to_bytes());
    first.verify().unwrap();
    let other_seed = play("random", "zoner", 12);
    assert_ne!(first.to_bytes(), other_seed.to_bytes(), "the random bot should play differently on another seed");
}

#[test]
fn swapping_the_bots_gives_the_mirror_outcome() {
    for (a, b, seed) in [("rusher", "turtle", 1), ("random", "champion", 5), ("zoner", "random", 9)] {
        let ab = play(a, b, seed);
        let ba = play(b, a, seed);
        assert_eq!(ba.outcome, ab.outcome.mirrored(), "{a} vs {b}, seed {seed}");
    }
}

/// Plays `hostile` against the rusher and returns its faults.
fn faults_of(hostile: &str) -> (Replay, Vec<arena_sim::Fault>) {
    let replay = play(hostile, "rusher", 1);
    replay.verify().unwrap();
    let faults = replay.faults.iter().filter(|f| f.side == Side::Left).cloned().collect();
    (replay, faults)
}

fn check_fault(hostile: &str, kind: FaultKind, message_part: &str) {
    let (replay, faults) = faults_of(hostile);
    assert!(!faults.is_empty(), "{hostile} should fault");
    for f in &faults {
        assert_eq!(f.kind, kind, "{hostile}: {}", f.message);
        assert!(f.message.contains(message_part), "{hostile}: `{}` should mention `{message_part}`", f.message);
    }
    // Each fault loses the bot its round, and the match still finishes.
    assert_eq!(replay.outcome.winner, Some(Side::Right), "{hostile}");
}

#[test]
fn hostile_bots_fault_with_their_kind_and_a_clear_message() {
    check_fault("infinite-loop", FaultKind::OutOfFuel, "max_think_ticks (60)");
    check_fault("memory-hog", FaultKind::OutOfMemory, "limits.max_memory_bytes");
    check_fault("trap-at-100", FaultKind::Trap, "unreachable");
    check_fault("deep-recursion", FaultKind::StackOverflow, "overflowed the stack");
    check_fault("bad-init", FaultKind::InitFailed, "`init` returned an error");
}

#[test]
fn a_trap_is_recorded_at_its_tick_and_the_panic_message_is_in_the_log() {
    let (replay, faults) = faults_of("trap-at-100");
    assert_eq!(faults.iter().map(|f| (f.round, f.tick)).collect::<Vec<_>>(), vec![(1, 100), (2, 100)]);
    assert!(
        replay.logs.iter().any(|l| l.round == 1 && l.tick == 100 && l.text.contains("panicked")),
        "the panic message should be in the log at tick 100"
    );
}

#[test]
fn a_loud_bot_is_capped_and_keeps_playing() {
    let (replay, faults) = faults_of("loud");
    assert!(faults.is_empty(), "printing is not a fault: {faults:?}");
    let kept: usize = replay.logs.iter().filter(|l| l.side == Side::Left).map(|l| l.text.len() + 1).sum();
    let cap = Rules::default().limits.max_log_bytes as usize;
    assert!(kept <= cap + 200, "kept {kept} bytes of output, cap {cap}");
    assert!(replay.logs.iter().any(|l| l.text.contains("is dropped (rules: limits.max_log_bytes)")));
}

#[test]
fn a_sneaky_bot_finds_no_files_no_network_and_a_clock_that_follows_the_ticks() {
    let (replay, faults) = faults_of("sneaky");
    assert!(faults.is_empty(), "{faults:?}");
    let log: Vec<&str> = replay.logs.iter().filter(|l| l.side == Side::Left).map(|l| l.text.as_str()).collect();
    let has = |part: &str| log.iter().any(|l| l.contains(part));
    assert!(has("cannot open /etc/passwd"), "{log:#?}");
    assert!(has("cannot connect to 127.0.0.1:80"), "{log:#?}");
    assert!(has("cannot look up"), "{log:#?}");
    assert!(has("env: 0 variables"), "{log:#?}");
    // One second of presentation is 60 ticks, whatever the host's clock says.
    assert!(has("round 1 tick 60: wall clock 1735689600.99999996"), "{log:#?}");
}

#[test]
fn a_bot_that_overruns_tick_fuel_idles_on_those_ticks_and_keeps_its_state() {
    let first = play("slow-thinker", "dummy", 4);
    let second = play("slow-thinker", "dummy", 4);
    assert_eq!(first.to_bytes(), second.to_bytes(), "suspension must be deterministic");
    assert!(first.faults.is_empty(), "{:?}", first.faults);
    let thinking = first
        .rounds
        .iter()
        .flat_map(|r| (0..r.inputs.len()).filter_map(|t| r.inputs_at(t)))
        .filter(|i| i[0] == Input::Thinking)
        .count();
    assert!(thinking > 10, "the slow thinker should be suspended on some ticks, was on {thinking}");
    assert_eq!(first.outcome.winner, Some(Side::Left), "it still beats the dummy");
    // It asserts its own state is intact, and would trap otherwise.
    assert!(!first.logs.iter().any(|l| l.text.contains("panicked")));
}

#[test]
fn a_bot_that_spends_more_than_tick_fuel_is_reported_suspended_at_exactly_that_tick() {
    // The slow thinker's first hard think is on the observation of tick 5
    // of round 1: three tick_fuels of work, so ticks 5 and 6 are suspended
    // and it answers on tick 7 (or 8, as the loop's last iterations fall).
    let replay = play("slow-thinker", "dummy", 4);
    let fuel = replay.fuel(Side::Left).expect("a wasm bot has fuel recorded");
    let tick_fuel = Rules::default().limits.tick_fuel;
    assert_eq!(fuel.suspended.first(), Some(&arena_sim::TickRef { round: 1, tick: 5 }), "{fuel:?}");
    let first_round = &replay.rounds[0];
    for t in 0..5 {
        assert_ne!(first_round.inputs_at(t).unwrap()[0], Input::Thinking, "tick {t}");
        assert!(first_round.fuel[0][t] < tick_fuel / 100, "an ordinary tick costs little: {}", first_round.fuel[0][t]);
    }
    assert_eq!(first_round.fuel[0][5], tick_fuel, "a suspended tick spends its whole slice");
    assert!(fuel.peak >= tick_fuel && fuel.p99 >= tick_fuel, "{fuel:?}");
    let warning = fuel.warning().expect("a suspended bot gets a warning");
    assert!(warning.contains("first at round 1 tick 5"), "{warning}");
    // The dummy is a wasm bot too: it never thinks long, so no warning.
    let dummy = replay.fuel(Side::Right).expect("the wasm dummy has fuel recorded");
    assert!(dummy.suspended.is_empty() && dummy.warning().is_none(), "{dummy:?}");
    assert!(dummy.peak > 0 && dummy.peak < tick_fuel / 100, "{dummy:?}");
    // The fuel survives the file.
    let again = Replay::from_bytes(&replay.to_bytes()).unwrap();
    assert_eq!(again.rounds[0].fuel, replay.rounds[0].fuel);
}

#[test]
fn recorded_fuel_is_the_same_on_every_run_and_none_for_a_native_fighter() {
    let runs: Vec<Replay> = (0..2).map(|_| play("champion", "zoner", 3)).collect();
    assert_eq!(
        runs[0].rounds.iter().map(|r| &r.fuel).collect::<Vec<_>>(),
        runs[1].rounds.iter().map(|r| &r.fuel).collect::<Vec<_>>()
    );
    for round in &runs[0].rounds {
        for side in 0..2 {
            assert_eq!(round.fuel[side].len(), round.inputs.len(), "one entry per tick");
            assert!(round.fuel[side].iter().all(|&f| f > 0), "every call costs fuel");
        }
    }
    let native = runtime()
        .play(
            &Rules::default(),
            3,
            MatchKind::Normal,
            [Contestant::Wasm(load("rusher")), Contestant::native("dummy", IdleDummy)],
        )
        .unwrap();
    assert!(native.fuel(Side::Left).is_some());
    assert!(native.fuel(Side::Right).is_none(), "a native fighter has no fuel");
    assert!(native.rounds.iter().all(|r| r.fuel[1].is_empty()));
}

#[test]
fn bad_modules_are_refused_with_a_message_that_says_what_to_fix() {
    let rt = runtime();
    let check = |bytes: &[u8], part: &str| match rt.load(bytes, "bad", "test") {
        Err(RuntimeError::BadBot { message, .. }) => {
            assert!(message.contains(part), "`{message}` should mention `{part}`")
        }
        other => panic!("expected a refusal mentioning `{part}`, got {other:?}"),
    };
    check(b"not wasm at all", "not WebAssembly");
    check(b"\0asm\x01\0\0\0", "core WebAssembly module, not a component");
    // The fix for each toolchain that makes core modules.
    check(b"\0asm\x01\0\0\0", "--target wasm32-wasip2");
    check(b"\0asm\x01\0\0\0", "preview1 reactor adapter");
    check(b"\0asm\x01\0\0\0", "componentize-js");
    check(&wasm("wrong-world"), "not of the `fighter` world");
    let mut huge = wasm("dummy");
    huge.resize(Rules::default().limits.max_module_bytes as usize + 1, 0);
    check(&huge, "limits.max_module_bytes");
}

#[test]
fn the_second_load_compiles_nothing_and_a_corrupt_cache_entry_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let limits = Rules::default().limits;
    let rusher = wasm("rusher");
    let cold = Runtime::new(&limits, Some(dir.path().to_owned())).unwrap();
    cold.load(&rusher, "rusher", "test").unwrap();
    assert_eq!(cold.compiled_count(), 1);

    let warm = Runtime::new(&limits, Some(dir.path().to_owned())).unwrap();
    warm.load(&rusher, "rusher", "test").unwrap();
    assert_eq!(warm.compiled_count(), 0, "a cached component must not be compiled again");

    for entry in std::fs::read_dir(dir.path().join("components")).unwrap() {
        let path = entry.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(&path, bytes).unwrap();
    }
    let mended = Runtime::new(&limits, Some(dir.path().to_owned())).unwrap();
    let bot = mended.load(&rusher, "rusher", "test").unwrap();
    assert_eq!(mended.compiled_count(), 1, "a corrupt entry must be rebuilt, not trusted");
    let replay = mended
        .play(&Rules::default(), 1, MatchKind::Normal, [Contestant::Wasm(bot), Contestant::native("dummy", IdleDummy)])
        .unwrap();
    assert_eq!(replay.outcome.winner, Some(Side::Left));

    // A torn write: the entry cut short, down to less than its checksum.
    for keep in [1000, 10] {
        for entry in std::fs::read_dir(dir.path().join("components")).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..keep]).unwrap();
        }
        let torn = Runtime::new(&limits, Some(dir.path().to_owned())).unwrap();
        torn.load(&rusher, "rusher", "test").unwrap();
        assert_eq!(torn.compiled_count(), 1, "an entry cut to {keep} bytes must be rebuilt");
    }
}

#[test]
fn validation_accepts_fighters_and_rejects_bots_that_cannot_beat_the_dummy() {
    let rules = Rules::default();
    for name in ["rusher", "champion"] {
        let v = runtime().validate(&wasm(name), name, "test", &rules);
        assert!(v.passed(), "{name}: {:?}", v.checks);
    }
    let check = |name: &str, failed: arena_runtime::Check, part: &str| {
        let v = runtime().validate(&wasm(name), name, "test", &rules);
        let failure = v.failure().unwrap_or_else(|| panic!("{name} should fail validation"));
        assert_eq!(failure.check, failed, "{name}: {}", failure.message);
        assert!(failure.message.contains(part), "{name}: `{}` should mention `{part}`", failure.message);
        assert_eq!(v.checks.last().unwrap().check, failed, "validation stops at the first failure");
    };
    check("dummy", arena_runtime::Check::BeatsDummy, "never hurt the dummy");
    check("guard-only", arena_runtime::Check::BeatsDummy, "did not beat a dummy that never moves");
    check("wrong-world", arena_runtime::Check::Component, "`fighter` world");
    check("bad-init", arena_runtime::Check::Limits, "`init` returned an error");
    check("trap-at-100", arena_runtime::Check::BeatsDummy, "faulted in round 1 at tick 100");
}

#[test]
fn champion_beats_every_example_bot_from_either_side() {
    for other in ["dummy", "random", "rusher", "turtle", "zoner"] {
        for (seed, champion_left) in [(1, true), (2, false)] {
            let replay = if champion_left { play("champion", other, seed) } else { play(other, "champion", seed) };
            let champion = if champion_left { Side::Left } else { Side::Right };
            assert_eq!(replay.outcome.winner, Some(champion), "champion vs {other} (champion {champion})");
        }
    }
}
