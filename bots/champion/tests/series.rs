//! The champion must beat every other example bot in a best-of-3 series
//! (first to 2 match wins; each match a full GAME.md match), playing the
//! left side in one series and the right side in another.

mod py_kicker;

use arena_sdk::prelude::*;
use arena_sdk::testing::{Ring, Series, opponents};
use champion::Champion;

fn series<O: Bot>(side: Side, make: impl FnMut() -> O) -> Series {
    Ring::new().side(side).seed(1).series(2, Champion::default, make)
}

fn must_win<O: Bot>(name: &str, mut make: impl FnMut() -> O) {
    for side in Side::BOTH {
        let s = series(side, &mut make);
        println!("champion ({side}) vs {name}: {}-{}", s.wins, s.losses);
        for r in &s.reports {
            println!("  {}", r.summary().replace('\n', "\n  "));
        }
        assert!(s.won(), "the champion must beat {name} from the {side}:\n{}", s.summary());
    }
}

#[test]
fn beats_dummy() {
    must_win("dummy", || dummy::Dummy);
}

#[test]
fn beats_guard_only() {
    must_win("guard-only", || guard_only::GuardOnly);
}

#[test]
fn beats_random() {
    let mut seed = 0;
    must_win("random", move || {
        seed += 1;
        random::RandomBot::seeded(seed)
    });
}

#[test]
fn beats_rusher() {
    must_win("rusher", rusher::Rusher::default);
}

#[test]
fn beats_turtle() {
    must_win("turtle", turtle::Turtle::default);
}

#[test]
fn beats_zoner() {
    must_win("zoner", zoner::Zoner::default);
}

#[test]
fn beats_py_kicker() {
    must_win("py-kicker", py_kicker::PyKicker::default);
}

#[test]
fn beats_the_simulation_sparring_partners() {
    for (name, make) in [
        ("walker-puncher", opponents::walker_puncher as fn() -> opponents::Opponent),
        ("kicker", opponents::kicker),
        ("thrower", opponents::thrower),
        ("jumper", opponents::jumper),
        ("guarder", opponents::guarder),
        ("random", opponents::random),
    ] {
        must_win(name, make);
    }
}
