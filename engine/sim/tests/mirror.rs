//! Mirror symmetry (GAME.md: "Swapping the two bots must produce the mirror
//! image of the same match: this is a test, not a hope").

use arena_sim::{
    Action, Activity, BotIdentity, Fighter, FighterState, HitEvent, Input, Observation, Phase, Projectile,
    RandomFighter, RoundKind, RoundState, Rules, Scripted, Side, TickEvents, native_identity, play_match,
};
use proptest::prelude::*;

fn action() -> impl Strategy<Value = Action> {
    (0..Action::ALL.len()).prop_map(|i| Action::ALL[i])
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        40 => action().prop_map(Input::Act),
        2 => Just(Input::Thinking),
        1 => Just(Input::Fault),
    ]
}

fn attack() -> impl Strategy<Value = Action> {
    prop_oneof![Just(Action::Punch), Just(Action::Kick), Just(Action::Throw), Just(Action::Fireball)]
}

fn activity() -> impl Strategy<Value = Activity> {
    let phase = prop_oneof![Just(Phase::Startup), Just(Phase::Active), Just(Phase::Recovery)];
    prop_oneof![
        4 => Just(Activity::Neutral),
        3 => (attack(), phase, 1..=16i32, any::<bool>()).prop_map(|(attack, phase, ticks_left, spent)| {
            Activity::Attack { attack, phase, ticks_left, spent }
        }),
        2 => (0..36i32, prop_oneof![Just(-4), Just(0), Just(6)])
            .prop_map(|(elapsed, velocity)| Activity::Airborne { elapsed, velocity }),
        1 => (1..=30i32).prop_map(|ticks_left| Activity::HitStun { ticks_left }),
        1 => (1..=12i32).prop_map(|ticks_left| Activity::BlockStun { ticks_left }),
    ]
}

/// A fighter at `x` in some random but coherent state.
fn fighter(x: i32) -> impl Strategy<Value = FighterState> {
    (
        activity(),
        1..=1000i32,
        0..=1000i32,
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(-4), Just(0), Just(6)],
        proptest::option::weighted(0.3, 0..=1000i32),
        action(),
        0..=1000i32,
        0..=6i32,
    )
        .prop_map(move |(activity, hit_points, energy, crouching, guarding, walk, fireball, last, dealt, fall)| {
            let y = match activity {
                Activity::Airborne { elapsed, .. } => 8 * elapsed.min(35 - elapsed).max(0) + 8,
                Activity::HitStun { .. } => 8 * fall,
                _ => 0,
            };
            let neutral = activity == Activity::Neutral;
            FighterState {
                x,
                y,
                hit_points,
                energy,
                activity,
                crouching: crouching && neutral,
                guarding: guarding && (neutral || matches!(activity, Activity::BlockStun { .. })),
                walk_velocity: if neutral { walk } else { 0 },
                fireball: fireball.map(|x| Projectile { x }),
                last_started: last,
                damage_dealt: dealt,
            }
        })
}

/// A round in progress: fighters anywhere on the stage, apart.
fn round_state() -> impl Strategy<Value = RoundState> {
    (30..=910i32)
        .prop_flat_map(|lx| (Just(lx), (lx + 60)..=970))
        .prop_flat_map(|(lx, rx)| {
            (fighter(lx), fighter(rx), 0..1800i32, prop_oneof![Just(RoundKind::Normal), Just(RoundKind::SuddenDeath)])
        })
        .prop_map(|(l, r, tick, kind)| RoundState { tick, fighters: [l, r], kind, result: None })
}

fn mirror_hit(h: HitEvent) -> HitEvent {
    HitEvent { defender: h.defender.opponent(), ..h }
}

/// The events of a tick seen with the sides swapped.
fn mirror_events(rules: &Rules, e: &TickEvents) -> TickEvents {
    let result = e.round_end.map(|r| {
        // RoundState::mirrored mirrors a result; borrow it.
        let mut s = RoundState::new(rules, RoundKind::Normal);
        s.result = Some(r);
        s.mirrored(rules).result.expect("kept")
    });
    TickEvents {
        started: [e.started[1], e.started[0]],
        hits: [
            e.hits[2].map(mirror_hit),
            e.hits[3].map(mirror_hit),
            e.hits[0].map(mirror_hit),
            e.hits[1].map(mirror_hit),
        ],
        fireballs_cancelled: e.fireballs_cancelled,
        round_end: result,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Stepping S with [a, b] then mirroring equals stepping S mirrored with
    /// [b, a], on every tick, events included.
    #[test]
    fn step_commutes_with_mirroring(
        start in round_state(),
        inputs in proptest::collection::vec((input(), input()), 1..300),
    ) {
        let rules = Rules::default();
        let mut state = start;
        let mut mirror = start.mirrored(&rules);
        prop_assert_eq!(mirror.mirrored(&rules), start, "mirroring twice is the identity");
        for (tick, &(a, b)) in inputs.iter().enumerate() {
            let events = state.step(&rules, [a, b]);
            let mirror_events_got = mirror.step(&rules, [b, a]);
            prop_assert_eq!(state.mirrored(&rules), mirror, "state differs after tick {}", tick);
            prop_assert_eq!(mirror_events(&rules, &events), mirror_events_got, "events differ on tick {}", tick);
            if state.result.is_some() {
                break;
            }
        }
    }
}

/// A fighter that plays a script and keeps every observation it gets.
struct Watching {
    script: Scripted,
    seen: Vec<Observation>,
}

impl Fighter for Watching {
    fn tick(&mut self, o: &Observation) -> Action {
        self.seen.push(*o);
        self.script.tick(o)
    }
}

fn watching(actions: &[Action]) -> Watching {
    Watching { script: Scripted::new(actions.iter().copied()), seen: Vec::new() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A whole match with the two scripted fighters swapped gives the
    /// mirrored outcome, and each bot sees exactly the same observations
    /// from either side.
    #[test]
    fn swapped_match_is_mirrored(
        a in proptest::collection::vec(action(), 0..2500),
        b in proptest::collection::vec(action(), 0..2500),
        seed in any::<u64>(),
    ) {
        let rules = Rules::default();
        let ids = [native_identity("a"), native_identity("b")];
        let (mut a1, mut b1) = (watching(&a), watching(&b));
        let one = play_match(&rules, seed, [&mut a1, &mut b1], ids.clone()).unwrap();
        let (mut a2, mut b2) = (watching(&a), watching(&b));
        let two = play_match(&rules, seed, [&mut b2, &mut a2], [ids[1].clone(), ids[0].clone()]).unwrap();
        prop_assert_eq!(&one.outcome.mirrored(), &two.outcome);
        prop_assert_eq!(one.rounds.len(), two.rounds.len());
        for (r1, r2) in one.rounds.iter().zip(&two.rounds) {
            let swapped: Vec<u8> = r1.inputs.iter().map(|b| b.rotate_left(4)).collect();
            prop_assert_eq!(&swapped, &r2.inputs);
        }
        prop_assert!(a1.seen == a2.seen, "bot a's observations depend on its side");
        prop_assert!(b1.seen == b2.seen, "bot b's observations depend on its side");
    }
}

/// Random fighters draw their seeds from their identity, not their side:
/// swapping them mirrors the match too.
#[test]
fn swapped_random_fighters_mirror() {
    let rules = Rules::default();
    let ids: [BotIdentity; 2] = [native_identity("random-a"), native_identity("random-b")];
    for seed in 0..8 {
        let one =
            play_match(&rules, seed, [&mut RandomFighter::new(0), &mut RandomFighter::new(0)], ids.clone()).unwrap();
        let two = play_match(
            &rules,
            seed,
            [&mut RandomFighter::new(0), &mut RandomFighter::new(0)],
            [ids[1].clone(), ids[0].clone()],
        )
        .unwrap();
        assert_eq!(one.outcome.mirrored(), two.outcome, "seed {seed}");
        assert!(one.outcome.rounds.iter().any(|r| r.damage_dealt != [0, 0]), "the fighters fight");
    }
}

#[test]
fn mirrored_round_state_swaps_sides() {
    let rules = Rules::default();
    let mut s = RoundState::new(&rules, RoundKind::Normal);
    s.fighters[0].x = 100;
    s.fighters[0].hit_points = 5;
    s.fighters[1].fireball = Some(Projectile { x: 650 });
    let m = s.mirrored(&rules);
    assert_eq!(m.fighters[0].x, 300);
    assert_eq!(m.fighters[1].x, 900);
    assert_eq!(m.fighters[1].hit_points, 5);
    assert_eq!(m.fighters[0].fireball, Some(Projectile { x: 350 }));
    assert_eq!(m.fighter(Side::Right).x, 900);
}
