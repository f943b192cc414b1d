//! Glicko-2 ratings over every game of the tournament.

use arena_sim::MatchKind;
use serde::{Deserialize, Serialize};
use skillratings::Outcomes;
use skillratings::glicko2::{Glicko2Config, Glicko2Rating, glicko2};

use crate::{Entrant, MatchRecord, MatchStatus, Slot};

/// An entrant's Glicko-2 rating after the games played so far.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// The rating (1500 is the starting average).
    pub rating: f64,
    /// The rating deviation: how uncertain the rating still is (350 at the
    /// start, lower with more games).
    pub deviation: f64,
    /// The Glicko-2 volatility.
    pub volatility: f64,
}

impl From<Glicko2Rating> for Rating {
    fn from(r: Glicko2Rating) -> Self {
        Self { rating: r.rating, deviation: r.deviation, volatility: r.volatility }
    }
}

/// Glicko-2 ratings (skillratings, default τ = 0.5) after every game of
/// every finished match, processed one game at a time in a canonical order:
/// matches in the tournament's match order (bracket order, round by round),
/// then game number; a sudden-death game counts as a game. Each entrant
/// starts from its [`Entrant::rating`] or 1500, with deviation 350. The
/// result depends only on the results, never on when they arrived.
pub fn glicko2_ratings(entrants: &[Entrant], matches: &[MatchRecord]) -> Vec<Rating> {
    let config = Glicko2Config::new();
    let mut ratings: Vec<Glicko2Rating> =
        entrants.iter().map(|e| Glicko2Rating { rating: e.rating.unwrap_or(1500.0), ..Glicko2Rating::new() }).collect();
    for m in matches.iter().filter(|m| m.status == MatchStatus::Finished) {
        let Some(result) = &m.result else { continue };
        let [a, b] = result.entrants.map(|e| e.index());
        for g in &result.games {
            let outcome = match g.winner {
                Some(Slot::A) => Outcomes::WIN,
                Some(Slot::B) => Outcomes::LOSS,
                None => Outcomes::DRAW,
            };
            debug_assert!(matches!(g.kind, MatchKind::Normal | MatchKind::SuddenDeath));
            let (ra, rb) = glicko2(&ratings[a], &ratings[b], &outcome, &config);
            ratings[a] = ra;
            ratings[b] = rb;
        }
    }
    ratings.into_iter().map(Rating::from).collect()
}
