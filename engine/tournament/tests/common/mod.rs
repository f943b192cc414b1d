//! Helpers shared by the integration tests: entrant lists, a deterministic
//! result oracle, and drivers that play a tournament to the end in a
//! canonical or a shuffled completion order.

#![allow(dead_code)]

use arena_tournament::{
    Entrant, EntrantIdx, GameRequest, GameResult, Series, SeriesResult, Slot, Tournament, game_seed,
};

/// `n` entrants `e1..en` named `Entrant 1..n`.
pub fn entrants(n: u32) -> Vec<Entrant> {
    (1..=n).map(|i| Entrant::new(format!("e{i}"), format!("Entrant {i}"))).collect()
}

/// A stable pseudo-random number from a seed, a match id and a game.
pub fn hash(seed: u64, id: &str, n: u32) -> u64 {
    game_seed(seed ^ 0x05ee_d0f0_ac1e, id, n)
}

/// The oracle's result of one game: depends only on (oracle seed, match
/// id, game number, entrants). The better seed wins a bit more often;
/// about one game in seven is drawn.
pub fn oracle_game(oracle: u64, req: &GameRequest) -> GameResult {
    let h = hash(oracle, &req.match_id, req.game);
    let [a, b] = req.entrants;
    let better = if a < b { Slot::A } else { Slot::B };
    let roll = h % 100;
    let winner = if roll < 14 {
        None
    } else if roll < 14 + 50 {
        Some(better)
    } else {
        Some(better.other())
    };
    let hp = [((h >> 8) % 4) as i64 * 250, ((h >> 12) % 4) as i64 * 250];
    let dmg = [((h >> 16) % 3) as i64 * 500, ((h >> 20) % 3) as i64 * 500];
    GameResult { winner, hit_points: hp, damage_dealt: dmg }
}

/// Plays a whole series with the oracle.
pub fn play_series(mut series: Series, oracle: u64) -> SeriesResult {
    while let Some(req) = series.next_game() {
        series.record_game(oracle_game(oracle, &req)).unwrap();
    }
    series.result().unwrap()
}

/// SplitMix64, for choosing completion orders.
pub struct Mix(pub u64);

impl Mix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Plays to the end, always the first ready match, start to finish.
pub fn run_canonical(t: &mut Tournament, oracle: u64) {
    let mut guard = 0;
    while !t.is_finished() {
        let id = t.ready_matches().first().expect("a ready match while not finished").id.clone();
        let series = t.start_match(&id).unwrap();
        t.record_result(&id, play_series(series, oracle)).unwrap();
        guard += 1;
        assert!(guard < 100_000, "the tournament does not end");
    }
}

/// Plays to the end like a thread pool would: starts ready matches and
/// finishes running ones in an order drawn from `order`.
pub fn run_shuffled(t: &mut Tournament, oracle: u64, order: u64) {
    let mut rng = Mix(order);
    let mut guard = 0;
    while !t.is_finished() {
        let ready: Vec<String> = t.ready_matches().iter().map(|m| m.id.clone()).collect();
        let running: Vec<String> = t.running_matches().iter().map(|m| m.id.clone()).collect();
        assert!(!ready.is_empty() || !running.is_empty(), "stuck: nothing ready or running");
        if !ready.is_empty() && (running.is_empty() || rng.below(3) > 0) {
            let id = &ready[rng.below(ready.len())];
            t.start_match(id).unwrap();
        } else {
            let id = &running[rng.below(running.len())];
            let series = t.series(id).unwrap();
            t.record_result(id, play_series(series, oracle)).unwrap();
        }
        guard += 1;
        assert!(guard < 100_000, "the tournament does not end");
    }
}

/// The entrant at each line of an elimination bracket's first round, from
/// the slots of its round-1 matches (`None` = bye).
pub fn first_round_lines(t: &Tournament, bracket: arena_tournament::Bracket) -> Vec<Option<EntrantIdx>> {
    let mut r1: Vec<_> = t.matches().iter().filter(|m| m.layout.bracket == bracket && m.layout.round == 1).collect();
    r1.sort_by_key(|m| m.layout.position);
    r1.iter().flat_map(|m| [m.entrant(Slot::A), m.entrant(Slot::B)]).collect()
}
