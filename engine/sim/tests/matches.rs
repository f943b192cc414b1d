//! Whole matches: no input sequence panics or breaks an invariant; the
//! stationary dummy never wins; drawn rounds and sudden death.

use arena_sim::{
    Action, Approacher, Fighter, Guarder, IdleDummy, Input, Jumper, Match, MatchKind, Observation, RandomFighter,
    Recorder, Replay, RoundEnd, RoundKind, RoundState, Rules, Scripted, Side, native_identity, play, play_match,
};
use proptest::prelude::*;

/// The invariants every state must keep.
fn check_invariants(rules: &Rules, s: &RoundState) -> Result<(), String> {
    let [l, r] = &s.fighters;
    let half = rules.body_width / 2;
    if r.x - l.x < rules.body_width {
        return Err(format!("bodies overlap: left x {}, right x {}", l.x, r.x));
    }
    for (side, f) in [("left", l), ("right", r)] {
        if f.x < half || f.x > rules.stage_width - half {
            return Err(format!("{side} x {} is off the stage", f.x));
        }
        if !(0..=rules.hit_points).contains(&f.hit_points) {
            return Err(format!("{side} hit points {}", f.hit_points));
        }
        if !(0..=rules.max_energy).contains(&f.energy) {
            return Err(format!("{side} energy {}", f.energy));
        }
        if f.y < 0 {
            return Err(format!("{side} y {} is below the ground", f.y));
        }
        if let Some(p) = f.fireball
            && !(0..=rules.stage_width).contains(&p.x)
        {
            return Err(format!("{side} fireball at {} is off the stage", p.x));
        }
    }
    if s.tick > rules.round_ticks {
        return Err(format!("tick {} is past the round's end", s.tick));
    }
    Ok(())
}

/// Mostly actions; now and then a bot still thinking; rarely a fault (about
/// one every 2,500 ticks, so most rounds end by knock-out or time-out).
fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        5000 => (0..Action::ALL.len()).prop_map(|i| Input::Act(Action::ALL[i])),
        100 => Just(Input::Thinking),
        1 => Just(Input::Fault),
    ]
}

/// Plays `inputs` in a loop until the match is over, checking every state,
/// and returns the replay.
fn play_inputs(rules: &Rules, kind: MatchKind, inputs: &[(Input, Input)]) -> Result<Replay, String> {
    let game = Match::new(rules.clone(), kind).map_err(|e| e.to_string())?;
    let mut rec = Recorder::new(game, "test", 0, [native_identity("a"), native_identity("b")]);
    let limit = (rules.max_rounds as usize + 1) * (rules.round_ticks as usize + 1);
    let mut steps = 0;
    while !rec.game().is_over() {
        let (a, b) = inputs[steps % inputs.len()];
        let events = rec.step([a, b]);
        steps += 1;
        if steps > limit {
            return Err(format!("the match is still going after {steps} ticks"));
        }
        let state = match events.round_end {
            Some(_) => *rec.game().last_ended_round().expect("a round just ended"),
            None => *rec.game().round(),
        };
        check_invariants(rules, &state).map_err(|e| format!("tick {}: {e}", state.tick))?;
        for hit in events.hits() {
            if hit.damage < 0 {
                return Err(format!("negative damage {hit:?}"));
            }
        }
        for side in Side::BOTH {
            let _ = Observation::of(rec.game(), side);
        }
    }
    rec.finish().ok_or_else(|| "no replay".to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any inputs, including thinking and faults, for whole matches: no
    /// panic, every invariant holds every tick, and the replay verifies.
    #[test]
    fn any_inputs_keep_the_invariants(
        inputs in proptest::collection::vec((input(), input()), 1..3000),
        sudden in proptest::bool::weighted(0.2),
    ) {
        let rules = Rules::default();
        let kind = if sudden { MatchKind::SuddenDeath } else { MatchKind::Normal };
        let replay = play_inputs(&rules, kind, &inputs).map_err(TestCaseError::fail)?;
        let outcome = &replay.outcome;
        prop_assert!(!outcome.rounds.is_empty() && outcome.rounds.len() <= 5);
        prop_assert_eq!(outcome.round_wins.iter().sum::<i32>() as usize,
            outcome.rounds.iter().filter(|r| r.winner.is_some()).count());
        if let Some(w) = outcome.winner {
            prop_assert!(outcome.round_wins[w.index()] > outcome.round_wins[w.opponent().index()]);
        }
        let back = Replay::from_bytes(&replay.to_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &replay);
        back.verify().map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
}

/// Rules at the edges of what `validate` accepts.
fn edge_rules() -> impl Strategy<Value = Rules> {
    (
        prop_oneof![Just(180), Just(1000), Just(1_000_000)],
        prop_oneof![Just(4), Just(60), Just(61)],
        prop_oneof![Just(1), Just(1000), Just(1_000_000)],
        prop_oneof![Just(0), Just(20), Just(1000)],
        prop_oneof![Just(1), Just(100_000)],
        prop_oneof![Just(0), Just(1), Just(1_000_000)],
        prop_oneof![Just(2), Just(36), Just(1000)],
        prop_oneof![Just(0), Just(1000)],
        prop_oneof![Just(0), Just(1_000_000)],
        prop_oneof![Just(1), Just(100_000)],
    )
        .prop_map(|(stage, body, hp, bonus, damage, energy, jump_ticks, jump_speed, push, frames)| {
            let mut r = Rules {
                stage_width: stage,
                body_width: body,
                start_x: stage / 2 - body,
                hit_points: hp,
                counter_hit_bonus_percent: bonus,
                max_energy: energy,
                energy_per_tick: energy,
                energy_on_hit: energy,
                fireball_cost: energy / 2,
                jump_ticks,
                jump_speed,
                hit_pushback: push,
                guard_pushback: push,
                walk_forward_speed: (body / 4).max(1),
                walk_back_speed: body / 4,
                fireball_speed: body,
                round_ticks: 600,
                ..Rules::default()
            };
            for a in [&mut r.punch, &mut r.kick, &mut r.throw, &mut r.fireball] {
                a.damage = damage;
                a.chip = damage;
                a.reach = damage;
                a.startup = frames.min(3);
                a.hit_stun = frames;
                a.block_stun = frames;
            }
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Extreme (but valid) rules: no overflow, no panic, invariants hold.
    #[test]
    fn edge_rules_never_panic(
        rules in edge_rules(),
        inputs in proptest::collection::vec((input(), input()), 1..400),
    ) {
        prop_assume!(rules.validate().is_ok());
        let rules = Rules { max_rounds: 2, rounds_to_win: 1, ..rules };
        play_inputs(&rules, MatchKind::Normal, &inputs).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn the_largest_counter_hit_does_not_overflow() {
    let mut rules = Rules { counter_hit_bonus_percent: 1000, hit_points: 1_000_000, ..Rules::default() };
    rules.punch.damage = 100_000;
    rules.validate().unwrap();
    let mut s = RoundState::new(&rules, RoundKind::Normal);
    s.fighters[0].x = 300;
    s.fighters[1].x = 360;
    let mut hits = Vec::new();
    for t in 0..6 {
        let a = [Action::Punch, if t == 3 { Action::Kick } else { Action::Idle }];
        hits.extend(s.step(&rules, a.map(Input::Act)).hits().copied());
    }
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].damage, 1_100_000);
    assert_eq!(s.result.map(|r| r.end), Some(RoundEnd::KnockOut));
}

fn side_name(s: Option<Side>) -> &'static str {
    s.map_or("nobody", Side::name)
}

#[test]
fn the_dummy_never_wins() {
    let rules = Rules::default();
    let dummy_side_wins = |replay: &Replay, dummy: Side| {
        replay.outcome.winner == Some(dummy) || replay.outcome.rounds.iter().any(|r| r.winner == Some(dummy))
    };
    type Make = Box<dyn Fn() -> Box<dyn Fighter>>;
    let opponents: Vec<(&str, Make)> = vec![
        ("walker-puncher", Box::new(|| Box::new(Approacher::walker_puncher()))),
        ("kicker", Box::new(|| Box::new(Approacher::kicker()))),
        ("thrower", Box::new(|| Box::new(Approacher::thrower()))),
    ];
    for (name, make) in &opponents {
        for seed in 0..3 {
            let mut f = make();
            let left =
                play_match(&rules, seed, [&mut *f, &mut IdleDummy], [native_identity(name), native_identity("dummy")])
                    .unwrap();
            let mut f = make();
            let right =
                play_match(&rules, seed, [&mut IdleDummy, &mut *f], [native_identity("dummy"), native_identity(name)])
                    .unwrap();
            assert!(!dummy_side_wins(&left, Side::Right), "{name} on the left: {}", side_name(left.outcome.winner));
            assert!(!dummy_side_wins(&right, Side::Left), "{name} on the right: {}", side_name(right.outcome.winner));
            assert_eq!(left.outcome.winner, Some(Side::Left), "{name} beats the dummy");
            assert_eq!(right.outcome.winner, Some(Side::Right), "{name} beats the dummy");
            assert_eq!(left.outcome.round_wins, [2, 0]);
            assert!(left.outcome.rounds.iter().all(|r| r.end == RoundEnd::KnockOut));
            assert_eq!(left.outcome.mirrored(), right.outcome);
        }
    }
}

#[test]
fn walker_puncher_knocks_the_dummy_out_on_schedule() {
    // The walker closes 340 to 70 at 6 a tick (45 ticks, 0..=44), punches on
    // tick 45 (lands on 49), and every 14 ticks after; each hit pushes the
    // dummy 20 back, which the walker must close again. 20 punches of 50.
    let replay = play_match(
        &Rules::default(),
        0,
        [&mut Approacher::walker_puncher(), &mut IdleDummy],
        [native_identity("w"), native_identity("d")],
    )
    .unwrap();
    let first = replay.round_states(0).unwrap();
    let hit_ticks: Vec<i32> = first
        .windows(2)
        .filter(|w| w[1].fighters[1].hit_points < w[0].fighters[1].hit_points)
        .map(|w| w[0].tick)
        .collect();
    assert_eq!(hit_ticks.len(), 20);
    assert_eq!(hit_ticks[0], 49);
    assert_eq!(replay.outcome.rounds[0].damage_dealt, [1000, 0]);
}

#[test]
fn two_dummies_draw_every_round() {
    let replay = play_match(
        &Rules::default(),
        0,
        [&mut IdleDummy, &mut IdleDummy],
        [native_identity("dummy-a"), native_identity("dummy-b")],
    )
    .unwrap();
    let o = &replay.outcome;
    assert_eq!(o.winner, None);
    assert_eq!(o.round_wins, [0, 0]);
    assert_eq!(o.rounds.len(), 5);
    for r in &o.rounds {
        assert_eq!((r.winner, r.end, r.ticks, r.hit_points), (None, RoundEnd::TimeOut, 1800, [1000, 1000]));
    }
    assert_eq!(o.total_hit_points(), [5000, 5000]);
    assert_eq!(o.total_damage_dealt(), [0, 0]);
    replay.verify().unwrap();
}

#[test]
fn a_match_ends_at_two_round_wins() {
    let replay = play_match(
        &Rules::default(),
        0,
        [&mut Guarder, &mut Approacher::kicker()],
        [native_identity("guarder"), native_identity("kicker")],
    )
    .unwrap();
    assert_eq!(replay.outcome.winner, Some(Side::Right));
    assert_eq!(replay.outcome.round_wins, [0, 2]);
    assert_eq!(replay.outcome.rounds.len(), 2);
}

#[test]
fn match_score_and_round_numbers() {
    // Left faults in round 1, right faults in round 2, then the left wins round 3.
    let mut game = Match::new(Rules::default(), MatchKind::Normal).unwrap();
    assert_eq!(game.round_number(), 1);
    game.step([Input::Fault, Input::Thinking]);
    assert_eq!((game.round_number(), game.round_wins()), (2, [0, 1]));
    assert_eq!(game.round().tick, 0, "a fresh round");
    game.step([Input::Act(Action::Idle), Input::Fault]);
    assert_eq!((game.round_number(), game.round_wins()), (3, [1, 1]));
    game.step([Input::Thinking, Input::Fault]);
    assert!(game.is_over());
    let o = game.outcome().unwrap();
    assert_eq!((o.winner, o.round_wins, o.rounds.len()), (Some(Side::Left), [2, 1], 3));
    assert_eq!(game.round_number(), 3);
    // A finished match ignores further ticks.
    assert_eq!(game.step([Input::Fault, Input::Fault]), Default::default());
    assert_eq!(game.outcome().unwrap(), o);
}

#[test]
fn five_rounds_then_the_round_wins_decide() {
    // Left wins round 1, then four drawn rounds: the left wins 1-0.
    let mut game = Match::new(Rules::default(), MatchKind::Normal).unwrap();
    game.step([Input::Thinking, Input::Fault]);
    for _ in 0..4 {
        game.step([Input::Fault, Input::Fault]);
    }
    let o = game.outcome().expect("over after 5 rounds");
    assert_eq!((o.winner, o.round_wins, o.rounds.len()), (Some(Side::Left), [1, 0], 5));
}

#[test]
fn sudden_death_matches() {
    let rules = Rules::default();
    let ids = |a: &str, b: &str| [native_identity(a), native_identity(b)];

    // The first landed hit wins.
    let r = play(&rules, MatchKind::SuddenDeath, 1, [&mut Approacher::walker_puncher(), &mut IdleDummy], ids("w", "d"))
        .unwrap();
    assert_eq!(r.outcome.winner, Some(Side::Left));
    assert_eq!(r.outcome.rounds.len(), 1);
    let round = r.outcome.rounds[0];
    assert_eq!((round.end, round.ticks, round.hit_points), (RoundEnd::FirstHit, 50, [1000, 950]));
    r.verify().unwrap();

    // Two walker-punchers meet in the middle and trade: a draw.
    let r = play(
        &rules,
        MatchKind::SuddenDeath,
        1,
        [&mut Approacher::walker_puncher(), &mut Approacher::walker_puncher()],
        ids("w1", "w2"),
    )
    .unwrap();
    assert_eq!(r.outcome.winner, None);
    assert_eq!(r.outcome.rounds.len(), 1, "a drawn sudden death is not replayed");
    assert_eq!(r.outcome.rounds[0].end, RoundEnd::FirstHit);
    assert_eq!(r.outcome.rounds[0].hit_points, [950, 950]);

    // Chip damage is no landed hit: a guarder and a kicker go the distance
    // unless the chip knocks the guarder out.
    let r = play(&rules, MatchKind::SuddenDeath, 1, [&mut Approacher::kicker(), &mut Guarder], ids("k", "g")).unwrap();
    let round = r.outcome.rounds[0];
    assert_ne!(round.end, RoundEnd::FirstHit);
    assert!(round.hit_points[1] < 1000, "the guarder took chip damage");

    // Nobody lands anything: drawn at time-out.
    let r = play(&rules, MatchKind::SuddenDeath, 1, [&mut Jumper::default(), &mut Guarder], ids("j", "g")).unwrap();
    assert_eq!(r.outcome.winner, None);
    assert_eq!(r.outcome.rounds[0].end, RoundEnd::TimeOut);

    // A fighter that only attacks from afar cannot land: a scripted
    // sequence that never hits, against one that lands one kick.
    let mut never = Scripted::new(std::iter::repeat_n(Action::Back, 50));
    let r = play(&rules, MatchKind::SuddenDeath, 1, [&mut never, &mut Approacher::kicker()], ids("s", "k")).unwrap();
    assert_eq!(r.outcome.winner, Some(Side::Right));
}

#[test]
fn random_fighters_play_differently_per_seed_but_reproducibly() {
    let rules = Rules::default();
    let ids = [native_identity("r1"), native_identity("r2")];
    let go =
        |seed| play_match(&rules, seed, [&mut RandomFighter::new(1), &mut RandomFighter::new(2)], ids.clone()).unwrap();
    assert_eq!(go(10), go(10));
    assert_ne!(go(10).rounds, go(11).rounds);
}
