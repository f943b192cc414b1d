//! A match between two entrants: a best-of-N series of games, each game one
//! arena-sim match, with the knockout tie-breaks of GAME.md.

use arena_sim::{MatchKind, MatchOutcome, Side};
use serde::{Deserialize, Serialize};

use crate::rng::{coin_flip, game_seed};
use crate::{EntrantIdx, Error};

/// One of the two places in a match. The entrant in slot A is the better
/// seed where seeding says so; it plays on the left in odd-numbered games.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Slot {
    /// The first place (index 0).
    A,
    /// The second place (index 1).
    B,
}

impl Slot {
    /// Both slots, A first.
    pub const BOTH: [Slot; 2] = [Slot::A, Slot::B];

    /// 0 for A, 1 for B: the index into per-slot arrays.
    pub const fn index(self) -> usize {
        match self {
            Slot::A => 0,
            Slot::B => 1,
        }
    }

    /// The other slot.
    pub const fn other(self) -> Slot {
        match self {
            Slot::A => Slot::B,
            Slot::B => Slot::A,
        }
    }
}

/// What decided a series (GAME.md, "Breaking a drawn match where someone
/// must advance"): the tie-breaks, in the order they are tried.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieBreak {
    /// No tie-break was needed: game wins decided it (or, outside a
    /// knockout, the series stands as a draw).
    #[default]
    None,
    /// More hit points left, summed over all games.
    HitPoints,
    /// More damage dealt, summed over all games.
    Damage,
    /// The sudden-death game (first hit wins).
    SuddenDeath,
    /// A coin drawn from (tournament seed, match id) through ChaCha.
    Coin,
}

impl TieBreak {
    /// The tie-break in words, for the bracket ("decided on hit points").
    pub fn describe(self) -> &'static str {
        match self {
            TieBreak::None => "decided on game wins",
            TieBreak::HitPoints => "level on games, decided on hit points left",
            TieBreak::Damage => "level on games and hit points, decided on damage dealt",
            TieBreak::SuddenDeath => "level on games, hit points and damage, decided by sudden death",
            TieBreak::Coin => "level after sudden death, decided by the coin",
        }
    }
}

/// The game a series needs played next: the runner plays one arena-sim
/// match with these settings and gives its outcome back with
/// [`Series::record_outcome`] (or [`Series::record_game`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GameRequest {
    /// The match (series) this game belongs to.
    pub match_id: String,
    /// The game number, from 1. The sudden-death game follows the last
    /// ordinary one.
    pub game: u32,
    /// An ordinary game, or the sudden-death tie-break.
    pub kind: MatchKind,
    /// The arena-sim seed of this game, derived from (tournament seed, match
    /// id, game number).
    pub seed: u64,
    /// The slot whose entrant plays on the left: A in odd-numbered games, B
    /// in even-numbered ones.
    pub left: Slot,
    /// The entrants, by slot (A, B).
    pub entrants: [EntrantIdx; 2],
}

impl GameRequest {
    /// The entrant on the left side.
    pub fn left_entrant(&self) -> EntrantIdx {
        self.entrants[self.left.index()]
    }

    /// The entrant on the right side.
    pub fn right_entrant(&self) -> EntrantIdx {
        self.entrants[self.left.other().index()]
    }

    /// The entrants as arena-sim sides: `[left, right]`.
    pub fn sides(&self) -> [EntrantIdx; 2] {
        [self.left_entrant(), self.right_entrant()]
    }

    /// The slot of the entrant playing on `side`.
    pub fn slot_of(&self, side: Side) -> Slot {
        match side {
            Side::Left => self.left,
            Side::Right => self.left.other(),
        }
    }
}

/// The result of one game, seen by slot (not by side).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GameResult {
    /// The slot that won the game, or `None` for a drawn game.
    pub winner: Option<Slot>,
    /// Hit points left, summed over the game's rounds, by slot.
    pub hit_points: [i64; 2],
    /// Damage dealt, summed over the game's rounds, by slot.
    pub damage_dealt: [i64; 2],
}

impl GameResult {
    /// Converts an arena-sim outcome (by side) to a result by slot, using
    /// who played on which side in `request`.
    pub fn from_outcome(request: &GameRequest, outcome: &MatchOutcome) -> Self {
        let hp = outcome.total_hit_points();
        let dmg = outcome.total_damage_dealt();
        let mut hit_points = [0; 2];
        let mut damage_dealt = [0; 2];
        for side in Side::BOTH {
            let slot = request.slot_of(side).index();
            hit_points[slot] = hp[side.index()];
            damage_dealt[slot] = dmg[side.index()];
        }
        Self { winner: outcome.winner.map(|s| request.slot_of(s)), hit_points, damage_dealt }
    }
}

/// One game played in a series, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GameRecord {
    /// The game number, from 1.
    pub game: u32,
    /// Ordinary or sudden death.
    pub kind: MatchKind,
    /// The arena-sim seed it was played with.
    pub seed: u64,
    /// The slot that played on the left.
    pub left: Slot,
    /// The winning slot, or `None` for a drawn game.
    pub winner: Option<Slot>,
    /// Hit points left, summed over the game's rounds, by slot.
    pub hit_points: [i64; 2],
    /// Damage dealt, summed over the game's rounds, by slot.
    pub damage_dealt: [i64; 2],
}

/// A finished series: what [`Tournament::record_result`](crate::Tournament::record_result) takes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SeriesResult {
    /// The match.
    pub match_id: String,
    /// The entrants, by slot.
    pub entrants: [EntrantIdx; 2],
    /// Every game played, in order (the sudden-death game, if any, last).
    pub games: Vec<GameRecord>,
    /// Ordinary games won, by slot.
    pub score: [u32; 2],
    /// Hit points left over all ordinary games, by slot.
    pub hit_points: [i64; 2],
    /// Damage dealt over all ordinary games, by slot.
    pub damage_dealt: [i64; 2],
    /// The slot that won the series; `None` only for a drawn series outside
    /// a knockout.
    pub winner: Option<Slot>,
    /// What decided it.
    pub tie_break: TieBreak,
}

impl SeriesResult {
    /// The winning entrant, if any.
    pub fn winner_entrant(&self) -> Option<EntrantIdx> {
        self.winner.map(|s| self.entrants[s.index()])
    }

    /// The losing entrant, if any.
    pub fn loser_entrant(&self) -> Option<EntrantIdx> {
        self.winner.map(|s| self.entrants[s.other().index()])
    }

    /// Whether the series is a draw (only possible outside a knockout).
    pub fn is_draw(&self) -> bool {
        self.winner.is_none()
    }

    /// Points by slot: 1 for a win, ½ each for a draw.
    pub fn points(&self) -> [f64; 2] {
        match self.winner {
            Some(Slot::A) => [1.0, 0.0],
            Some(Slot::B) => [0.0, 1.0],
            None => [0.5, 0.5],
        }
    }
}

/// Where a series stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Progress {
    /// Another game is needed: its number and kind.
    Next(u32, MatchKind),
    /// Decided: the winner (`None` = a draw) and what decided it.
    Decided(Option<Slot>, TieBreak),
}

/// A best-of-N series between two entrants, game by game.
///
/// Games alternate sides (game 1: slot A on the left, game 2: slot B, ...).
/// The series ends as soon as its result can no longer change: someone has
/// more game wins than games remain to the other, or all N games are
/// played. Drawn games count for nobody. A series level after N games is a
/// draw unless it `must_decide` (a knockout): then total hit points left,
/// total damage dealt, one sudden-death game ([`next_game`](Self::next_game)
/// asks for it), and finally a coin from (tournament seed, match id) decide.
///
/// ```
/// use arena_tournament::{EntrantIdx, GameResult, Series, Slot, TieBreak};
///
/// let mut series = Series::new("SF1", [EntrantIdx(0), EntrantIdx(3)], 3, true, 42).unwrap();
/// while let Some(request) = series.next_game() {
///     // The runner plays arena-sim here, `request.left_entrant()` on the left,
///     // with `request.seed`, then reports the outcome by slot.
///     let result = GameResult { winner: Some(Slot::A), hit_points: [500, 0], damage_dealt: [1000, 500] };
///     series.record_game(result).unwrap();
/// }
/// let result = series.result().unwrap();
/// assert_eq!(result.winner_entrant(), Some(EntrantIdx(0)));
/// assert_eq!(result.score, [2, 0]);
/// assert_eq!(result.tie_break, TieBreak::None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    match_id: String,
    entrants: [EntrantIdx; 2],
    best_of: u32,
    must_decide: bool,
    tournament_seed: u64,
    games: Vec<GameRecord>,
}

impl Series {
    /// A series of at most `best_of` ordinary games. `must_decide` is true in
    /// a knockout, where a level series goes to the tie-breaks.
    pub fn new(
        match_id: impl Into<String>,
        entrants: [EntrantIdx; 2],
        best_of: u32,
        must_decide: bool,
        tournament_seed: u64,
    ) -> Result<Self, Error> {
        if best_of == 0 {
            return Err(Error::config("a series must be best of at least 1 game"));
        }
        if entrants[0] == entrants[1] {
            return Err(Error::config("a series needs two different entrants"));
        }
        Ok(Self { match_id: match_id.into(), entrants, best_of, must_decide, tournament_seed, games: Vec::new() })
    }

    /// The match id.
    pub fn match_id(&self) -> &str {
        &self.match_id
    }

    /// The entrants, by slot.
    pub fn entrants(&self) -> [EntrantIdx; 2] {
        self.entrants
    }

    /// The most ordinary games this series can take.
    pub fn best_of(&self) -> u32 {
        self.best_of
    }

    /// Whether a level series goes to the tie-breaks (knockouts).
    pub fn must_decide(&self) -> bool {
        self.must_decide
    }

    /// The games recorded so far.
    pub fn games(&self) -> &[GameRecord] {
        &self.games
    }

    fn progress(&self) -> Progress {
        let normal = || self.games.iter().filter(|g| g.kind == MatchKind::Normal);
        let played = normal().count() as u32;
        let mut wins = [0u32; 2];
        let mut hp = [0i64; 2];
        let mut dmg = [0i64; 2];
        for g in normal() {
            if let Some(w) = g.winner {
                wins[w.index()] += 1;
            }
            for i in 0..2 {
                hp[i] += g.hit_points[i];
                dmg[i] += g.damage_dealt[i];
            }
        }
        let remaining = self.best_of.saturating_sub(played);
        if wins[0].abs_diff(wins[1]) > remaining {
            let w = if wins[0] > wins[1] { Slot::A } else { Slot::B };
            return Progress::Decided(Some(w), TieBreak::None);
        }
        if remaining > 0 {
            return Progress::Next(played + 1, MatchKind::Normal);
        }
        if !self.must_decide {
            return Progress::Decided(None, TieBreak::None);
        }
        let higher = |v: [i64; 2]| match v[0].cmp(&v[1]) {
            std::cmp::Ordering::Greater => Some(Slot::A),
            std::cmp::Ordering::Less => Some(Slot::B),
            std::cmp::Ordering::Equal => None,
        };
        if let Some(w) = higher(hp) {
            return Progress::Decided(Some(w), TieBreak::HitPoints);
        }
        if let Some(w) = higher(dmg) {
            return Progress::Decided(Some(w), TieBreak::Damage);
        }
        match self.games.iter().find(|g| g.kind == MatchKind::SuddenDeath) {
            None => Progress::Next(played + 1, MatchKind::SuddenDeath),
            Some(g) => match g.winner {
                Some(w) => Progress::Decided(Some(w), TieBreak::SuddenDeath),
                None => {
                    let w = if coin_flip(self.tournament_seed, &self.match_id) { Slot::B } else { Slot::A };
                    Progress::Decided(Some(w), TieBreak::Coin)
                }
            },
        }
    }

    /// Whether the series is over.
    pub fn is_decided(&self) -> bool {
        matches!(self.progress(), Progress::Decided(..))
    }

    /// The game to play next, or `None` once the series is decided. A
    /// request of kind [`MatchKind::SuddenDeath`] is the third tie-break.
    pub fn next_game(&self) -> Option<GameRequest> {
        match self.progress() {
            Progress::Decided(..) => None,
            Progress::Next(game, kind) => Some(GameRequest {
                match_id: self.match_id.clone(),
                game,
                kind,
                seed: game_seed(self.tournament_seed, &self.match_id, game),
                left: if game % 2 == 1 { Slot::A } else { Slot::B },
                entrants: self.entrants,
            }),
        }
    }

    /// Records the result of the game [`next_game`](Self::next_game) asked
    /// for.
    pub fn record_game(&mut self, result: GameResult) -> Result<(), Error> {
        let request = self.next_game().ok_or_else(|| Error::SeriesDecided(self.match_id.clone()))?;
        self.games.push(GameRecord {
            game: request.game,
            kind: request.kind,
            seed: request.seed,
            left: request.left,
            winner: result.winner,
            hit_points: result.hit_points,
            damage_dealt: result.damage_dealt,
        });
        Ok(())
    }

    /// Records the arena-sim outcome of the game [`next_game`](Self::next_game)
    /// asked for, mapping sides to slots.
    pub fn record_outcome(&mut self, outcome: &MatchOutcome) -> Result<(), Error> {
        let request = self.next_game().ok_or_else(|| Error::SeriesDecided(self.match_id.clone()))?;
        self.record_game(GameResult::from_outcome(&request, outcome))
    }

    /// The result, once decided.
    pub fn result(&self) -> Option<SeriesResult> {
        let Progress::Decided(winner, tie_break) = self.progress() else {
            return None;
        };
        let mut score = [0u32; 2];
        let mut hit_points = [0i64; 2];
        let mut damage_dealt = [0i64; 2];
        for g in self.games.iter().filter(|g| g.kind == MatchKind::Normal) {
            if let Some(w) = g.winner {
                score[w.index()] += 1;
            }
            for i in 0..2 {
                hit_points[i] += g.hit_points[i];
                damage_dealt[i] += g.damage_dealt[i];
            }
        }
        Some(SeriesResult {
            match_id: self.match_id.clone(),
            entrants: self.entrants,
            games: self.games.clone(),
            score,
            hit_points,
            damage_dealt,
            winner,
            tie_break,
        })
    }

    /// Checks that `result` is exactly what this (fresh) series gives for
    /// the games it lists: same match, entrants, game numbers, kinds, seeds
    /// and sides, and the same decision.
    pub fn check_result(&self, result: &SeriesResult) -> Result<(), Error> {
        let id = &self.match_id;
        if result.match_id != *id {
            return Err(Error::inconsistent(id, format!("it names match `{}`", result.match_id)));
        }
        if result.entrants != self.entrants {
            return Err(Error::inconsistent(
                id,
                format!("it names entrants {:?} but the match is between {:?}", result.entrants, self.entrants),
            ));
        }
        let mut replay = self.clone();
        replay.games.clear();
        for g in &result.games {
            let Some(req) = replay.next_game() else {
                return Err(Error::inconsistent(
                    id,
                    format!("game {} was played after the series was already decided", g.game),
                ));
            };
            if (g.game, g.kind, g.seed, g.left) != (req.game, req.kind, req.seed, req.left) {
                return Err(Error::inconsistent(
                    id,
                    format!(
                        "game {} should be game {} ({:?}, seed {}, slot {:?} on the left)",
                        g.game, req.game, req.kind, req.seed, req.left
                    ),
                ));
            }
            replay.record_game(GameResult {
                winner: g.winner,
                hit_points: g.hit_points,
                damage_dealt: g.damage_dealt,
            })?;
        }
        match replay.result() {
            None => Err(Error::inconsistent(id, "the series is not finished: more games are needed")),
            Some(r) if r != *result => Err(Error::inconsistent(
                id,
                format!(
                    "its games give score {:?}, winner {:?} ({:?}), not score {:?}, winner {:?} ({:?})",
                    r.score, r.winner, r.tie_break, result.score, result.winner, result.tie_break
                ),
            )),
            Some(_) => Ok(()),
        }
    }
}
