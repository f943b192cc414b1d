//! Frame tests: scripted situations with the outcome worked out by hand from
//! GAME.md, tick by tick.
//!
//! Conventions (the numbers in the tables follow them):
//! - the left fighter is the attacker, at x = 300; the right one (the
//!   defender) stands `gap` units beyond the attacker's body edge, at
//!   x = 300 + 60 + gap;
//! - ticks count from 0, the first step; an attack started on tick t is in
//!   startup on t..t+startup-1, active next, then recovers, and its fighter
//!   can act again on tick t + startup + active + recovery;
//! - stun set on hit tick t with N ticks covers t..t+N-1;
//! - a script is a list of actions, one per tick, `name*n` repeating one; a
//!   fighter idles once its script ends.
//!
//! An expected outcome lists every hit of the run, in order:
//! `[L:]contact@tick=damage[/attack]` with contact `hit`, `counter` or
//! `guard`; `L:` marks a hit on the attacker (the left fighter); the attack
//! defaults to the table's attack for hits on the defender. An empty string
//! is "nothing hit".

use arena_sim::{
    Action, Activity, Contact, Input, Phase, Projectile, RoundEnd, RoundKind, RoundState, Rules, Side, TickEvents,
};

const TICKS: usize = 120;

/// Parses `"punch idle*3 guard*20"`.
fn script(text: &str) -> Vec<Action> {
    let mut out = Vec::new();
    for token in text.split_whitespace() {
        let (name, n) = match token.split_once('*') {
            Some((name, n)) => (name, n.parse::<usize>().expect("a repeat count")),
            None => (token, 1),
        };
        let action: Action = name.parse().expect("an action name");
        out.extend(std::iter::repeat_n(action, n));
    }
    out
}

/// A round with the fighters at `[left x, right x]` and these energies.
fn state_at(rules: &Rules, x: [i32; 2], energy: [i32; 2]) -> RoundState {
    let mut s = RoundState::new(rules, RoundKind::Normal);
    for i in 0..2 {
        s.fighters[i].x = x[i];
        s.fighters[i].energy = energy[i];
    }
    s
}

/// A round with the defender `gap` units beyond the attacker's reach edge.
fn state_at_gap(rules: &Rules, gap: i32, energy: [i32; 2]) -> RoundState {
    state_at(rules, [300, 300 + rules.body_width + gap], energy)
}

/// One step of a run: the tick number, its events and the state after it.
struct Step {
    tick: i32,
    events: TickEvents,
    after: RoundState,
}

/// Plays both scripts from `state` for `ticks` ticks (or until the round ends).
fn run(rules: &Rules, mut state: RoundState, scripts: [&str; 2], ticks: usize) -> Vec<Step> {
    let [l, r] = scripts.map(script);
    let mut steps = Vec::new();
    for t in 0..ticks {
        if state.result.is_some() {
            break;
        }
        let tick = state.tick;
        let action = |s: &Vec<Action>| Input::Act(s.get(t).copied().unwrap_or(Action::Idle));
        let events = state.step(rules, [action(&l), action(&r)]);
        steps.push(Step { tick, events, after: state });
    }
    steps
}

/// Orders hits by tick, then by their text (several may land on one tick).
fn by_tick(mut hits: Vec<String>) -> Vec<String> {
    let tick = |h: &String| -> i32 {
        let after = h.split_once('@').expect("contact@tick").1;
        after.split_once('=').expect("tick=damage").0.parse().expect("a tick number")
    };
    hits.sort_by(|a, b| tick(a).cmp(&tick(b)).then(a.cmp(b)));
    hits
}

fn describe_hits(steps: &[Step]) -> Vec<String> {
    let mut out = Vec::new();
    for step in steps {
        for hit in step.events.hits() {
            let who = if hit.defender == Side::Left { "L:" } else { "" };
            let contact = match hit.contact {
                Contact::Hit => "hit",
                Contact::CounterHit => "counter",
                Contact::Guarded => "guard",
            };
            out.push(format!("{who}{contact}@{}={}/{}", step.tick, hit.damage, hit.attack));
        }
    }
    by_tick(out)
}

fn expected_hits(expect: &str, attack: Action) -> Vec<String> {
    by_tick(
        expect
            .split_whitespace()
            .map(|t| {
                if t.contains('/') {
                    t.to_owned()
                } else {
                    assert!(!t.starts_with("L:"), "`{t}`: name the attack of a hit on the attacker");
                    format!("{t}/{attack}")
                }
            })
            .collect(),
    )
}

/// One row of an attack table: name, gap, attacker's script, defender's
/// script, expected hits.
type Row = (&'static str, i32, &'static str, &'static str, &'static str);

/// Checks one attack's table: every row's hits, exactly.
fn check_attack_table(attack: Action, energy: [i32; 2], rows: &[Row]) {
    let rules = Rules::default();
    let mut failures = Vec::new();
    for &(name, gap, attacker, defender, expect) in rows {
        let steps = run(&rules, state_at_gap(&rules, gap, energy), [attacker, defender], TICKS);
        assert_eq!(steps.len(), TICKS, "{attack}: `{name}`: the round ended early");
        let got = describe_hits(&steps);
        let want = expected_hits(expect, attack);
        if got != want {
            failures.push(format!("{attack}: `{name}` (gap {gap}): expected {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "frame table failures:\n{}", failures.join("\n"));
}

#[test]
fn punch_table() {
    // startup 4, active 2 (ticks 4, 5), recovery 8, reach 70, damage 50,
    // chip 10, counter-hit 60.
    check_attack_table(
        Action::Punch,
        [0, 0],
        &[
            ("vs idle at full reach", 70, "punch", "idle", "hit@4=50"),
            ("one unit out of reach whiffs", 71, "punch", "idle", ""),
            ("touching", 0, "punch", "idle", "hit@4=50"),
            ("guarded: chip", 70, "punch", "guard*30", "guard@4=10"),
            ("guard released before the active tick", 70, "punch", "guard*4", "hit@4=50"),
            ("crouched under", 70, "punch", "crouch*30", ""),
            ("crouch on the first active tick only: the second hits", 70, "punch", "idle*4 crouch", "hit@5=50"),
            ("crouch through both active ticks", 70, "punch", "idle*4 crouch*2", ""),
            ("anti-air: hits a jumping defender", 70, "punch", "jump", "hit@4=50"),
            ("defender walks into reach on the first active tick", 76, "punch", "idle*4 forward", "hit@4=50"),
            ("defender walks in on the second active tick", 76, "punch", "idle*5 forward", "hit@5=50"),
            ("defender walks in during recovery", 76, "punch", "idle*6 forward", ""),
            ("defender backs out of reach", 70, "punch", "back*10", ""),
            ("counter-hit: defender in kick startup", 70, "punch", "idle*2 kick", "counter@4=60"),
            ("counter-hit: defender starts on the active tick", 70, "punch", "idle*4 kick", "counter@4=60"),
            ("counter-hit: defender's punch one tick late", 70, "punch", "idle punch", "counter@4=60"),
            ("attacker one tick late is counter-hit", 70, "idle punch", "punch", "L:counter@4=60/punch"),
            ("trade: both punch on the same tick", 70, "punch", "punch", "hit@4=50 L:hit@4=50/punch"),
            ("a punch during recovery is ignored", 0, "punch idle*12 punch", "idle", "hit@4=50"),
            ("actionable again on tick 14", 0, "punch idle*13 punch", "idle", "hit@4=50 hit@18=50"),
            ("a kick out-ranges it", 100, "idle*5 punch", "kick", "L:hit@9=90/kick"),
        ],
    );
}

#[test]
fn kick_table() {
    // startup 9, active 3 (ticks 9..=11), recovery 16, reach 110, damage 90,
    // chip 18, counter-hit 108.
    check_attack_table(
        Action::Kick,
        [0, 0],
        &[
            ("vs idle at full reach", 110, "kick", "idle", "hit@9=90"),
            ("one unit out of reach whiffs", 111, "kick", "idle", ""),
            ("guarded: chip", 110, "kick", "guard*30", "guard@9=18"),
            ("low: hits a crouching defender", 110, "kick", "crouch*30", "hit@9=90"),
            ("jumped over", 110, "kick", "jump", ""),
            ("a jump on the first active tick clears it", 110, "kick", "idle*9 jump", ""),
            ("a jump on the last active tick is too late", 110, "kick", "idle*11 jump", "hit@9=90"),
            // The jump of tick 0 is off the ground on ticks 0..=34; tick 35
            // is its landing, at y = 0, and a kick catches it there.
            ("caught on the landing tick", 110, "idle*25 kick", "jump", "hit@35=90"),
            ("counter-hit: defender in punch startup", 100, "kick", "idle*6 punch", "counter@9=108"),
            ("trade with a punch active on the same tick", 60, "kick", "idle*5 punch", "L:hit@9=50/punch hit@9=90"),
            ("out-ranges a punch", 100, "kick", "idle*5 punch", "hit@9=90"),
            ("defender walks into reach", 130, "kick", "forward*4", "hit@9=90"),
            ("defender backs out of reach", 110, "kick", "back", ""),
            ("punched in startup: the kick is lost", 70, "kick", "idle punch", "L:counter@5=60/punch"),
        ],
    );
}

#[test]
fn throw_table() {
    // startup 5, active 1 (tick 5), recovery 20, reach 20, damage 120,
    // unguardable, counter-hit 144.
    check_attack_table(
        Action::Throw,
        [0, 0],
        &[
            ("vs idle at full reach", 20, "throw", "idle", "hit@5=120"),
            ("one unit out of reach whiffs", 21, "throw", "idle", ""),
            ("through guard", 0, "throw", "guard*30", "hit@5=120"),
            ("through crouch", 0, "throw", "crouch*30", "hit@5=120"),
            ("jumped over", 0, "throw", "jump", ""),
            ("counter-hit: defender in punch startup", 20, "throw", "idle*4 punch", "counter@5=144"),
            ("loses to a punch active on the same tick", 20, "throw", "idle punch", "L:hit@5=50/punch"),
            ("loses to a kick active on the same tick", 0, "idle*4 throw", "kick", "L:hit@9=90/kick"),
            ("punched in startup: the throw is lost", 20, "throw", "punch", "L:counter@4=60/punch"),
            // Two throws active on the same tick: each loses to the other's
            // active attack, so both break (a throw tech).
            ("two throws on the same tick both break", 0, "throw", "throw", ""),
            ("defender walks out of reach", 20, "throw", "back", ""),
        ],
    );
}

#[test]
fn fireball_table() {
    // startup 12, launched on tick 12 at the attacker's front edge (x 330),
    // 8 units a tick after that; it hits when it is within 30 of the
    // defender's centre: at gap g, on tick 12 + ceil(g / 8). Damage 100,
    // chip 20, counter-hit 120.
    check_attack_table(
        Action::Fireball,
        [500, 500],
        &[
            ("touching: hits on the launch tick", 0, "fireball", "idle", "hit@12=100"),
            ("gap 8: one tick of travel", 8, "fireball", "idle", "hit@13=100"),
            ("gap 80: ten ticks of travel", 80, "fireball", "idle", "hit@22=100"),
            ("gap 81: eleven ticks of travel", 81, "fireball", "idle", "hit@23=100"),
            ("from the start positions", 340, "fireball", "idle", "hit@55=100"),
            ("guarded: chip", 80, "fireball", "guard*60", "guard@22=20"),
            ("crouching does not avoid it", 80, "fireball", "crouch*60", "hit@22=100"),
            ("jumped over", 80, "fireball", "jump", ""),
            ("jumped over, late", 80, "fireball", "idle*14 jump", ""),
            ("landed before it arrives", 340, "fireball", "jump", "hit@55=100"),
            // Walked 60 in: x 500, hit when 330 + 8k >= 470, k = 18.
            ("defender who walked in meets it sooner", 200, "fireball", "forward*10", "hit@30=100"),
            ("counter-hit: defender in kick startup", 80, "fireball", "idle*20 kick", "counter@22=120"),
            ("punched in startup: no fireball", 70, "fireball", "idle*5 punch", "L:counter@9=60/punch"),
            ("two fireballs meet and cancel", 340, "fireball", "fireball", ""),
        ],
    );
}

/// A situation checked after some ticks: name, start x, start energy,
/// scripts, ticks to play, and the expected pair of numbers.
type Situation = (&'static str, [i32; 2], [i32; 2], [&'static str; 2], usize, [i32; 2]);

/// Plays the scripts from fighters at `x` with `energy` for `ticks` ticks
/// and checks where they end up.
fn check_positions(rows: &[Situation]) {
    let rules = Rules::default();
    let mut failures = Vec::new();
    for &(name, x, energy, scripts, ticks, want) in rows {
        let steps = run(&rules, state_at(&rules, x, energy), scripts, ticks);
        let last = &steps.last().expect("at least one tick").after;
        let got = last.fighters.map(|f| f.x);
        if got != want {
            failures.push(format!("`{name}`: expected x {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "position failures:\n{}", failures.join("\n"));
}

#[test]
fn push_back_and_walls() {
    check_positions(&[
        ("a hit pushes back 20", [300, 360], [0, 0], ["punch", ""], 5, [300, 380]),
        ("a guarded hit pushes back 10", [300, 360], [0, 0], ["punch", "guard*5"], 5, [300, 370]),
        ("a kick at full reach", [300, 470], [0, 0], ["kick", ""], 10, [300, 490]),
        ("a throw", [300, 360], [0, 0], ["throw", ""], 6, [300, 380]),
        ("a fireball", [300, 360], [500, 0], ["fireball", ""], 13, [300, 380]),
        ("the wall stops push-back", [900, 960], [0, 0], ["punch", ""], 5, [900, 970]),
        ("pinned at the wall", [910, 970], [0, 0], ["punch", ""], 5, [910, 970]),
        ("the left wall, hit from the right", [40, 100], [0, 0], ["", "punch"], 5, [30, 100]),
        ("a trade pushes both apart", [300, 360], [0, 0], ["punch", "punch"], 5, [280, 380]),
    ]);
}

#[test]
fn body_collision() {
    check_positions(&[
        ("both walk into each other: neither moves", [300, 360], [0, 0], ["forward", "forward"], 1, [300, 360]),
        ("walking into a standing body: half each", [300, 360], [0, 0], ["forward", ""], 1, [303, 363]),
        ("overlap 4: 2 each", [300, 362], [0, 0], ["forward", ""], 1, [304, 364]),
        ("overlap 5: 3 each, rounded up", [300, 361], [0, 0], ["forward", ""], 1, [303, 364]),
        ("walking into a fighter walking back: overlap 2", [300, 360], [0, 0], ["forward", "back"], 1, [305, 365]),
        ("forward pushes a fighter walking back", [300, 360], [0, 0], ["forward*10", "back*10"], 10, [350, 410]),
        ("at the wall the other takes it all", [30, 90], [0, 0], ["", "forward"], 1, [30, 90]),
        ("near the wall: the wall side takes what room it has", [32, 92], [0, 0], ["", "forward"], 1, [30, 90]),
        ("at the right wall", [910, 970], [0, 0], ["forward", ""], 1, [910, 970]),
        ("pushed along to the wall", [300, 360], [0, 0], ["forward*220", ""], 220, [910, 970]),
        ("walking back stops at the wall", [32, 500], [0, 0], ["back", ""], 1, [30, 500]),
        ("bodies collide in the air too", [300, 360], [0, 0], ["forward jump", ""], 3, [309, 369]),
        ("not touching: no push", [300, 366], [0, 0], ["forward", ""], 1, [306, 366]),
    ]);
}

#[test]
fn jump_keeps_the_walk_of_the_tick_before() {
    check_positions(&[
        ("forward then jump: 6 a tick for 36 ticks", [300, 700], [0, 0], ["forward jump", ""], 40, [522, 700]),
        ("back then jump: 4 a tick back", [300, 700], [0, 0], ["back jump", ""], 40, [152, 700]),
        ("a standing jump goes straight up", [300, 700], [0, 0], ["jump", ""], 40, [300, 700]),
        ("an idle tick between walk and jump", [300, 700], [0, 0], ["forward idle jump", ""], 40, [306, 700]),
        ("the right fighter jumps forward", [300, 700], [0, 0], ["", "forward jump"], 40, [300, 478]),
        ("inputs in the air change nothing", [300, 700], [0, 0], ["jump forward*35", ""], 36, [300, 700]),
        ("a back jump stops at the wall", [40, 700], [0, 0], ["back jump", ""], 40, [30, 700]),
    ]);
}

#[test]
fn jump_arc() {
    let rules = Rules::default();
    let steps = run(&rules, state_at(&rules, [300, 700], [0, 0]), ["jump", ""], 40);
    let heights: Vec<i32> = steps.iter().map(|s| s.after.fighters[0].y).collect();
    // Up 8 a tick for 18 ticks, then down 8 a tick for 18; grounded after.
    let mut want: Vec<i32> = (1..=18).map(|k| 8 * k).collect();
    want.extend((0..18).rev().map(|k| 8 * k));
    want.extend([0; 4]);
    assert_eq!(heights, want);
    for s in &steps[..35] {
        assert!(s.after.fighters[0].is_airborne(), "tick {}: airborne", s.tick);
        assert!(!s.after.fighters[0].is_actionable(), "tick {}: cannot act", s.tick);
    }
    assert!(matches!(steps[34].after.fighters[0].activity, Activity::Airborne { elapsed: 35, .. }));
    assert!(steps[35].after.fighters[0].is_actionable(), "after its 36 ticks the fighter can act");
}

/// The ticks on which `side`'s input was ignored.
fn ignored_ticks(rules: &Rules, state: RoundState, scripts: [&str; 2], side: Side, ticks: usize) -> Vec<i32> {
    run(rules, state, scripts, ticks).iter().filter(|s| !s.events.started[side.index()]).map(|s| s.tick).collect()
}

#[test]
fn recovery_and_stun_lengths() {
    let rules = Rules::default();
    let far = state_at_gap(&rules, 300, [500, 0]);
    let close = state_at_gap(&rules, 0, [0, 0]);
    type Row = (&'static str, RoundState, [&'static str; 2], Side, std::ops::RangeInclusive<i32>);
    let rows: [Row; 8] = [
        ("punch: busy until tick 14", far, ["punch forward*60", ""], Side::Left, 1..=13),
        ("kick: busy until tick 28", far, ["kick forward*60", ""], Side::Left, 1..=27),
        ("throw: busy until tick 26", far, ["throw forward*60", ""], Side::Left, 1..=25),
        ("fireball: busy until tick 33", far, ["fireball forward*60", ""], Side::Left, 1..=32),
        ("jump: airborne until tick 36", far, ["jump forward*60", ""], Side::Left, 1..=35),
        // Hit on tick 4 (its action of tick 4 was already started): stunned
        // on ticks 4..=17, free on 18.
        ("punch hit-stun 14", close, ["punch", "forward*60"], Side::Right, 5..=17),
        ("punch block-stun 8", close, ["punch", "guard*5 forward*60"], Side::Right, 5..=11),
        ("throw hit-stun 30", close, ["throw", "forward*60"], Side::Right, 6..=34),
    ];
    let mut failures = Vec::new();
    for (name, state, scripts, side, want) in rows {
        let got = ignored_ticks(&rules, state, scripts, side, 60);
        let want: Vec<i32> = want.collect();
        if got != want {
            failures.push(format!("`{name}`: expected ignored ticks {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn attack_phases_tick_by_tick() {
    let rules = Rules::default();
    let steps = run(&rules, state_at_gap(&rules, 300, [0, 0]), ["kick", ""], 30);
    let phases: Vec<Option<(Phase, i32)>> = steps
        .iter()
        .map(|s| match s.after.fighters[0].activity {
            Activity::Attack { attack: Action::Kick, phase, ticks_left, .. } => Some((phase, ticks_left)),
            _ => None,
        })
        .collect();
    // The state after tick t is the one tick t + 1 starts from: after tick
    // 0, startup with 8 ticks left; after tick 8, active with 3 left (the
    // kick is active on ticks 9..=11); recovery on ticks 12..=27; free on 28.
    let mut expected = Vec::new();
    for n in (1..=8).rev() {
        expected.push(Some((Phase::Startup, n)));
    }
    for n in (1..=3).rev() {
        expected.push(Some((Phase::Active, n)));
    }
    for n in (1..=16).rev() {
        expected.push(Some((Phase::Recovery, n)));
    }
    expected.extend([None, None, None]);
    assert_eq!(phases, expected);
}

/// Checks energies after `ticks` ticks.
fn check_energy(rows: &[Situation]) {
    let rules = Rules::default();
    let mut failures = Vec::new();
    for &(name, x, energy, scripts, ticks, want) in rows {
        let steps = run(&rules, state_at(&rules, x, energy), scripts, ticks);
        let got = steps.last().expect("a tick").after.fighters.map(|f| f.energy);
        if got != want {
            failures.push(format!("`{name}`: expected energy {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "energy failures:\n{}", failures.join("\n"));
}

#[test]
fn energy_gains() {
    check_energy(&[
        ("+1 a tick", [300, 700], [0, 0], ["", ""], 10, [10, 10]),
        ("capped at 1000", [300, 700], [995, 1000], ["", ""], 10, [1000, 1000]),
        ("+60 for landing a hit", [300, 360], [0, 0], ["punch", ""], 5, [65, 5]),
        ("+30 for guarding one", [300, 360], [0, 0], ["punch", "guard*5"], 5, [5, 35]),
        ("+60 for a counter-hit", [300, 360], [0, 0], ["punch", "idle*2 kick"], 5, [65, 5]),
        ("a hit near the cap", [300, 360], [980, 0], ["punch", ""], 5, [1000, 5]),
        ("a trade: both +60", [300, 360], [0, 0], ["punch", "punch"], 5, [65, 65]),
        ("a whiff gains nothing", [300, 700], [0, 0], ["punch", ""], 10, [10, 10]),
        ("a fireball costs 500", [300, 700], [500, 0], ["fireball", ""], 1, [1, 1]),
        ("a fireball that hits", [300, 360], [500, 0], ["fireball", ""], 13, [73, 13]),
        ("a refused fireball costs nothing", [300, 700], [499, 0], ["fireball", ""], 1, [500, 1]),
    ]);
}

#[test]
fn fireball_refused_for_lack_of_energy() {
    let rules = Rules::default();
    let steps = run(&rules, state_at_gap(&rules, 80, [499, 0]), ["fireball", ""], 60);
    assert!(!steps[0].events.started[0], "499 energy is short of 500");
    let f = &steps[0].after.fighters[0];
    assert_eq!(f.activity, Activity::Neutral);
    assert_eq!(f.last_started, Action::Idle, "an ignored action is not the last started");
    assert!(steps.iter().all(|s| s.after.fighters[0].fireball.is_none()));
    assert!(describe_hits(&steps).is_empty());

    let steps = run(&rules, state_at_gap(&rules, 80, [500, 0]), ["fireball", ""], 1);
    assert!(steps[0].events.started[0], "500 energy is enough");
    assert_eq!(steps[0].after.fighters[0].last_started, Action::Fireball);
}

#[test]
fn one_fireball_per_fighter_on_the_stage() {
    let rules = Rules::default();
    // The defender is at the far wall, 610 away: the first fireball hits on
    // tick 12 + ceil(610 / 8) = 89. The attacker can act again on tick 33
    // with 533 energy, but its fireball is still on the stage.
    let state = state_at(&rules, [300, 970], [1000, 0]);
    let steps = run(&rules, state, ["fireball idle*32 fireball", ""], 100);
    assert!(steps[0].events.started[0]);
    assert_eq!(steps[32].after.fighters[0].energy, 533);
    assert!(steps[33].after.fighters[0].fireball.is_some());
    assert!(!steps[33].events.started[0], "a second fireball is refused while one flies");
    assert_eq!(describe_hits(&steps), ["hit@89=100/fireball"]);
}

#[test]
fn fireball_leaves_the_stage() {
    let rules = Rules::default();
    // The defender jumps it; it flies on: x = 330 + 8k on tick 12 + k.
    let steps = run(&rules, state_at_gap(&rules, 80, [500, 0]), ["fireball", "jump"], 100);
    assert_eq!(steps[95].after.fighters[0].fireball, Some(Projectile { x: 994 }));
    assert_eq!(steps[96].after.fighters[0].fireball, None, "gone once past x = 1000");
    assert!(describe_hits(&steps).is_empty());
}

#[test]
fn fireballs_cancel_where_they_meet() {
    let rules = Rules::default();
    // Launched on tick 12 at 330 and 670; they close 16 a tick and meet
    // when 330 + 8k >= 670 - 8k: k = 22, tick 34.
    let steps = run(&rules, state_at_gap(&rules, 340, [500, 500]), ["fireball", "fireball"], 100);
    let cancelled: Vec<i32> = steps.iter().filter(|s| s.events.fireballs_cancelled).map(|s| s.tick).collect();
    assert_eq!(cancelled, [34]);
    assert!(steps[33].after.fighters.iter().all(|f| f.fireball.is_some()));
    assert!(steps[34].after.fighters.iter().all(|f| f.fireball.is_none()));

    // One launched a tick later: 330 + 8k >= 670 - 8(k - 1): k = 22 still.
    let steps = run(&rules, state_at_gap(&rules, 340, [500, 500]), ["fireball", "idle fireball"], 100);
    let cancelled: Vec<i32> = steps.iter().filter(|s| s.events.fireballs_cancelled).map(|s| s.tick).collect();
    assert_eq!(cancelled, [34]);
    assert!(describe_hits(&steps).is_empty());
}

#[test]
fn fireballs_that_already_passed_each_other_do_not_cancel() {
    // The right fighter's fireball has passed under the left fighter (who
    // jumped it) and flies on towards the left wall, behind it. The left
    // fighter's new fireball must not cancel against it: they never meet.
    let rules = Rules::default();
    let mut state = state_at_gap(&rules, 80, [500, 0]);
    state.fighters[1].fireball = Some(Projectile { x: 200 });
    let steps = run(&rules, state, ["fireball", ""], 40);
    assert!(steps.iter().all(|s| !s.events.fireballs_cancelled));
    assert_eq!(describe_hits(&steps), ["hit@22=100/fireball"]);
    // 200 - 8 * 25 < 0: it leaves the stage on tick 25.
    assert_eq!(steps[24].after.fighters[1].fireball, Some(Projectile { x: 0 }));
    assert_eq!(steps[25].after.fighters[1].fireball, None);
}

#[test]
fn a_thrown_defender_cannot_guard_a_fireball_on_the_same_tick() {
    // The left fighter's fireball (already flying) reaches the guarding
    // defender on tick 5, the tick its throw is active.
    let rules = Rules::default();
    let mut state = state_at_gap(&rules, 20, [0, 0]);
    state.fighters[0].fireball = Some(Projectile { x: 302 });
    let steps = run(&rules, state, ["throw", "guard*30"], 40);
    assert_eq!(describe_hits(&steps), ["hit@5=100/fireball", "hit@5=120/throw"]);
    assert_eq!(steps[5].after.fighters[1].activity, Activity::HitStun { ticks_left: 29 });
}

#[test]
fn block_stun_keeps_guarding() {
    let rules = Rules::default();
    let mut state = state_at_gap(&rules, 0, [0, 0]);
    state.fighters[0].activity =
        Activity::Attack { attack: Action::Punch, phase: Phase::Active, ticks_left: 2, spent: false };
    state.fighters[1].activity = Activity::BlockStun { ticks_left: 5 };
    state.fighters[1].guarding = true;
    let steps = run(&rules, state, ["", "punch"], 1);
    assert!(!steps[0].events.started[1]);
    assert_eq!(describe_hits(&steps), ["guard@0=10/punch"]);
    assert_eq!(steps[0].after.fighters[1].activity, Activity::BlockStun { ticks_left: 7 });
}

#[test]
fn an_attack_that_hits_keeps_its_recovery() {
    let rules = Rules::default();
    let steps = run(&rules, state_at_gap(&rules, 0, [0, 0]), ["punch", ""], 14);
    assert!(matches!(
        steps[4].after.fighters[0].activity,
        Activity::Attack { attack: Action::Punch, phase: Phase::Active, ticks_left: 1, spent: true }
    ));
    assert!(matches!(steps[13].after.fighters[0].activity, Activity::Neutral));
    assert!(matches!(
        steps[12].after.fighters[0].activity,
        Activity::Attack { phase: Phase::Recovery, ticks_left: 1, .. }
    ));
}

#[test]
fn counter_hit_bonus_rounds_down() {
    let mut rules = Rules::default();
    rules.punch.damage = 51; // 51 * 1.2 = 61.2
    let steps = run(&rules, state_at_gap(&rules, 0, [0, 0]), ["punch", "idle*3 kick"], 10);
    assert_eq!(describe_hits(&steps), ["counter@4=61/punch"]);
    assert_eq!(steps[4].after.fighters[1].hit_points, 939);
}

#[test]
fn hit_points_and_damage_dealt() {
    let rules = Rules::default();
    let steps = run(&rules, state_at_gap(&rules, 0, [0, 0]), ["punch", "guard*5"], 5);
    let f = steps[4].after.fighters;
    assert_eq!([f[0].hit_points, f[1].hit_points], [1000, 990]);
    assert_eq!([f[0].damage_dealt, f[1].damage_dealt], [10, 0]);
}

#[test]
fn knock_out_time_out_and_fault() {
    let rules = Rules::default();

    // Knock-out.
    let mut state = state_at_gap(&rules, 0, [0, 0]);
    state.fighters[1].hit_points = 50;
    let steps = run(&rules, state, ["punch", ""], 10);
    assert_eq!(steps.len(), 5, "the round ends on the hit");
    let end = steps[4].events.round_end.expect("a knock-out");
    assert_eq!((end.winner, end.end, end.ticks, end.hit_points), (Some(Side::Left), RoundEnd::KnockOut, 5, [1000, 0]));
    assert_eq!(steps[4].after.result, Some(end));

    // Both knocked out on the same tick: a draw.
    let mut state = state_at_gap(&rules, 0, [0, 0]);
    state.fighters[0].hit_points = 50;
    state.fighters[1].hit_points = 30;
    let steps = run(&rules, state, ["punch", "punch"], 10);
    let end = steps[4].events.round_end.expect("a double knock-out");
    assert_eq!((end.winner, end.end, end.hit_points), (None, RoundEnd::KnockOut, [0, 0]));

    // Time-out: the higher hit points win, equal is a draw.
    for (hp, winner) in [([500, 400], Some(Side::Left)), ([1, 2], Some(Side::Right)), ([7, 7], None)] {
        let mut state = state_at_gap(&rules, 300, [0, 0]);
        state.tick = rules.round_ticks - 2;
        state.fighters[0].hit_points = hp[0];
        state.fighters[1].hit_points = hp[1];
        let steps = run(&rules, state, ["", ""], 10);
        assert_eq!(steps.len(), 2);
        assert!(steps[0].events.round_end.is_none());
        let end = steps[1].events.round_end.expect("a time-out");
        assert_eq!((end.winner, end.end, end.ticks), (winner, RoundEnd::TimeOut, 1800));
    }

    // A fault loses the round, before anything moves.
    for (inputs, winner) in [
        ([Input::Fault, Input::Act(Action::Punch)], Some(Side::Right)),
        ([Input::Thinking, Input::Fault], Some(Side::Left)),
        ([Input::Fault, Input::Fault], None),
    ] {
        let mut state = state_at_gap(&rules, 0, [0, 0]);
        state.tick = 77;
        let before = state;
        let events = state.step(&rules, inputs);
        let end = events.round_end.expect("a fault ends the round");
        assert_eq!((end.winner, end.end, end.ticks), (winner, RoundEnd::Fault, 77));
        assert_eq!(state.fighters, before.fighters);
        // A finished round does not change any more.
        let frozen = state;
        assert_eq!(state.step(&rules, [Input::Act(Action::Forward); 2]), TickEvents::default());
        assert_eq!(state, frozen);
    }
}

#[test]
fn thinking_plays_idle() {
    let rules = Rules::default();
    let mut idle = state_at_gap(&rules, 0, [0, 0]);
    let mut thinking = idle;
    for tick in 0..20 {
        let left = Input::Act(if tick == 0 { Action::Punch } else { Action::Idle });
        let a = idle.step(&rules, [left, Input::Act(Action::Idle)]);
        let b = thinking.step(&rules, [left, Input::Thinking]);
        assert_eq!((a, idle), (b, thinking), "tick {tick}");
    }
    assert_eq!(idle.fighters[1].hit_points, 950, "the punch landed");
}

#[test]
fn sudden_death_first_landed_hit_wins() {
    let rules = Rules::default();
    let sudden = |gap, energy| {
        let mut s = state_at_gap(&rules, gap, energy);
        s.kind = RoundKind::SuddenDeath;
        s
    };

    let steps = run(&rules, sudden(0, [0, 0]), ["punch", ""], 60);
    assert_eq!(steps.len(), 5);
    let end = steps[4].events.round_end.expect("the first hit ends it");
    assert_eq!((end.winner, end.end), (Some(Side::Left), RoundEnd::FirstHit));

    let steps = run(&rules, sudden(0, [0, 0]), ["", "kick"], 60);
    let end = steps.last().unwrap().events.round_end.expect("the first hit ends it");
    assert_eq!((end.winner, end.end, end.ticks), (Some(Side::Right), RoundEnd::FirstHit, 10));

    // A trade is a draw.
    let steps = run(&rules, sudden(0, [0, 0]), ["punch", "punch"], 60);
    let end = steps.last().unwrap().events.round_end.expect("the trade ends it");
    assert_eq!((end.winner, end.end, end.ticks), (None, RoundEnd::FirstHit, 5));

    // A guarded hit is not a landed hit: the round goes on.
    let steps = run(&rules, sudden(0, [0, 0]), ["punch", "guard*30"], 60);
    assert_eq!(steps.len(), 60);
    assert!(steps.iter().all(|s| s.events.round_end.is_none()));
    assert_eq!(steps[59].after.fighters[1].hit_points, 990);

    // No landed hit by time-out: drawn, whatever the chip damage.
    let mut state = sudden(0, [0, 0]);
    state.tick = rules.round_ticks - 1;
    state.fighters[1].hit_points = 10;
    let steps = run(&rules, state, ["", ""], 5);
    let end = steps[0].events.round_end.expect("a time-out");
    assert_eq!((end.winner, end.end), (None, RoundEnd::TimeOut));

    // The same time-out in a normal round goes to the higher hit points.
    let mut state = sudden(0, [0, 0]);
    state.kind = RoundKind::Normal;
    state.tick = rules.round_ticks - 1;
    state.fighters[1].hit_points = 10;
    let steps = run(&rules, state, ["", ""], 5);
    assert_eq!(steps[0].events.round_end.map(|e| e.winner), Some(Some(Side::Left)));
}
