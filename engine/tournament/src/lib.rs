//! # arena-tournament: formats, pairings, seeding, standings (pure)
//!
//! The tournament logic of Arena as pure code: no I/O, no threads, no
//! clocks, no wasm. A runner (elsewhere) plays the matches on threads and
//! uses this crate to know which matches are ready, to feed results back
//! and to read the standings. The whole state is one serializable
//! [`Tournament`], which the runner writes to `state.json` and the viewer
//! draws.
//!
//! ## Shape
//!
//! - [`Entrant`]s are put in seed order ([`Seeding`]: as given, by rating,
//!   or shuffled from the tournament seed); everything else refers to them
//!   by [`EntrantIdx`] (index 0 = seed 1).
//! - A [`Format`]: single elimination (standard seeding, byes to the top
//!   seeds), double elimination (losers' bracket, grand final with optional
//!   reset), round robin (circle method, legs), Swiss (score groups, no
//!   rematches, one bye at most, Buchholz cut-1 and Sonneborn–Berger), or
//!   groups then knockout (snake-dealt groups, a cross-seeded knockout).
//! - Every match is a [`MatchRecord`]: a stable id, a round name, a
//!   [`Layout`] for drawing, two slots whose [`Source`] is an entrant, a
//!   bye, or the winner or loser of another match. The tournament is a
//!   dependency graph: [`Tournament::ready_matches`] lists every match
//!   whose entrants are known, to be played in any order or in parallel.
//! - Every match is a best-of-N [`Series`] of games; each game is one
//!   arena-sim match with a seed derived from (tournament seed, match id,
//!   game number) and sides swapped game by game. In a knockout a level
//!   series is broken by hit points, damage, a sudden-death game, then a
//!   coin ([`TieBreak`]); a draw never eliminates both.
//! - [`Tournament::standings`] gives placings or tables, with Glicko-2
//!   ratings over every game (in a canonical order).
//!
//! The state never depends on the order in which results arrive: the same
//! results fed in any completion order give the same state.
//!
//! ## Running a tournament
//!
//! ```
//! use arena_tournament::{Entrant, Format, GameResult, Slot, Tournament, TournamentConfig};
//!
//! let entrants = vec![
//!     Entrant::new("ko", "Knockout Kid"),
//!     Entrant::new("zz", "Zoner"),
//!     Entrant::new("gr", "Grappler"),
//!     Entrant::new("tu", "Turtle"),
//! ];
//! let config = TournamentConfig::new(Format::DoubleElimination { grand_final_reset: true })
//!     .best_of(3)
//!     .seed(2024);
//! let mut t = Tournament::new(config, entrants).unwrap();
//! assert_eq!(t.ready_matches().len(), 2); // W1-1 and W1-2
//!
//! while !t.is_finished() {
//!     // A runner would start every ready match on its own thread.
//!     let id = t.ready_matches()[0].id.clone();
//!     let mut series = t.start_match(&id).unwrap();
//!     while let Some(game) = series.next_game() {
//!         // Play arena-sim: `game.sides()` = [left, right] entrants,
//!         // `game.seed`, `game.kind` (normal or sudden death); then
//!         // `series.record_outcome(&replay.outcome)`. Here slot A wins.
//!         let result = GameResult { winner: Some(Slot::A), hit_points: [300, 0], damage_dealt: [1000, 700] };
//!         series.record_game(result).unwrap();
//!     }
//!     t.record_result(&id, series.result().unwrap()).unwrap();
//!     let _state_json = serde_json::to_string(&t).unwrap(); // for the viewer
//! }
//! let top = &t.standings().rows[0];
//! assert_eq!((top.place, top.name.as_str()), (1, "Knockout Kid"));
//! ```

mod bracket;
mod config;
mod entrant;
mod error;
mod ratings;
mod record;
mod rng;
mod round_robin;
mod series;
mod standings;
mod swiss;
mod tournament;

pub use bracket::{
    bracket_order, bracket_size, cross_seed, drop_in_orders, group_letter, meeting_round, seed_band, snake_groups,
};
pub use config::{Format, GroupFormat, GroupStage, TournamentConfig};
pub use entrant::{Entrant, EntrantIdx, Seeding, seed_entrants};
pub use error::Error;
pub use ratings::{Rating, glicko2_ratings};
pub use record::{Bracket, Layout, MatchRecord, MatchStatus, Occupant, SlotInfo, Source};
pub use rng::{coin_flip, game_seed};
pub use round_robin::circle_schedule;
pub use series::{GameRecord, GameRequest, GameResult, Series, SeriesResult, Slot, TieBreak};
pub use standings::{GroupTable, Standing, Standings};
pub use tournament::{Group, SwissProgress, Tournament};
