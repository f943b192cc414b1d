//! Standard seeding, byes, and the seeding modes.

mod common;

use arena_tournament::{
    Bracket, Entrant, EntrantIdx, Format, MatchStatus, Seeding, Slot, Tournament, TournamentConfig, bracket_order,
    bracket_size, meeting_round, seed_entrants,
};
use common::{entrants, first_round_lines};

/// The classic recursive standard order, built independently: each seed
/// `s` of the bracket of half the size becomes the pair `s, 2P + 1 - s`.
fn classic(size: u32) -> Vec<u32> {
    let mut order = vec![1u32];
    while (order.len() as u32) < size {
        let n = order.len() as u32 * 2;
        order = order.iter().flat_map(|&s| [s, n + 1 - s]).collect();
    }
    order
}

fn line_of(order: &[u32], seed: u32) -> u32 {
    order.iter().position(|&s| s == seed).unwrap() as u32
}

/// The first-round pairs of a bracket order.
fn pairs(order: &[u32]) -> Vec<(u32, u32)> {
    order.chunks(2).map(|c| (c[0].min(c[1]), c[0].max(c[1]))).collect()
}

fn check_first_round(size: u32, expected: &[(u32, u32)]) {
    assert_eq!(pairs(&bracket_order(size)), expected, "first round of a {size}-line bracket");
}

#[test]
fn first_round_tables() {
    check_first_round(2, &[(1, 2)]);
    check_first_round(4, &[(1, 4), (2, 3)]);
    check_first_round(8, &[(1, 8), (4, 5), (3, 6), (2, 7)]);
    check_first_round(16, &[(1, 16), (8, 9), (5, 12), (4, 13), (6, 11), (3, 14), (7, 10), (2, 15)]);
    // In every pairing but seed 1's, the better seed's half is drawn below.
    check_first_round(
        32,
        &[
            (1, 32),
            (16, 17),
            (9, 24),
            (8, 25),
            (12, 21),
            (5, 28),
            (13, 20),
            (4, 29),
            (11, 22),
            (6, 27),
            (14, 19),
            (3, 30),
            (10, 23),
            (7, 26),
            (15, 18),
            (2, 31),
        ],
    );
}

#[test]
fn the_order_has_the_classic_structure() {
    // Every pair of seeds can first meet in the same round as in the classic
    // recursive order: the same bracket, drawn with other halves on top.
    for k in 1..=6 {
        let size = 1u32 << k;
        let mine = bracket_order(size);
        let theirs = classic(size);
        let mut sorted = mine.clone();
        sorted.sort();
        assert_eq!(sorted, (1..=size).collect::<Vec<_>>(), "a permutation of the seeds");
        for s in 1..=size {
            for t in s + 1..=size {
                assert_eq!(
                    meeting_round(line_of(&mine, s), line_of(&mine, t)),
                    meeting_round(line_of(&theirs, s), line_of(&theirs, t)),
                    "seeds {s} and {t} in a bracket of {size}"
                );
            }
        }
        // Seed 1 in the top match and seed 2 in the bottom one.
        assert_eq!(mine[0], 1);
        assert!(mine[mine.len() - 2..].contains(&2));
    }
}

#[test]
fn every_field_from_2_to_64() {
    for n in 2..=64u32 {
        let size = bracket_size(n);
        assert!(size >= n && size < 2 * n.max(2), "bracket of {size} for {n}");
        let rounds = size.trailing_zeros();
        let mut t = Tournament::new(TournamentConfig::new(Format::SingleElimination), entrants(n)).unwrap();
        let lines = first_round_lines(&t, Bracket::Single);
        assert_eq!(lines.len() as u32, size);
        // The bracket holds every entrant once, in the standard places.
        let order = bracket_order(size);
        for (line, &s) in order.iter().enumerate() {
            let expected = (s <= n).then(|| EntrantIdx(s - 1));
            assert_eq!(lines[line], expected, "line {line} of the bracket for {n}");
        }
        let byes = size - n;
        for m in t.matches().iter().filter(|m| m.layout.round == 1) {
            let [a, b] = [m.entrant(Slot::A), m.entrant(Slot::B)];
            assert!(a.is_some() || b.is_some(), "a bye against a bye in {} for {n}", m.id);
            match (a, b) {
                (Some(a), None) | (None, Some(a)) => {
                    assert!(a.seed() <= byes, "seed {} got a bye with {n} entrants", a.seed());
                    assert_eq!(m.status, MatchStatus::Bye);
                    assert_eq!(m.winner, Some(a));
                }
                _ => {
                    assert_eq!(m.status, MatchStatus::Ready);
                    assert!(a.unwrap().seed() > byes && b.unwrap().seed() > byes);
                }
            }
        }
        // Seeds 1 and 2 can meet only in the final; seeds 1..4 not before
        // the semi-finals.
        let l = |s: u32| line_of(&order, s);
        assert_eq!(meeting_round(l(1), l(2)), rounds);
        if n >= 4 {
            for (s, u) in [(1, 3), (1, 4), (2, 3), (2, 4)] {
                assert!(meeting_round(l(s), l(u)) >= rounds - 1);
            }
        }
        // With results that follow seeding, the top seeds get where they
        // should: seed 1 beats seed 2 in the final.
        while !t.is_finished() {
            let id = t.ready_matches()[0].id.clone();
            let mut series = t.start_match(&id).unwrap();
            while let Some(req) = series.next_game() {
                let w = if req.entrants[0] < req.entrants[1] { Slot::A } else { Slot::B };
                series
                    .record_game(arena_tournament::GameResult {
                        winner: Some(w),
                        hit_points: [0, 0],
                        damage_dealt: [0, 0],
                    })
                    .unwrap();
            }
            t.record_result(&id, series.result().unwrap()).unwrap();
        }
        let f = t.match_by_id("F").unwrap();
        assert_eq!(f.entrants(), Some([EntrantIdx(0), EntrantIdx(1)]), "final for {n}");
        let rows = &t.standings().rows;
        assert_eq!((rows[0].place, rows[0].entrant), (1, EntrantIdx(0)));
        assert_eq!((rows[1].place, rows[1].entrant), (2, EntrantIdx(1)));
        if n >= 4 {
            assert_eq!((rows[2].place, rows[3].place), (3, 3));
        }
    }
}

#[test]
fn round_ids_and_names() {
    let t = Tournament::new(TournamentConfig::new(Format::SingleElimination), entrants(20)).unwrap();
    let ids: Vec<(&str, &str)> = t.matches().iter().map(|m| (m.id.as_str(), m.round_name.as_str())).collect();
    assert_eq!(ids[0], ("R32-1", "Round of 32"));
    assert_eq!(ids[16], ("R16-1", "Round of 16"));
    assert_eq!(ids[24], ("QF1", "Quarter-final"));
    assert_eq!(ids[28], ("SF1", "Semi-final"));
    assert_eq!(ids[30], ("F", "Final"));
    assert_eq!(ids.len(), 31);
    let qf2 = t.match_by_id("QF2").unwrap();
    assert_eq!(qf2.slots[0].source.describe(), "winner of R16-3");
    assert_eq!(qf2.slots[1].source.describe(), "winner of R16-4");
}

fn ids(v: &[Entrant]) -> Vec<&str> {
    v.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn seeding_modes() {
    let field = vec![
        Entrant::new("a", "A").with_rating(1500.0),
        Entrant::new("b", "B"),
        Entrant::new("c", "C").with_rating(1700.0),
        Entrant::new("d", "D").with_rating(1500.0),
        Entrant::new("e", "E"),
    ];
    assert_eq!(ids(&seed_entrants(&field, Seeding::AsGiven, 1).unwrap()), ["a", "b", "c", "d", "e"]);
    assert_eq!(ids(&seed_entrants(&field, Seeding::ByRating, 1).unwrap()), ["c", "a", "d", "b", "e"]);
    let s1 = seed_entrants(&field, Seeding::Shuffled, 1).unwrap();
    assert_eq!(s1, seed_entrants(&field, Seeding::Shuffled, 1).unwrap(), "the same seed, the same order");
    let mut sorted = ids(&s1);
    sorted.sort();
    assert_eq!(sorted, ["a", "b", "c", "d", "e"]);
    let orders: std::collections::BTreeSet<Vec<String>> = (0..20)
        .map(|seed| seed_entrants(&field, Seeding::Shuffled, seed).unwrap().into_iter().map(|e| e.id).collect())
        .collect();
    assert!(orders.len() > 5, "different seeds give different orders");
}

#[test]
fn bad_fields_are_refused() {
    let one = entrants(1);
    assert!(Tournament::new(TournamentConfig::new(Format::SingleElimination), one).is_err());
    let mut dup = entrants(3);
    dup[2].id = "e1".to_owned();
    let err = Tournament::new(TournamentConfig::new(Format::SingleElimination), dup).unwrap_err();
    assert!(err.to_string().contains("two entrants have the id `e1`"), "{err}");
    let err = Tournament::new(TournamentConfig::new(Format::SingleElimination).best_of(0), entrants(4)).unwrap_err();
    assert!(err.to_string().contains("best_of"), "{err}");
}
