//! Round robin: every pair once per leg, sides balanced, the table.

mod common;

use std::collections::BTreeMap;

use arena_tournament::{EntrantIdx, Format, GameResult, Slot, Tournament, TournamentConfig, circle_schedule};
use common::{entrants, run_canonical};

#[test]
fn every_pair_once_per_leg_and_sides_balanced() {
    for n in 2..=21u32 {
        for legs in 1..=3u32 {
            let t = Tournament::new(TournamentConfig::new(Format::RoundRobin { legs }), entrants(n)).unwrap();
            let rounds_per_leg = if n % 2 == 0 { n - 1 } else { n };
            type Meetings = Vec<(u32, [u32; 2])>;
            let mut seen: BTreeMap<(u32, u32), Meetings> = BTreeMap::new();
            let mut per_round: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
            for m in t.matches() {
                let [a, b] = m.entrants().unwrap().map(|e| e.0);
                let leg = (m.layout.round - 1) / rounds_per_leg;
                seen.entry((a.min(b), a.max(b))).or_default().push((leg, [a, b]));
                per_round.entry(m.layout.round).or_default().extend([a, b]);
                assert_eq!(m.id, format!("R{}-M{}", m.layout.round, m.layout.position));
                assert!(!m.must_decide);
            }
            assert_eq!(seen.len() as u32, n * (n - 1) / 2, "every pair meets ({n} entrants)");
            for (pair, meetings) in &seen {
                assert_eq!(meetings.len() as u32, legs, "{pair:?} meets once per leg");
                for (i, (leg, sides)) in meetings.iter().enumerate() {
                    assert_eq!(*leg, i as u32);
                    // Sides swap from leg to leg.
                    if i > 0 {
                        assert_eq!(sides[0], meetings[i - 1].1[1]);
                    }
                }
            }
            assert_eq!(per_round.len() as u32, rounds_per_leg * legs);
            for (round, players) in &per_round {
                let mut p = players.clone();
                p.sort();
                p.dedup();
                assert_eq!(p.len(), players.len(), "someone plays twice in round {round}");
                assert_eq!(p.len() as u32, n - n % 2, "all but one (odd) play in round {round}");
            }
        }
    }
}

#[test]
fn slot_a_and_b_balance_within_one() {
    for n in 2..=30usize {
        let schedule = circle_schedule(n);
        let mut balance = vec![0i32; n];
        for round in &schedule {
            for &[a, b] in round {
                balance[a] += 1;
                balance[b] -= 1;
            }
        }
        assert!(balance.iter().all(|b| b.abs() <= 1), "{n}: {balance:?}");
        // An even field: everyone but the fixed player alternates sides
        // except once, when it passes the fixed position.
        if n % 2 == 0 && n >= 4 {
            for p in 1..n {
                let sides: Vec<bool> =
                    schedule.iter().map(|r| r.iter().find(|m| m.contains(&p)).map(|m| m[0] == p).unwrap()).collect();
                let breaks = sides.windows(2).filter(|w| w[0] == w[1]).count();
                assert!(breaks <= 1, "player {p} of {n} has {breaks} breaks: {sides:?}");
            }
        }
    }
}

#[test]
fn table_points_and_sonneborn_berger() {
    // Four entrants; every game goes to the better seed except that 4 draws
    // with everyone: games drawn, so those series are drawn.
    let mut t = Tournament::new(TournamentConfig::new(Format::RoundRobin { legs: 1 }).best_of(1), entrants(4)).unwrap();
    while !t.is_finished() {
        let id = t.ready_matches()[0].id.clone();
        let mut s = t.start_match(&id).unwrap();
        while let Some(req) = s.next_game() {
            let [a, b] = req.entrants;
            let w = if a == EntrantIdx(3) || b == EntrantIdx(3) {
                None
            } else if a < b {
                Some(Slot::A)
            } else {
                Some(Slot::B)
            };
            s.record_game(GameResult { winner: w, hit_points: [0, 0], damage_dealt: [0, 0] }).unwrap();
        }
        t.record_result(&id, s.result().unwrap()).unwrap();
    }
    let rows = &t.standings().rows;
    type Line = (u32, u32, f64, u32, u32, u32, Option<f64>);
    let got: Vec<Line> = rows
        .iter()
        .map(|r| (r.place, r.entrant.seed(), r.points, r.wins, r.draws, r.losses, r.sonneborn_berger))
        .collect();
    // Points: 1: 2.5, 2: 1.5, 4: 1.5, 3: 0.5. SB: 2 = beat 3 (0.5) + half of 4 (0.75) = 1.25;
    // 4 = half of (2.5 + 1.5 + 0.5) = 2.25: 4 ahead of 2.
    assert_eq!(
        got,
        [
            (1, 1, 2.5, 2, 1, 0, Some(2.75)),
            (2, 4, 1.5, 0, 3, 0, Some(2.25)),
            (3, 2, 1.5, 1, 1, 1, Some(1.25)),
            (4, 3, 0.5, 0, 1, 2, Some(0.75)),
        ]
    );
    assert!(t.standings().complete);
}

#[test]
fn runs_to_the_end_with_draws() {
    for n in [2, 3, 7, 10] {
        let mut t = Tournament::new(TournamentConfig::new(Format::RoundRobin { legs: 2 }), entrants(n)).unwrap();
        assert_eq!(t.ready_matches().len() as u32, n * (n - 1), "all matches are ready at once");
        run_canonical(&mut t, 5);
        let total: f64 = t.standings().rows.iter().map(|r| r.points).sum();
        assert_eq!(total, f64::from(n * (n - 1)), "one point per match");
    }
}
