//! Glicko-2 ratings beside the standings, and the configuration file.

mod common;

use arena_tournament::{
    Entrant, Format, GameResult, GroupFormat, Seeding, Slot, Tournament, TournamentConfig, glicko2_ratings,
};
use common::{entrants, run_canonical};

#[test]
fn ratings_follow_the_games() {
    // Seed 1 wins every game: it ends rated highest, seed 4 lowest, and the
    // deviations shrink from 350.
    let mut t = Tournament::new(TournamentConfig::new(Format::RoundRobin { legs: 1 }), entrants(4)).unwrap();
    while !t.is_finished() {
        let id = t.ready_matches()[0].id.clone();
        let mut s = t.start_match(&id).unwrap();
        while let Some(req) = s.next_game() {
            let w = if req.entrants[0] < req.entrants[1] { Slot::A } else { Slot::B };
            s.record_game(GameResult { winner: Some(w), hit_points: [0, 0], damage_dealt: [0, 0] }).unwrap();
        }
        t.record_result(&id, s.result().unwrap()).unwrap();
    }
    let rows = &t.standings().rows;
    let ratings: Vec<f64> = rows.iter().map(|r| r.rating).collect();
    assert!(ratings.windows(2).all(|w| w[0] > w[1]), "{ratings:?}");
    assert!(rows.iter().all(|r| r.deviation < 350.0));
    // The same computation from the matches gives the same numbers.
    let again = glicko2_ratings(t.entrants(), t.matches());
    for r in rows {
        assert_eq!(again[r.entrant.index()].rating, r.rating);
    }
}

#[test]
fn ratings_start_from_the_entrants_rating() {
    let field = vec![Entrant::new("a", "A").with_rating(1900.0), Entrant::new("b", "B")];
    let t = Tournament::new(TournamentConfig::new(Format::SingleElimination), field).unwrap();
    let rows = &t.standings().rows;
    assert_eq!((rows[0].rating, rows[0].deviation), (1900.0, 350.0));
    assert_eq!(rows[1].rating, 1500.0);
}

#[test]
fn by_rating_seeding_puts_the_best_rated_first() {
    let field = vec![
        Entrant::new("a", "A").with_rating(1400.0),
        Entrant::new("b", "B").with_rating(1800.0).with_author("kim"),
        Entrant::new("c", "C"),
    ];
    let t =
        Tournament::new(TournamentConfig::new(Format::SingleElimination).seeding(Seeding::ByRating), field).unwrap();
    let ids: Vec<&str> = t.entrants().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["b", "a", "c"]);
    assert_eq!(t.entrants()[0].author.as_deref(), Some("kim"));
}

#[test]
fn config_from_toml() {
    let c: TournamentConfig = toml::from_str(
        r#"
        seed = 7
        [format]
        type = "double-elimination"
        "#,
    )
    .unwrap();
    assert_eq!(c.format, Format::DoubleElimination { grand_final_reset: true });
    assert_eq!((c.best_of, c.seed, c.seeding), (3, 7, Seeding::AsGiven));

    let c: TournamentConfig = toml::from_str(
        r#"
        best_of = 5
        seeding = "shuffled"
        [format]
        type = "groups-then-knockout"
        group_size = 4
        group_format = "single-elimination"
        qualifiers_per_group = 2
        "#,
    )
    .unwrap();
    let Format::GroupsThenKnockout(stage) = &c.format else { panic!("{c:?}") };
    assert_eq!(stage.group_format, GroupFormat::SingleElimination);
    assert_eq!((stage.group_size, stage.qualifiers_per_group, stage.knockout_size), (4, 2, None));
    assert_eq!(c.best_of, 5);

    for (text, format) in [
        ("type = \"single-elimination\"", Format::SingleElimination),
        ("type = \"round-robin\"\nlegs = 2", Format::RoundRobin { legs: 2 }),
        ("type = \"swiss\"", Format::Swiss { rounds: None }),
        ("type = \"swiss\"\nrounds = 4", Format::Swiss { rounds: Some(4) }),
    ] {
        let c: TournamentConfig = toml::from_str(&format!("[format]\n{text}")).unwrap();
        assert_eq!(c.format, format);
    }
    // And a whole run from such a file works.
    let mut t = Tournament::new(c, entrants(9)).unwrap();
    run_canonical(&mut t, 1);
    assert!(t.standings().complete);
}
