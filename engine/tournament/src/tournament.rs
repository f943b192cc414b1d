//! The tournament: a dependency graph of matches, fed results in any order.

mod build;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use self::build::seeded_lines;
use crate::standings::{Standings, compute_standings, compute_standings_of};
use crate::{
    Bracket, Entrant, EntrantIdx, Error, Format, MatchRecord, MatchStatus, Occupant, Series, SeriesResult, Slot,
    Source, TournamentConfig, seed_entrants,
};

/// A group of the group stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// "Group A", "Group B", ...
    pub name: String,
    /// Its members, best seed first.
    pub members: Vec<EntrantIdx>,
}

/// Progress of a Swiss tournament.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwissProgress {
    /// Rounds to play.
    pub rounds: u32,
    /// Rounds paired so far.
    pub paired: u32,
    /// Set when a round could not be paired without a rematch or a second
    /// bye: the tournament ended after the rounds already paired.
    pub ended_early: bool,
}

/// A whole tournament: entrants in seed order, every match with its slots,
/// status and result, and the standings. Serializable as the runner's
/// `state.json`; the viewer draws the bracket from it.
///
/// The state depends only on the configuration, the entrants and the
/// results, never on the order in which results arrive.
///
/// ```
/// use arena_tournament::{Entrant, Format, Tournament, TournamentConfig};
///
/// let entrants: Vec<Entrant> =
///     (1..=5).map(|i| Entrant::new(format!("bot-{i}"), format!("Bot {i}"))).collect();
/// let config = TournamentConfig::new(Format::SingleElimination).seed(7);
/// let mut t = Tournament::new(config, entrants).unwrap();
/// while !t.is_finished() {
///     let id = t.ready_matches()[0].id.clone();
///     let mut series = t.start_match(&id).unwrap();
///     while let Some(game) = series.next_game() {
///         // The runner plays arena-sim here: `game.sides()` with `game.seed`
///         // and `game.kind`, then `series.record_outcome(&replay.outcome)`.
///         // Here the better seed (lower index) always wins.
///         let winner = if game.entrants[0] < game.entrants[1] { arena_tournament::Slot::A } else { arena_tournament::Slot::B };
///         series.record_game(arena_tournament::GameResult {
///             winner: Some(winner), hit_points: [0, 0], damage_dealt: [0, 0],
///         }).unwrap();
///     }
///     t.record_result(&id, series.result().unwrap()).unwrap();
/// }
/// assert_eq!(t.standings().rows[0].name, "Bot 1");
/// let json = serde_json::to_string(&t).unwrap();
/// let back: Tournament = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, t);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tournament {
    config: TournamentConfig,
    entrants: Vec<Entrant>,
    matches: Vec<MatchRecord>,
    groups: Vec<Group>,
    swiss: Option<SwissProgress>,
    knockout_filled: bool,
    finished: bool,
    standings: Standings,
}

impl Tournament {
    /// Builds a tournament: seeds the entrants ([`TournamentConfig::seeding`])
    /// and lays out every match that can be laid out now (all of them,
    /// except later Swiss rounds). Byes are resolved at once.
    pub fn new(config: TournamentConfig, entrants: Vec<Entrant>) -> Result<Self, Error> {
        if config.best_of == 0 {
            return Err(Error::config("best_of must be at least 1"));
        }
        let entrants = seed_entrants(&entrants, config.seeding, config.seed)?;
        let n = entrants.len() as u32;
        let mut t = Tournament {
            config: config.clone(),
            entrants,
            matches: Vec::new(),
            groups: Vec::new(),
            swiss: None,
            knockout_filled: false,
            finished: false,
            standings: Standings::default(),
        };
        let seeds: Vec<EntrantIdx> = (0..n).map(EntrantIdx).collect();
        match &config.format {
            Format::SingleElimination => {
                let lines = seeded_lines(&seeds);
                t.build_knockout(&lines, Bracket::Single, "", "");
            }
            Format::DoubleElimination { grand_final_reset } => {
                t.build_double(&seeds, *grand_final_reset);
            }
            Format::RoundRobin { legs } => {
                if *legs == 0 {
                    return Err(Error::config("a round robin needs at least 1 leg"));
                }
                t.build_round_robin(&seeds, *legs, Bracket::Rounds, "", "Round");
            }
            Format::Swiss { rounds } => t.build_swiss(*rounds)?,
            Format::GroupsThenKnockout(stage) => t.build_groups(stage)?,
        }
        t.advance();
        Ok(t)
    }

    /// The configuration.
    pub fn config(&self) -> &TournamentConfig {
        &self.config
    }

    /// Checks what a tournament read from a file must hold before anything
    /// indexes by it: every entrant a match, a group, a result or a
    /// standings row names is one of the entrants. A `state.json` that
    /// breaks this was damaged or crafted.
    pub fn check_entrants(&self) -> Result<(), Error> {
        let n = self.entrants.len();
        let check = |idx: EntrantIdx, what: &dyn Fn() -> String| {
            if (idx.0 as usize) < n {
                Ok(())
            } else {
                Err(Error::config(format!("{} names entrant {}, but there are only {n}", what(), idx.0)))
            }
        };
        for m in &self.matches {
            let at = || format!("match {}", m.id);
            for slot in &m.slots {
                if let Source::Entrant { entrant } = slot.source {
                    check(entrant, &at)?;
                }
                if let Occupant::Entrant(entrant) = slot.occupant {
                    check(entrant, &at)?;
                }
            }
            for idx in m.winner.iter().chain(&m.loser) {
                check(*idx, &at)?;
            }
            if let Some(result) = &m.result {
                for idx in result.entrants {
                    check(idx, &at)?;
                }
            }
        }
        for g in &self.groups {
            for idx in &g.members {
                check(*idx, &|| g.name.clone())?;
            }
        }
        let tables = std::iter::once(&self.standings.rows).chain(self.standings.groups.iter().map(|g| &g.rows));
        for row in tables.flatten() {
            check(row.entrant, &|| "the standings".to_owned())?;
        }
        Ok(())
    }

    /// The entrants in seed order: [`EntrantIdx`] `i` is `entrants()[i]`,
    /// seed `i + 1`.
    pub fn entrants(&self) -> &[Entrant] {
        &self.entrants
    }

    /// The entrant at `idx`.
    pub fn entrant(&self, idx: EntrantIdx) -> Option<&Entrant> {
        self.entrants.get(idx.index())
    }

    /// Every match laid out so far, in canonical order (bracket order,
    /// round by round; later Swiss rounds are appended as they are paired).
    pub fn matches(&self) -> &[MatchRecord] {
        &self.matches
    }

    /// The match with this id.
    pub fn match_by_id(&self, id: &str) -> Option<&MatchRecord> {
        self.matches.iter().find(|m| m.id == id)
    }

    /// The groups (group stage formats only).
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Swiss progress (Swiss only).
    pub fn swiss(&self) -> Option<&SwissProgress> {
        self.swiss.as_ref()
    }

    /// Matches whose two entrants are known and that nobody has started, in
    /// canonical order. Any of them may be played now, in parallel.
    pub fn ready_matches(&self) -> Vec<&MatchRecord> {
        self.matches.iter().filter(|m| m.status == MatchStatus::Ready).collect()
    }

    /// Matches started and not finished.
    pub fn running_matches(&self) -> Vec<&MatchRecord> {
        self.matches.iter().filter(|m| m.status == MatchStatus::Running).collect()
    }

    /// Whether every match is decided and no more will be made.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// The standings: final placings for elimination formats; a table
    /// (points, wins, draws, losses, tie-breaks) for round robin and Swiss;
    /// group tables then knockout placings for groups. Ratings beside each.
    pub fn standings(&self) -> &Standings {
        &self.standings
    }

    /// The standings as they stood with only the finished matches that
    /// `revealed` accepts counted, ordered by the same rules as
    /// [`Self::standings`]: a projector revealing results one by one shows
    /// tables that never reshuffle when the last match is revealed. Equal
    /// to [`Self::standings`] when every match is revealed.
    pub fn standings_revealed(&self, revealed: impl Fn(&MatchRecord) -> bool) -> Standings {
        compute_standings_of(self, &revealed)
    }

    fn index_of(&self, id: &str) -> Result<usize, Error> {
        self.matches.iter().position(|m| m.id == id).ok_or_else(|| Error::UnknownMatch(id.to_owned()))
    }

    /// The series to play for a ready (or running) match, without marking it
    /// started.
    pub fn series(&self, id: &str) -> Result<Series, Error> {
        let m = &self.matches[self.index_of(id)?];
        match m.status {
            MatchStatus::Ready | MatchStatus::Running => {}
            MatchStatus::Finished => return Err(Error::AlreadyFinished(id.to_owned())),
            s => {
                return Err(Error::NotPlayable { id: id.to_owned(), status: s.describe().to_owned() });
            }
        }
        let entrants = m.entrants().expect("a ready match has both entrants");
        Series::new(m.id.clone(), entrants, m.best_of, m.must_decide, self.config.seed)
    }

    /// Marks a ready match as started (it leaves [`ready_matches`](Self::ready_matches))
    /// and returns the series to play.
    pub fn start_match(&mut self, id: &str) -> Result<Series, Error> {
        let series = self.series(id)?;
        let i = self.index_of(id)?;
        self.matches[i].status = MatchStatus::Running;
        Ok(series)
    }

    /// Puts every started, unfinished match back to ready (after a runner
    /// restarts from a saved state).
    pub fn restart_running(&mut self) {
        for m in &mut self.matches {
            if m.status == MatchStatus::Running {
                m.status = MatchStatus::Ready;
            }
        }
    }

    /// Records the result of a ready or running match. The result is checked
    /// against the match (entrants, game seeds and sides, and that its games
    /// give its decision). Winners and losers move on; byes, the next Swiss
    /// round and the knockout after the groups follow at once.
    pub fn record_result(&mut self, id: &str, result: SeriesResult) -> Result<(), Error> {
        let series = self.series(id)?;
        series.check_result(&result)?;
        let i = self.index_of(id)?;
        let m = &mut self.matches[i];
        m.winner = result.winner_entrant();
        m.loser = result.loser_entrant();
        m.result = Some(result);
        m.status = MatchStatus::Finished;
        self.advance();
        Ok(())
    }

    // ----- moving on -----

    /// Resolves slots, pairs Swiss rounds, fills the knockout, and updates
    /// `finished` and the standings; repeats until nothing changes.
    fn advance(&mut self) {
        loop {
            self.resolve();
            if self.pair_swiss_round() || self.fill_knockout() {
                continue;
            }
            break;
        }
        let swiss_done = self.swiss.as_ref().is_none_or(|s| s.ended_early || s.paired == s.rounds);
        let groups_done = self.groups.is_empty() || self.knockout_filled;
        self.finished = swiss_done && groups_done && self.matches.iter().all(|m| m.status.is_done());
        self.standings = compute_standings(self);
    }

    /// Fills in slots whose source is decided and updates waiting matches.
    fn resolve(&mut self) {
        let index: BTreeMap<String, usize> = self.matches.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
        loop {
            let mut changed = false;
            for i in 0..self.matches.len() {
                if self.matches[i].status != MatchStatus::Waiting {
                    continue;
                }
                if let Some(&gf) = self.matches[i].reset_of.as_ref().and_then(|of| index.get(of)) {
                    let gf = &self.matches[gf];
                    if gf.status.is_done() && gf.winner.is_some() && gf.winner == gf.entrant(Slot::A) {
                        self.matches[i].status = MatchStatus::Skipped;
                        changed = true;
                        continue;
                    }
                }
                for s in 0..2 {
                    if self.matches[i].slots[s].occupant != Occupant::Unknown {
                        continue;
                    }
                    let occupant = match &self.matches[i].slots[s].source {
                        Source::Entrant { entrant } => Occupant::Entrant(*entrant),
                        Source::Bye => Occupant::Bye,
                        Source::Qualifier { .. } => Occupant::Unknown,
                        Source::Winner { of } | Source::Loser { of } => {
                            let winner = matches!(self.matches[i].slots[s].source, Source::Winner { .. });
                            let Some(&from) = index.get(of) else { continue };
                            let from = &self.matches[from];
                            match from.status {
                                MatchStatus::Finished | MatchStatus::Bye => {
                                    let e = if winner { from.winner } else { from.loser };
                                    e.map_or(Occupant::Bye, Occupant::Entrant)
                                }
                                MatchStatus::Skipped => Occupant::Bye,
                                _ => Occupant::Unknown,
                            }
                        }
                    };
                    if occupant != Occupant::Unknown {
                        self.matches[i].slots[s].occupant = occupant;
                        changed = true;
                    }
                }
                let m = &mut self.matches[i];
                let [a, b] = [m.slots[0].occupant, m.slots[1].occupant];
                if a == Occupant::Unknown || b == Occupant::Unknown {
                    continue;
                }
                changed = true;
                match (a, b) {
                    (Occupant::Entrant(_), Occupant::Entrant(_)) => m.status = MatchStatus::Ready,
                    (Occupant::Entrant(e), _) | (_, Occupant::Entrant(e)) => {
                        m.status = MatchStatus::Bye;
                        m.winner = Some(e);
                    }
                    _ => m.status = MatchStatus::Bye,
                }
            }
            if !changed {
                break;
            }
        }
    }
}
