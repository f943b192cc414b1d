//! Best-of-N series: game order, sides, seeds, and the knockout tie-breaks.

mod common;

use arena_sim::{MatchKind, MatchOutcome, RoundEnd, RoundResult, Side};
use arena_tournament::{
    Bracket, EntrantIdx, Error, Format, GameResult, Series, Slot, TieBreak, Tournament, TournamentConfig, coin_flip,
    game_seed,
};
use common::entrants;

/// A game in a test table: winner ('A', 'B' or '=' for a draw), hit points
/// and damage by slot.
type G = (char, [i64; 2], [i64; 2]);

fn game((w, hp, dmg): G) -> GameResult {
    let winner = match w {
        'A' => Some(Slot::A),
        'B' => Some(Slot::B),
        _ => None,
    };
    GameResult { winner, hit_points: hp, damage_dealt: dmg }
}

/// What a series should end as.
#[derive(Debug, PartialEq)]
struct Expected {
    winner: Option<Slot>,
    tie_break: TieBreak,
    score: [u32; 2],
    games: usize,
    sudden_death: bool,
}

/// Feeds `games` (the last one is the sudden-death game where one is asked
/// for) into a best-of-`best_of` series and checks how it ends.
fn check(best_of: u32, must_decide: bool, games: &[G], expected: Expected) {
    let mut s = Series::new("SF1", [EntrantIdx(0), EntrantIdx(1)], best_of, must_decide, 99).unwrap();
    let mut asked_sudden_death = false;
    for (i, &g) in games.iter().enumerate() {
        let req = s.next_game().unwrap_or_else(|| panic!("game {} was not asked for", i + 1));
        assert_eq!(req.game, i as u32 + 1);
        asked_sudden_death |= req.kind == MatchKind::SuddenDeath;
        s.record_game(game(g)).unwrap();
    }
    assert_eq!(s.next_game(), None, "no more games once decided");
    assert!(s.is_decided());
    let r = s.result().unwrap();
    let got = Expected {
        winner: r.winner,
        tie_break: r.tie_break,
        score: r.score,
        games: r.games.len(),
        sudden_death: asked_sudden_death,
    };
    assert_eq!(got, expected, "{games:?}");
    // The tournament accepts exactly this result for a fresh series.
    let fresh = Series::new("SF1", [EntrantIdx(0), EntrantIdx(1)], best_of, must_decide, 99).unwrap();
    fresh.check_result(&r).unwrap();
}

fn ex(winner: Option<Slot>, tie_break: TieBreak, score: [u32; 2], games: usize, sd: bool) -> Expected {
    Expected { winner, tie_break, score, games, sudden_death: sd }
}

const Z: [i64; 2] = [0, 0];

#[test]
fn decided_on_games() {
    use Slot::*;
    check(3, true, &[('A', Z, Z), ('A', Z, Z)], ex(Some(A), TieBreak::None, [2, 0], 2, false));
    check(3, true, &[('B', Z, Z), ('A', Z, Z), ('B', Z, Z)], ex(Some(B), TieBreak::None, [1, 2], 3, false));
    check(1, true, &[('B', Z, Z)], ex(Some(B), TieBreak::None, [0, 1], 1, false));
    check(5, false, &[('A', Z, Z), ('A', Z, Z), ('A', Z, Z)], ex(Some(A), TieBreak::None, [3, 0], 3, false));
    // A drawn game counts for nobody: 1-0 with two draws wins a best of 3.
    check(3, true, &[('A', Z, Z), ('=', Z, Z), ('=', Z, Z)], ex(Some(A), TieBreak::None, [1, 0], 3, false));
    // Decided as soon as the other cannot catch up: 2-0 after a draw in a best of 5.
    check(
        5,
        true,
        &[('A', Z, Z), ('=', Z, Z), ('A', Z, Z), ('=', Z, Z)],
        ex(Some(A), TieBreak::None, [2, 0], 4, false),
    );
}

#[test]
fn a_level_series_outside_a_knockout_is_a_draw() {
    check(3, false, &[('A', Z, Z), ('B', Z, Z), ('=', [9, 0], Z)], ex(None, TieBreak::None, [1, 1], 3, false));
    check(2, false, &[('A', Z, Z), ('B', Z, Z)], ex(None, TieBreak::None, [1, 1], 2, false));
}

#[test]
fn knockout_tie_breaks_in_order() {
    use Slot::*;
    // Hit points first (summed over all games), even against more damage.
    check(
        3,
        true,
        &[('A', [300, 0], [1000, 0]), ('B', [0, 200], [0, 5000]), ('=', [100, 100], Z)],
        ex(Some(A), TieBreak::HitPoints, [1, 1], 3, false),
    );
    // Then damage.
    check(
        3,
        true,
        &[('A', [300, 0], [1000, 700]), ('B', [0, 300], [700, 1000]), ('=', [0, 0], [0, 1])],
        ex(Some(B), TieBreak::Damage, [1, 1], 3, false),
    );
    // Then one sudden-death game.
    check(
        3,
        true,
        &[('A', [300, 0], [1000, 700]), ('B', [0, 300], [700, 1000]), ('=', Z, Z), ('B', [0, 990], [10, 0])],
        ex(Some(B), TieBreak::SuddenDeath, [1, 1], 4, true),
    );
    // The sudden death's own hit points do not matter, only its winner.
    check(
        1,
        true,
        &[('=', [5, 5], [7, 7]), ('A', [0, 1000], [0, 0])],
        ex(Some(A), TieBreak::SuddenDeath, [0, 0], 2, true),
    );
    // Then the coin.
    let coin = if coin_flip(99, "SF1") { B } else { A };
    check(1, true, &[('=', Z, Z), ('=', Z, Z)], ex(Some(coin), TieBreak::Coin, [0, 0], 2, true));
}

#[test]
fn sides_alternate_and_seeds_derive_from_the_match() {
    let mut s = Series::new("W2-1", [EntrantIdx(4), EntrantIdx(9)], 5, true, 1234).unwrap();
    let mut lefts = Vec::new();
    let mut seeds = Vec::new();
    while let Some(req) = s.next_game() {
        assert_eq!(req.seed, game_seed(1234, "W2-1", req.game));
        assert_eq!(req.sides(), [req.left_entrant(), req.right_entrant()]);
        lefts.push(req.left_entrant());
        seeds.push(req.seed);
        // Alternate winners so that all five games are played, level at the end.
        let w = if req.game == 5 {
            None
        } else if req.game % 2 == 1 {
            Some(Slot::A)
        } else {
            Some(Slot::B)
        };
        s.record_game(GameResult { winner: w, hit_points: [0, 0], damage_dealt: [0, 0] }).unwrap();
    }
    let e = [EntrantIdx(4), EntrantIdx(9)];
    // Five games and the sudden death (game 6): sides swap every game.
    assert_eq!(lefts, vec![e[0], e[1], e[0], e[1], e[0], e[1]]);
    let mut unique = seeds.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seeds.len(), "every game has its own seed");
    assert_eq!(s.result().unwrap().games[5].kind, MatchKind::SuddenDeath);
    // Another tournament seed or match id gives other game seeds.
    assert_ne!(game_seed(1234, "W2-1", 1), game_seed(1235, "W2-1", 1));
    assert_ne!(game_seed(1234, "W2-1", 1), game_seed(1234, "W2-2", 1));
}

#[test]
fn outcomes_map_sides_to_slots() {
    let round = |winner, hp: [i32; 2], dmg: [i32; 2]| RoundResult {
        winner,
        end: RoundEnd::TimeOut,
        ticks: 1800,
        hit_points: hp,
        damage_dealt: dmg,
    };
    let mut s = Series::new("F", [EntrantIdx(0), EntrantIdx(1)], 3, true, 5).unwrap();
    // Game 1: slot A on the left; the left side wins.
    let o1 = MatchOutcome {
        winner: Some(Side::Left),
        round_wins: [2, 0],
        rounds: vec![round(Some(Side::Left), [400, 0], [1000, 600]); 2],
    };
    s.record_outcome(&o1).unwrap();
    // Game 2: slot B on the left; the left side wins again.
    let o2 = MatchOutcome {
        winner: Some(Side::Left),
        round_wins: [2, 0],
        rounds: vec![round(Some(Side::Left), [100, 0], [1000, 900]); 2],
    };
    s.record_outcome(&o2).unwrap();
    let g = s.games();
    assert_eq!(g[0].winner, Some(Slot::A));
    assert_eq!(g[0].hit_points, [800, 0]);
    assert_eq!(g[1].winner, Some(Slot::B));
    assert_eq!(g[1].hit_points, [0, 200]);
    assert_eq!(g[1].damage_dealt, [1800, 2000]);
}

#[test]
fn the_coin_is_deterministic_and_fair_looking() {
    let flips: Vec<bool> = (0..200).map(|i| coin_flip(7, &format!("QF{i}"))).collect();
    let again: Vec<bool> = (0..200).map(|i| coin_flip(7, &format!("QF{i}"))).collect();
    assert_eq!(flips, again);
    let heads = flips.iter().filter(|&&b| b).count();
    assert!((70..=130).contains(&heads), "{heads} of 200");
    let other_seed: Vec<bool> = (0..200).map(|i| coin_flip(8, &format!("QF{i}"))).collect();
    assert_ne!(flips, other_seed);
}

#[test]
fn a_decided_series_takes_no_more_games() {
    let mut s = Series::new("F", [EntrantIdx(0), EntrantIdx(1)], 1, true, 5).unwrap();
    s.record_game(GameResult { winner: Some(Slot::A), hit_points: [0, 0], damage_dealt: [0, 0] }).unwrap();
    let err =
        s.record_game(GameResult { winner: Some(Slot::A), hit_points: [0, 0], damage_dealt: [0, 0] }).unwrap_err();
    assert_eq!(err, Error::SeriesDecided("F".to_owned()));
}

/// Every game drawn, level on everything, sudden death drawn too: every
/// knockout match goes to the coin, and still exactly one entrant goes
/// through each time; a draw never eliminates both.
#[test]
fn all_draws_still_give_one_winner_per_knockout_match() {
    for format in [Format::SingleElimination, Format::DoubleElimination { grand_final_reset: true }] {
        let mut t = Tournament::new(TournamentConfig::new(format.clone()).seed(3), entrants(11)).unwrap();
        while !t.is_finished() {
            let id = t.ready_matches()[0].id.clone();
            let mut s = t.start_match(&id).unwrap();
            while s.next_game().is_some() {
                s.record_game(GameResult { winner: None, hit_points: [10, 10], damage_dealt: [5, 5] }).unwrap();
            }
            let r = s.result().unwrap();
            assert_eq!(r.tie_break, TieBreak::Coin);
            assert_eq!(r.games.len(), 4, "three games and a sudden death");
            let expected = if coin_flip(3, &id) { Slot::B } else { Slot::A };
            assert_eq!(r.winner, Some(expected));
            t.record_result(&id, r).unwrap();
        }
        for m in t.matches().iter().filter(|m| m.result.is_some()) {
            assert!(m.winner.is_some() && m.loser.is_some() && m.winner != m.loser, "{}", m.id);
        }
        let rows = &t.standings().rows;
        assert_eq!(rows.iter().filter(|r| r.place == 1).count(), 1, "{format:?}: one champion");
        assert_eq!(rows.iter().filter(|r| r.alive).count(), 1);
        assert!(t.matches().iter().all(|m| m.layout.bracket != Bracket::Rounds));
    }
}

#[test]
fn results_that_do_not_fit_are_refused() {
    let mut t = Tournament::new(TournamentConfig::new(Format::SingleElimination).seed(1), entrants(4)).unwrap();
    let s = t.start_match("SF1").unwrap();
    let good = common::play_series(s.clone(), 1);

    let mut wrong_winner = good.clone();
    wrong_winner.winner = wrong_winner.winner.map(Slot::other);
    assert!(matches!(t.record_result("SF1", wrong_winner), Err(Error::InconsistentResult { .. })));

    let mut short = good.clone();
    short.games.pop();
    assert!(matches!(t.record_result("SF1", short), Err(Error::InconsistentResult { .. })));

    let mut bad_seed = good.clone();
    bad_seed.games[0].seed ^= 1;
    assert!(matches!(t.record_result("SF1", bad_seed), Err(Error::InconsistentResult { .. })));

    let other = common::play_series(t.series("SF2").unwrap(), 1);
    assert!(matches!(t.record_result("SF1", other), Err(Error::InconsistentResult { .. })));

    assert!(matches!(t.record_result("F", good.clone()), Err(Error::NotPlayable { .. })));
    assert!(matches!(t.record_result("QF9", good.clone()), Err(Error::UnknownMatch(_))));
    t.record_result("SF1", good.clone()).unwrap();
    assert_eq!(t.record_result("SF1", good), Err(Error::AlreadyFinished("SF1".to_owned())));
}
