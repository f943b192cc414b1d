//! Double elimination: the losers' bracket layout and drop-in order, two
//! losses to go out, and the grand final with its reset.

mod common;

use arena_tournament::{EntrantIdx, Format, GameResult, MatchStatus, Slot, Source, Tournament, TournamentConfig};
use common::{entrants, run_canonical};

fn de(n: u32, reset: bool) -> Tournament {
    Tournament::new(TournamentConfig::new(Format::DoubleElimination { grand_final_reset: reset }).seed(11), entrants(n))
        .unwrap()
}

fn src(s: &Source) -> String {
    match s {
        Source::Entrant { entrant } => format!("#{}", entrant.seed()),
        Source::Bye => "bye".to_owned(),
        Source::Winner { of } => format!("W:{of}"),
        Source::Loser { of } => format!("L:{of}"),
        Source::Qualifier { line } => format!("Q{line}"),
    }
}

/// Every match of the bracket as "id (round name): source A v source B".
fn layout(t: &Tournament) -> Vec<String> {
    t.matches()
        .iter()
        .map(|m| format!("{} ({}): {} v {}", m.id, m.round_name, src(&m.slots[0].source), src(&m.slots[1].source)))
        .collect()
}

#[test]
fn eight_entrant_layout_and_drop_in_order() {
    let expected = [
        "W1-1 (Winners round 1): #1 v #8",
        "W1-2 (Winners round 1): #4 v #5",
        "W1-3 (Winners round 1): #3 v #6",
        "W1-4 (Winners round 1): #2 v #7",
        "W2-1 (Winners semi-final): W:W1-1 v W:W1-2",
        "W2-2 (Winners semi-final): W:W1-3 v W:W1-4",
        "W3-1 (Winners final): W:W2-1 v W:W2-2",
        "L1-1 (Losers round 1): L:W1-1 v L:W1-2",
        "L1-2 (Losers round 1): L:W1-3 v L:W1-4",
        // The winners' semi-final losers drop in crosswise, so that nobody
        // meets the entrant it lost to in round 1 straight away.
        "L2-1 (Losers round 2): W:L1-1 v L:W2-2",
        "L2-2 (Losers round 2): W:L1-2 v L:W2-1",
        "L3-1 (Losers round 3): W:L2-1 v W:L2-2",
        "L4-1 (Losers final): W:L3-1 v L:W3-1",
        "GF (Grand final): W:W3-1 v W:L4-1",
        "GF2 (Grand final reset): L:GF v W:GF",
    ];
    assert_eq!(layout(&de(8, true)), expected);
}

#[test]
fn small_fields() {
    assert_eq!(layout(&de(2, false)), ["W1-1 (Winners final): #1 v #2", "GF (Grand final): W:W1-1 v L:W1-1"]);
    let t = de(3, true);
    assert_eq!(
        layout(&t),
        [
            "W1-1 (Winners semi-final): #1 v bye",
            "W1-2 (Winners semi-final): #2 v #3",
            "W2-1 (Winners final): W:W1-1 v W:W1-2",
            "L1-1 (Losers round 1): L:W1-1 v L:W1-2",
            "L2-1 (Losers final): W:L1-1 v L:W2-1",
            "GF (Grand final): W:W2-1 v W:L2-1",
            "GF2 (Grand final reset): L:GF v W:GF",
        ]
    );
    assert_eq!(t.ready_matches().iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["W1-2"]);
}

/// Losses per entrant in played matches.
fn losses(t: &Tournament) -> Vec<u32> {
    let mut v = vec![0; t.entrants().len()];
    for m in t.matches().iter().filter(|m| m.status == MatchStatus::Finished) {
        if let Some(l) = m.loser {
            v[l.index()] += 1;
        }
    }
    v
}

#[test]
fn out_only_after_two_losses() {
    for n in 2..=24 {
        for oracle in 0..4 {
            let mut t = de(n, true);
            run_canonical(&mut t, oracle);
            let losses = losses(&t);
            let rows = &t.standings().rows;
            assert_eq!(rows.iter().filter(|r| r.alive).count(), 1);
            for r in rows {
                let l = losses[r.entrant.index()];
                if r.place == 1 {
                    assert!(l <= 1, "the champion lost {l} times ({n} entrants)");
                    assert!(r.alive);
                } else {
                    assert_eq!(l, 2, "{} out after {l} losses ({n} entrants, oracle {oracle})", r.name);
                    assert!(r.eliminated_in.is_some());
                }
            }
            // Places of a double elimination of 8: 1, 2, 3, 4, 5, 5, 7, 7.
            if n == 8 {
                let places: Vec<u32> = rows.iter().map(|r| r.place).collect();
                assert_eq!(places, [1, 2, 3, 4, 5, 5, 7, 7]);
            }
        }
    }
}

/// Plays the bracket with the better seed winning, except that `upset`
/// wins every match it plays.
fn play(t: &mut Tournament, upset: Option<EntrantIdx>) {
    while !t.is_finished() {
        let id = t.ready_matches()[0].id.clone();
        let mut s = t.start_match(&id).unwrap();
        while let Some(req) = s.next_game() {
            let [a, b] = req.entrants;
            let w = if Some(a) == upset {
                Slot::A
            } else if Some(b) == upset {
                Slot::B
            } else if a < b {
                Slot::A
            } else {
                Slot::B
            };
            s.record_game(GameResult { winner: Some(w), hit_points: [0, 0], damage_dealt: [0, 0] }).unwrap();
        }
        t.record_result(&id, s.result().unwrap()).unwrap();
    }
}

#[test]
fn grand_final_reset() {
    // Seed 1 wins everything: the reset is not needed.
    let mut t = de(8, true);
    play(&mut t, None);
    assert_eq!(t.match_by_id("GF").unwrap().winner, Some(EntrantIdx(0)));
    assert_eq!(t.match_by_id("GF2").unwrap().status, MatchStatus::Skipped);
    assert_eq!(t.standings().rows[0].entrant, EntrantIdx(0));
    assert_eq!(t.standings().rows[1].eliminated_in.as_deref(), Some("GF"));

    // Seed 3 loses in the winners' bracket to seed 2, then wins everything:
    // it takes the grand final, which forces the reset, and wins that too.
    let mut t = de(8, true);
    // Better seed wins until seed 3 has dropped; then seed 3 always wins.
    while t.match_by_id("W2-2").unwrap().status != MatchStatus::Finished {
        let id = t.ready_matches()[0].id.clone();
        let s = t.start_match(&id).unwrap();
        let mut s2 = s.clone();
        while let Some(req) = s2.next_game() {
            let w = if req.entrants[0] < req.entrants[1] { Slot::A } else { Slot::B };
            s2.record_game(GameResult { winner: Some(w), hit_points: [0, 0], damage_dealt: [0, 0] }).unwrap();
        }
        t.record_result(&id, s2.result().unwrap()).unwrap();
    }
    assert_eq!(t.match_by_id("W2-2").unwrap().loser, Some(EntrantIdx(2)));
    play(&mut t, Some(EntrantIdx(2)));
    let gf = t.match_by_id("GF").unwrap();
    assert_eq!(gf.winner, Some(EntrantIdx(2)));
    let gf2 = t.match_by_id("GF2").unwrap();
    assert_eq!(gf2.status, MatchStatus::Finished);
    assert_eq!(gf2.winner, Some(EntrantIdx(2)));
    let rows = &t.standings().rows;
    assert_eq!((rows[0].entrant, rows[0].place), (EntrantIdx(2), 1));
    assert_eq!((rows[1].entrant, rows[1].place), (EntrantIdx(0), 2));
    assert_eq!(rows[1].eliminated_in.as_deref(), Some("GF2"));

    // Without a reset, the grand final decides it alone.
    let mut t = de(4, false);
    play(&mut t, Some(EntrantIdx(3)));
    assert!(t.match_by_id("GF2").is_none());
    assert_eq!(t.standings().rows[0].entrant, EntrantIdx(3));
}
