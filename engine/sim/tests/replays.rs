//! Replays: determinism, golden files, round-trips and robustness.
//!
//! The golden replays in `tests/golden/` pin the simulation bit for bit: any
//! change to the rules' behaviour, the defaults or the replay format changes
//! their bytes and fails `golden_replays_are_unchanged`. When such a change
//! is intended, regenerate them with
//!
//! ```text
//! ARENA_BLESS=1 cargo test -p arena-sim --test replays
//! ```
//!
//! and commit the new files with the change that explains them.

use std::path::PathBuf;

use arena_sim::{
    Action, Approacher, FaultKind, Fighter, Guarder, IdleDummy, Input, Jumper, LogStream, Match, MatchKind,
    REPLAY_FORMAT_VERSION, RandomFighter, Recorder, Replay, ReplayError, Rules, Side, native_identity, play,
    play_match,
};
use proptest::prelude::*;
use sha2::{Digest, Sha256};

/// A golden match: name, kind, seed, the two fighters and their names.
type Golden = (&'static str, MatchKind, u64, [Box<dyn Fighter>; 2], [&'static str; 2]);

fn golden_matches() -> Vec<Golden> {
    vec![
        (
            "walker-puncher-vs-dummy",
            MatchKind::Normal,
            1,
            [Box::new(Approacher::walker_puncher()), Box::new(IdleDummy)],
            ["walker-puncher", "dummy"],
        ),
        (
            "kicker-vs-guarder",
            MatchKind::Normal,
            2,
            [Box::new(Approacher::kicker()), Box::new(Guarder)],
            ["kicker", "guarder"],
        ),
        (
            "random-vs-random",
            MatchKind::Normal,
            3,
            [Box::new(RandomFighter::new(0)), Box::new(RandomFighter::new(0))],
            ["random-a", "random-b"],
        ),
        (
            "thrower-vs-jumper",
            MatchKind::Normal,
            4,
            [Box::new(Approacher::thrower()), Box::new(Jumper::default())],
            ["thrower", "jumper"],
        ),
        (
            "random-vs-walker-puncher",
            MatchKind::Normal,
            5,
            [Box::new(RandomFighter::new(0)), Box::new(Approacher::walker_puncher())],
            ["random", "walker-puncher"],
        ),
        (
            "sudden-death-kicker-vs-random",
            MatchKind::SuddenDeath,
            6,
            [Box::new(Approacher::kicker()), Box::new(RandomFighter::new(0))],
            ["kicker", "random"],
        ),
    ]
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden")
}

fn play_golden(kind: MatchKind, seed: u64, fighters: [Box<dyn Fighter>; 2], names: [&str; 2]) -> Replay {
    let [mut l, mut r] = fighters;
    play(&Rules::default(), kind, seed, [&mut *l, &mut *r], names.map(native_identity)).unwrap()
}

/// Set ARENA_BLESS=1 to rewrite the golden replays from the current code
/// (see the top of this file).
#[test]
fn golden_replays_are_unchanged() {
    let bless = std::env::var_os("ARENA_BLESS").is_some_and(|v| v == "1");
    let dir = golden_dir();
    let mut failures = Vec::new();
    for (name, kind, seed, fighters, names) in golden_matches() {
        let replay = play_golden(kind, seed, fighters, names);
        replay.verify().unwrap();
        let bytes = replay.to_bytes();
        let path = dir.join(format!("{name}.replay"));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &bytes).unwrap();
            continue;
        }
        match std::fs::read(&path) {
            Ok(golden) if golden == bytes => {}
            Ok(golden) => {
                let hint = match Replay::from_bytes(&golden) {
                    Ok(old) if old.outcome != replay.outcome => {
                        format!("outcome was {:?}, now {:?}", old.outcome, replay.outcome)
                    }
                    Ok(_) => "same outcome, different bytes".to_owned(),
                    Err(e) => format!("the golden file does not load: {e}"),
                };
                failures.push(format!("{}: differs ({hint})", path.display()));
            }
            Err(e) => failures.push(format!("{}: cannot read it: {e}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "golden replays differ from what the simulation produces now:\n{}\n\
         If this change to the simulation is intended, regenerate them with\n    \
         ARENA_BLESS=1 cargo test -p arena-sim --test replays\n\
         and commit engine/sim/tests/golden/ with it.",
        failures.join("\n")
    );
}

/// The checked-in files load, verify, and re-encode to the same bytes.
#[test]
fn golden_replays_load_and_verify() {
    for (name, ..) in golden_matches() {
        let path = golden_dir().join(format!("{name}.replay"));
        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (ARENA_BLESS=1 writes it)", path.display()));
        let replay = Replay::from_bytes(&bytes).unwrap();
        replay.verify().unwrap();
        assert_eq!(replay.to_bytes(), bytes, "{name}");
    }
}

#[test]
fn golden_matches_end_as_expected() {
    let outcomes: Vec<_> = golden_matches()
        .into_iter()
        .map(|(name, kind, seed, f, n)| (name, play_golden(kind, seed, f, n).outcome))
        .collect();
    let winner = |name: &str| outcomes.iter().find(|(n, _)| *n == name).unwrap().1.winner;
    assert_eq!(winner("walker-puncher-vs-dummy"), Some(Side::Left));
    assert_eq!(winner("random-vs-walker-puncher"), Some(Side::Right));
    // Guarding a kick costs 18 a time; the kicker wins on hit points.
    assert_eq!(winner("kicker-vs-guarder"), Some(Side::Left));
    let sudden = &outcomes.iter().find(|(n, _)| *n == "sudden-death-kicker-vs-random").unwrap().1;
    assert_eq!(sudden.rounds.len(), 1);
}

#[test]
fn same_match_twice_gives_identical_bytes() {
    for (name, kind, seed, _, names) in golden_matches() {
        let again = || {
            let (_, _, _, fighters, _) = golden_matches().into_iter().find(|m| m.0 == name).unwrap();
            play_golden(kind, seed, fighters, names).to_bytes()
        };
        assert_eq!(again(), again(), "{name}");
    }
    // A different seed gives a different random match.
    let a = play_golden(
        MatchKind::Normal,
        3,
        [Box::new(RandomFighter::new(0)), Box::new(RandomFighter::new(0))],
        ["a", "b"],
    );
    let b = play_golden(
        MatchKind::Normal,
        4,
        [Box::new(RandomFighter::new(0)), Box::new(RandomFighter::new(0))],
        ["a", "b"],
    );
    assert_ne!(a.rounds, b.rounds);
}

const TICK_FUEL: u64 = 5_000_000;

/// The fuel the sample's right side spends on an ordinary tick.
fn sample_fuel(tick: u32) -> u64 {
    1_000 + u64::from(tick % 7) * 100
}

fn sample_replay() -> Replay {
    let rules = Rules::default();
    let mut rec = Recorder::new(
        Match::new(rules, MatchKind::Normal).unwrap(),
        "test",
        9,
        [native_identity("walker-puncher"), native_identity("random")],
    );
    let mut left = Approacher::walker_puncher();
    let mut right = RandomFighter::new(77);
    let mut tick = 0u32;
    while !rec.game().is_over() {
        let l = left.tick(&arena_sim::Observation::of(rec.game(), Side::Left));
        let r = right.tick(&arena_sim::Observation::of(rec.game(), Side::Right));
        let r = match tick % 97 {
            0 => Input::Thinking,
            _ => Input::Act(r),
        };
        // The right side is metered: a suspended tick spends its slice.
        rec.spend(Side::Right, if r == Input::Thinking { TICK_FUEL } else { sample_fuel(tick) });
        if tick == 50 {
            rec.log(Side::Right, LogStream::Stdout, "hello from the right, 안녕");
        }
        if tick == 120 {
            rec.fault(Side::Right, FaultKind::Trap, "unreachable executed");
            rec.step([Input::Act(l), Input::Fault]);
        } else {
            rec.step([Input::Act(l), r]);
        }
        tick += 1;
    }
    rec.finish().unwrap()
}

#[test]
fn round_trip_and_verify() {
    let replay = sample_replay();
    assert_eq!(replay.faults.len(), 1);
    assert_eq!(replay.logs.len(), 1);
    let bytes = replay.to_bytes();
    assert_eq!(&bytes[..8], b"ARENARPL");
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), REPLAY_FORMAT_VERSION);
    let back = Replay::from_bytes(&bytes).unwrap();
    assert_eq!(back, replay);
    back.verify().unwrap();

    // Replays of whole native matches, too.
    for (_, kind, seed, fighters, names) in golden_matches() {
        let replay = play_golden(kind, seed, fighters, names);
        let back = Replay::from_bytes(&replay.to_bytes()).unwrap();
        assert_eq!(back, replay);
        back.verify().unwrap();
    }
}

/// The fuel report of a metered side: every tick counted, the suspended
/// ticks named in order, the peak where it was, the mean of what was spent;
/// and no report for a side without fuel.
#[test]
fn fuel_is_recorded_per_tick_and_reported_with_its_suspended_ticks() {
    let replay = Replay::from_bytes(&sample_replay().to_bytes()).unwrap();
    assert!(replay.fuel(Side::Left).is_none(), "the left side reported no fuel");
    assert!(replay.rounds.iter().all(|r| r.fuel[0].is_empty()));
    let fuel = replay.fuel(Side::Right).unwrap();
    let mut tick = 0u32;
    let (mut expected_suspended, mut sum, mut ticks) = (Vec::new(), 0u128, 0u64);
    for (r, round) in replay.rounds.iter().enumerate() {
        assert_eq!(round.fuel[1].len(), round.inputs.len());
        for t in 0..round.inputs.len() {
            let spent = if tick.is_multiple_of(97) { TICK_FUEL } else { sample_fuel(tick) };
            if tick.is_multiple_of(97) {
                expected_suspended.push(arena_sim::TickRef { round: r as i32 + 1, tick: t as i32 });
            }
            assert_eq!(round.fuel[1][t], spent, "round {} tick {t}", r + 1);
            sum += u128::from(spent);
            ticks += 1;
            tick += 1;
        }
    }
    assert_eq!(fuel.suspended, expected_suspended);
    assert_eq!(fuel.ticks, ticks);
    assert_eq!(fuel.mean, (sum / u128::from(ticks)) as u64);
    assert_eq!((fuel.peak, fuel.peak_at), (TICK_FUEL, arena_sim::TickRef { round: 1, tick: 0 }));
    // Suspended on about 1% of ticks: the 99th percentile is an ordinary tick
    // or the slice, never more than the peak.
    assert!(fuel.p99 <= fuel.peak && fuel.p99 >= sample_fuel(0));
    let warning = fuel.warning().unwrap();
    assert!(warning.contains("first at round 1 tick 0") && warning.contains("limits.tick_fuel"), "{warning}");
    assert!(fuel.summary().contains("peak 5,000,000 (round 1 tick 0) of tick_fuel 5,000,000"), "{}", fuel.summary());
}

#[test]
fn round_states_replays_every_tick() {
    let replay = sample_replay();
    for (i, round) in replay.rounds.iter().enumerate() {
        let states = replay.round_states(i).unwrap();
        assert_eq!(states.len(), round.inputs.len() + 1);
        assert_eq!(states[0].tick, 0);
        let last = states.last().unwrap();
        assert_eq!(last.hash(), round.end_hash);
        assert_eq!(last.result, Some(round.result));
    }
    assert!(matches!(replay.round_states(replay.rounds.len()), Err(ReplayError::Mismatch(_))));
}

/// Re-encodes a changed replay, with a valid checksum.
fn rechecksum(mut bytes: Vec<u8>) -> Vec<u8> {
    let n = bytes.len() - 32;
    let sum = Sha256::digest(&bytes[..n]);
    bytes[n..].copy_from_slice(&sum);
    bytes
}

#[test]
fn bad_files_give_the_right_error() {
    let bytes = sample_replay().to_bytes();

    assert!(matches!(Replay::from_bytes(&[]), Err(ReplayError::Corrupt(m)) if m.contains("empty")));
    assert!(matches!(Replay::from_bytes(b"ARENA"), Err(ReplayError::Corrupt(_))));
    assert!(matches!(Replay::from_bytes(b"hello"), Err(ReplayError::NotAReplay)));
    assert!(matches!(Replay::from_bytes(b"PK\x03\x04 a zip file, not a replay"), Err(ReplayError::NotAReplay)));

    let mut wrong_magic = bytes.clone();
    wrong_magic[..8].copy_from_slice(b"ARENARPX");
    assert!(matches!(Replay::from_bytes(&wrong_magic), Err(ReplayError::NotAReplay)));

    let mut other_version = bytes.clone();
    other_version[8..10].copy_from_slice(&(REPLAY_FORMAT_VERSION + 1).to_le_bytes());
    let other_version = rechecksum(other_version);
    match Replay::from_bytes(&other_version) {
        Err(ReplayError::UnsupportedVersion { found, supported }) => {
            assert_eq!((found, supported), (REPLAY_FORMAT_VERSION + 1, REPLAY_FORMAT_VERSION));
        }
        other => panic!("expected UnsupportedVersion, got {other:?}"),
    }

    // Cut short anywhere: corrupt, never a panic, never a replay.
    for len in 0..bytes.len() {
        match Replay::from_bytes(&bytes[..len]) {
            Err(ReplayError::Corrupt(_)) => {}
            other => panic!("truncated to {len} bytes: expected Corrupt, got {other:?}"),
        }
    }

    // One byte flipped anywhere: the magic, the version or the checksum says so.
    for i in 0..bytes.len() {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0x20;
        let got = Replay::from_bytes(&flipped);
        let ok = match i {
            0..8 => matches!(got, Err(ReplayError::NotAReplay)),
            8..10 => matches!(got, Err(ReplayError::UnsupportedVersion { .. })),
            _ => matches!(got, Err(ReplayError::Corrupt(_))),
        };
        assert!(ok, "byte {i} flipped: got {got:?}");
    }

    // Extra bytes at the end.
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(Replay::from_bytes(&longer), Err(ReplayError::Corrupt(_))));
}

/// A file with a valid checksum whose sizes its own rules could not have
/// produced is refused on reading, before a reader allocates a state per
/// tick of it.
#[test]
fn replays_whose_sizes_their_rules_forbid_are_refused_on_reading() {
    let check = |replay: &Replay, part: &str| match Replay::from_bytes(&replay.to_bytes()) {
        Err(ReplayError::Corrupt(message)) => assert!(message.contains(part), "{message}"),
        other => panic!("expected Corrupt mentioning `{part}`, got {other:?}"),
    };
    let mut long_round = sample_replay();
    let ticks = long_round.rules.round_ticks as usize + 1;
    long_round.rounds[0].inputs.resize(ticks, 0);
    check(&long_round, "ticks, but its rules end a round after");

    let mut many_rounds = sample_replay();
    let extra = many_rounds.rounds[0].clone();
    many_rounds.rounds.resize(many_rounds.rules.max_rounds as usize + 1, extra);
    check(&many_rounds, "rounds, but its rules allow at most");

    let mut short_fuel = sample_replay();
    short_fuel.rounds[0].fuel[1].pop();
    check(&short_fuel, "the right bot's fuel for");

    let mut huge_rules = sample_replay();
    huge_rules.rules.round_ticks = 50_000_000;
    assert!(matches!(Replay::from_bytes(&huge_rules.to_bytes()), Err(ReplayError::Rules(_))));
}

#[test]
fn tampered_replays_fail_verify() {
    let replay = sample_replay();
    let verify_bytes = |r: &Replay| Replay::from_bytes(&r.to_bytes()).unwrap().verify();

    // The left fighter's inputs of round 1 replaced by idle (low nibble 0).
    let mut t = replay.clone();
    for b in &mut t.rounds[0].inputs {
        *b &= 0xf0;
    }
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Mismatch(_))), "{:?}", verify_bytes(&t));

    // One input changed to a fault on the first tick.
    let mut t = replay.clone();
    t.rounds[0].inputs[0] = Input::Fault.to_byte();
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Mismatch(_))));

    // The recorded result, the state hash, the outcome.
    let mut t = replay.clone();
    t.rounds[0].result.hit_points[1] += 1;
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Mismatch(_))));
    let mut t = replay.clone();
    t.rounds[0].end_hash ^= 1;
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Mismatch(_))));
    let mut t = replay.clone();
    t.outcome.winner = t.outcome.winner.map(Side::opponent);
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Mismatch(_))));

    // A round too many, a round too few, ticks missing.
    let mut t = replay.clone();
    t.rounds.push(t.rounds[0].clone());
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Mismatch(_))));
    let mut t = replay.clone();
    t.rounds.pop();
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Mismatch(_))));
    let mut t = replay.clone();
    t.rounds[0].inputs.pop();
    for fuel in &mut t.rounds[0].fuel {
        fuel.pop();
    }
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Mismatch(_))));

    // Different rules.
    let mut t = replay.clone();
    t.rules.punch.damage += 1;
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Mismatch(_))));

    // An input byte that is no input.
    let mut t = replay.clone();
    t.rounds[0].inputs[3] = 0xaa;
    assert!(matches!(verify_bytes(&t), Err(ReplayError::Corrupt(_))));

    // Invalid rules are refused when the file is read.
    let mut t = replay.clone();
    t.rules.hit_points = 0;
    assert!(matches!(Replay::from_bytes(&t.to_bytes()), Err(ReplayError::Rules(_))));

    replay.verify().unwrap();
}

#[test]
fn scripted_fault_matches_play() {
    // Scripted fighters through `play_match` and the same inputs through a
    // Recorder give the same replay.
    let actions: Vec<Action> = (0..400).map(|i| Action::ALL[(i * 7 + i / 3) % 10]).collect();
    let rules = Rules::default();
    let ids = [native_identity("x"), native_identity("y")];
    let played = play_match(
        &rules,
        1,
        [&mut arena_sim::Scripted::new(actions.clone()), &mut arena_sim::Scripted::new(actions.iter().rev().copied())],
        ids.clone(),
    )
    .unwrap();
    let engine = played.engine.clone();
    let mut rec = Recorder::new(Match::new(rules, MatchKind::Normal).unwrap(), engine, 1, ids);
    let mut t = 0;
    while !rec.game().is_over() {
        let at = |v: &[Action], i: usize| v.get(i).copied().unwrap_or(Action::Idle);
        let rev: Vec<Action> = actions.iter().rev().copied().collect();
        rec.step([Input::Act(at(&actions, t)), Input::Act(at(&rev, t))]);
        t += 1;
    }
    assert_eq!(rec.finish().unwrap().to_bytes(), played.to_bytes());
}

/// One way of spoiling a file.
#[derive(Debug, Clone)]
enum Damage {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, u8),
    Remove(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(i, x)| Damage::Flip(i, x)),
        any::<usize>().prop_map(Damage::Cut),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Insert(i, b)),
        any::<usize>().prop_map(Damage::Remove),
    ]
}

fn apply(bytes: &mut Vec<u8>, d: &Damage, skip: usize) {
    let room = bytes.len().saturating_sub(skip).max(1);
    match *d {
        Damage::Flip(i, x) if !bytes.is_empty() => {
            let i = (skip + i % room).min(bytes.len() - 1);
            bytes[i] ^= x;
        }
        Damage::Cut(i) => bytes.truncate(skip + i % room),
        Damage::Insert(i, b) => {
            let i = (skip + i % room).min(bytes.len());
            bytes.insert(i, b);
        }
        Damage::Remove(i) if bytes.len() > skip => {
            let i = (skip + i % room).min(bytes.len() - 1);
            bytes.remove(i);
        }
        _ => {}
    }
}

fn small_replay() -> Vec<u8> {
    let rules = Rules { round_ticks: 120, ..Rules::default() };
    play_match(
        &rules,
        5,
        [&mut RandomFighter::new(0), &mut Approacher::kicker()],
        [native_identity("r"), native_identity("k")],
    )
    .unwrap()
    .to_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Random damage never panics and never passes for the original.
    #[test]
    fn damaged_files_are_refused(damages in proptest::collection::vec(damage(), 1..6)) {
        let original = small_replay();
        let mut bytes = original.clone();
        for d in &damages {
            apply(&mut bytes, d, 0);
        }
        let got = Replay::from_bytes(&bytes);
        if bytes != original {
            prop_assert!(got.is_err(), "damaged file accepted");
        }
    }

    /// Damage behind a valid checksum (someone re-checksummed a changed
    /// file) reaches the decoder, the rules check and verify(): any answer
    /// is fine but a panic.
    #[test]
    fn rechecksummed_damage_never_panics(damages in proptest::collection::vec(damage(), 1..4)) {
        let original = small_replay();
        let mut body = original[..original.len() - 32].to_vec();
        for d in &damages {
            apply(&mut body, d, 10);
        }
        body.extend_from_slice(&[0; 32]);
        let bytes = rechecksum(body);
        if let Ok(replay) = Replay::from_bytes(&bytes) {
            let _ = replay.verify();
            let _ = replay.round_states(0);
            let _ = replay.rules.to_toml();
        }
    }
}
