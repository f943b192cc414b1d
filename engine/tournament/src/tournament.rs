//! The tournament: a dependency graph of matches, fed results in any order.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::bracket::{
    bracket_order, bracket_size, cross_seed, drop_in_orders, group_letter, knockout_match_code, knockout_round,
    snake_groups,
};
use crate::round_robin::circle_schedule;
use crate::standings::{Standings, compute_standings, compute_standings_of, group_table_order};
use crate::swiss::{SwissPlayer, pair_round};
use crate::{
    Bracket, Entrant, EntrantIdx, Error, Format, GroupFormat, GroupStage, Layout, MatchRecord, MatchStatus, Occupant,
    Series, SeriesResult, Slot, SlotInfo, Source, TournamentConfig, seed_entrants,
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
            Format::Swiss { rounds } => {
                let max = if n.is_multiple_of(2) { n - 1 } else { n };
                let rounds = rounds.unwrap_or_else(|| ceil_log2(n).max(1));
                if rounds == 0 || rounds > max {
                    return Err(Error::config(format!(
                        "a Swiss tournament of {n} entrants can have 1 to {max} rounds, not {rounds}"
                    )));
                }
                t.swiss = Some(SwissProgress { rounds, paired: 0, ended_early: false });
            }
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

    // ----- building -----

    fn push(
        &mut self,
        id: String,
        round_name: String,
        layout: Layout,
        sources: [Source; 2],
        must_decide: bool,
        eliminates: Option<u32>,
    ) {
        let [a, b] = sources;
        self.matches.push(MatchRecord {
            id,
            round_name,
            layout,
            slots: [
                SlotInfo { source: a, occupant: Occupant::Unknown },
                SlotInfo { source: b, occupant: Occupant::Unknown },
            ],
            best_of: self.config.best_of,
            must_decide,
            status: MatchStatus::Waiting,
            result: None,
            winner: None,
            loser: None,
            eliminates,
            reset_of: None,
        });
    }

    /// A single-elimination bracket over `lines` (a power of two). Returns
    /// the ids of each round's matches.
    fn build_knockout(
        &mut self,
        lines: &[Source],
        bracket: Bracket,
        id_prefix: &str,
        name_prefix: &str,
    ) -> Vec<Vec<String>> {
        let size = lines.len() as u32;
        let rounds = size.trailing_zeros();
        let mut ids: Vec<Vec<String>> = Vec::new();
        for r in 1..=rounds {
            let count = size >> r;
            let mut round_ids = Vec::new();
            for p in 1..=count {
                let id = format!("{id_prefix}{}", knockout_match_code(r, rounds, p));
                let (_, name) = knockout_round(r, rounds);
                let name = if name_prefix.is_empty() { name } else { format!("{name_prefix} {}", name.to_lowercase()) };
                let sources = if r == 1 {
                    [lines[(2 * p - 2) as usize].clone(), lines[(2 * p - 1) as usize].clone()]
                } else {
                    let prev = &ids[(r - 2) as usize];
                    [
                        Source::Winner { of: prev[(2 * p - 2) as usize].clone() },
                        Source::Winner { of: prev[(2 * p - 1) as usize].clone() },
                    ]
                };
                let layout = Layout { bracket, round: r, position: p };
                self.push(id.clone(), name, layout, sources, true, Some(r));
                round_ids.push(id);
            }
            ids.push(round_ids);
        }
        ids
    }

    fn build_double(&mut self, seeds: &[EntrantIdx], reset: bool) {
        let lines = seeded_lines(seeds);
        let size = lines.len() as u32;
        let rounds = size.trailing_zeros();
        // Winners' bracket.
        let mut w: Vec<Vec<String>> = Vec::new();
        for r in 1..=rounds {
            let count = size >> r;
            let name = if r == rounds {
                "Winners final".to_owned()
            } else if r + 1 == rounds {
                "Winners semi-final".to_owned()
            } else {
                format!("Winners round {r}")
            };
            let mut ids = Vec::new();
            for p in 1..=count {
                let id = format!("W{r}-{p}");
                let sources = if r == 1 {
                    [lines[(2 * p - 2) as usize].clone(), lines[(2 * p - 1) as usize].clone()]
                } else {
                    let prev = &w[(r - 2) as usize];
                    [
                        Source::Winner { of: prev[(2 * p - 2) as usize].clone() },
                        Source::Winner { of: prev[(2 * p - 1) as usize].clone() },
                    ]
                };
                let layout = Layout { bracket: Bracket::Winners, round: r, position: p };
                self.push(id.clone(), name.clone(), layout, sources, true, None);
                ids.push(id);
            }
            w.push(ids);
        }
        // Losers' bracket: 2 * (rounds - 1) rounds.
        let lb_rounds = 2 * (rounds - 1);
        let drops = drop_in_orders(size);
        let mut prev: Vec<String> = Vec::new();
        for j in 1..=lb_rounds {
            let name = if j == lb_rounds { "Losers final".to_owned() } else { format!("Losers round {j}") };
            let mut ids = Vec::new();
            let mut add = |t: &mut Self, p: u32, sources: [Source; 2]| {
                let id = format!("L{j}-{p}");
                let layout = Layout { bracket: Bracket::Losers, round: j, position: p };
                t.push(id.clone(), name.clone(), layout, sources, true, Some(j));
                ids.push(id);
            };
            if j == 1 {
                for p in 1..=size / 4 {
                    let sources = [
                        Source::Loser { of: w[0][(2 * p - 2) as usize].clone() },
                        Source::Loser { of: w[0][(2 * p - 1) as usize].clone() },
                    ];
                    add(self, p, sources);
                }
            } else if j % 2 == 0 {
                // Drop-in: losers of winners' round j/2 + 1.
                let r = j / 2 + 1;
                let order = &drops[(r - 2) as usize];
                for (i, &from) in order.iter().enumerate() {
                    let sources = [
                        Source::Winner { of: prev[i].clone() },
                        Source::Loser { of: w[(r - 1) as usize][from as usize].clone() },
                    ];
                    add(self, i as u32 + 1, sources);
                }
            } else {
                for p in 1..=(prev.len() / 2) as u32 {
                    let sources = [
                        Source::Winner { of: prev[(2 * p - 2) as usize].clone() },
                        Source::Winner { of: prev[(2 * p - 1) as usize].clone() },
                    ];
                    add(self, p, sources);
                }
            }
            prev = ids;
        }
        let wb_champion = Source::Winner { of: w[(rounds - 1) as usize][0].clone() };
        let lb_champion =
            if lb_rounds == 0 { Source::Loser { of: w[0][0].clone() } } else { Source::Winner { of: prev[0].clone() } };
        let tier = lb_rounds + 1;
        self.push(
            "GF".to_owned(),
            "Grand final".to_owned(),
            Layout { bracket: Bracket::GrandFinal, round: 1, position: 1 },
            [wb_champion, lb_champion],
            true,
            Some(tier),
        );
        if reset {
            self.push(
                "GF2".to_owned(),
                "Grand final reset".to_owned(),
                Layout { bracket: Bracket::GrandFinal, round: 2, position: 1 },
                [Source::Loser { of: "GF".to_owned() }, Source::Winner { of: "GF".to_owned() }],
                true,
                Some(tier),
            );
            self.matches.last_mut().expect("just pushed").reset_of = Some("GF".to_owned());
        }
    }

    fn build_round_robin(
        &mut self,
        members: &[EntrantIdx],
        legs: u32,
        bracket: Bracket,
        id_prefix: &str,
        round_word: &str,
    ) {
        let schedule = circle_schedule(members.len());
        let per_leg = schedule.len() as u32;
        for leg in 0..legs {
            for (r, round) in schedule.iter().enumerate() {
                let round_no = leg * per_leg + r as u32 + 1;
                for (k, &[a, b]) in round.iter().enumerate() {
                    let (a, b) = if leg % 2 == 0 { (a, b) } else { (b, a) };
                    let pos = k as u32 + 1;
                    self.push(
                        format!("{id_prefix}R{round_no}-M{pos}"),
                        format!("{round_word} {round_no}"),
                        Layout { bracket, round: round_no, position: pos },
                        [Source::Entrant { entrant: members[a] }, Source::Entrant { entrant: members[b] }],
                        false,
                        None,
                    );
                }
            }
        }
    }

    fn build_groups(&mut self, stage: &GroupStage) -> Result<(), Error> {
        let n = self.entrants.len() as u32;
        if stage.group_size < 2 {
            return Err(Error::config("group_size must be at least 2"));
        }
        let groups = n.div_ceil(stage.group_size);
        let smallest = n / groups;
        if smallest < 2 {
            return Err(Error::config(format!(
                "{n} entrants in groups of up to {} leaves a group of {smallest}; use a smaller \
                 group_size or more entrants",
                stage.group_size
            )));
        }
        let k = stage.qualifiers_per_group;
        if k == 0 || k > smallest {
            return Err(Error::config(format!(
                "qualifiers_per_group must be 1 to {smallest} (the smallest group), not {k}"
            )));
        }
        if stage.legs == 0 {
            return Err(Error::config("a round-robin group needs at least 1 leg"));
        }
        let size = stage.knockout_size.unwrap_or(groups * k);
        if size < groups * k || size > n || size < 2 {
            return Err(Error::config(format!(
                "knockout_size must be at least {} ({groups} groups × {k} qualifiers) and at most \
                 {n} (the entrants), not {size}",
                (groups * k).max(2)
            )));
        }
        let dealt = snake_groups(n, groups);
        for g in 0..groups {
            let members: Vec<EntrantIdx> = (0..n).filter(|&i| dealt[i as usize] == g).map(EntrantIdx).collect();
            self.groups.push(Group { name: format!("Group {}", group_letter(g)), members });
        }
        for g in 0..groups {
            let members = self.groups[g as usize].members.clone();
            let bracket = Bracket::Group { group: g + 1 };
            let name = self.groups[g as usize].name.clone();
            let prefix = format!("G{}-", g + 1);
            match stage.group_format {
                GroupFormat::RoundRobin => {
                    self.build_round_robin(&members, stage.legs, bracket, &prefix, &format!("{name} round"));
                }
                GroupFormat::SingleElimination => {
                    let lines = seeded_lines(&members);
                    self.build_knockout(&lines, bracket, &prefix, &name);
                }
            }
        }
        let bsize = bracket_size(size);
        let lines: Vec<Source> = bracket_order(bsize)
            .iter()
            .enumerate()
            .map(|(line, &s)| if s <= size { Source::Qualifier { line: line as u32 } } else { Source::Bye })
            .collect();
        self.build_knockout(&lines, Bracket::Knockout, "KO-", "");
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

    /// Pairs the next Swiss round once the previous one is complete.
    /// Returns whether anything changed.
    fn pair_swiss_round(&mut self) -> bool {
        let Some(swiss) = self.swiss.clone() else { return false };
        if swiss.ended_early || swiss.paired == swiss.rounds {
            return false;
        }
        if !self.matches.iter().all(|m| m.status.is_done()) {
            return false;
        }
        let n = self.entrants.len();
        let mut score = vec![0i64; n];
        let mut had_bye = vec![false; n];
        let mut balance = vec![0i32; n];
        let mut last: Vec<Option<Slot>> = vec![None; n];
        let mut played = BTreeSet::new();
        for m in &self.matches {
            match m.status {
                MatchStatus::Bye => {
                    if let Some(e) = m.winner {
                        score[e.index()] += 2;
                        had_bye[e.index()] = true;
                    }
                }
                MatchStatus::Finished => {
                    let r = m.result.as_ref().expect("a finished match has a result");
                    let [a, b] = r.entrants;
                    let pts = match r.winner {
                        Some(Slot::A) => [2, 0],
                        Some(Slot::B) => [0, 2],
                        None => [1, 1],
                    };
                    score[a.index()] += pts[0];
                    score[b.index()] += pts[1];
                    balance[a.index()] += 1;
                    balance[b.index()] -= 1;
                    last[a.index()] = Some(Slot::A);
                    last[b.index()] = Some(Slot::B);
                    played.insert((a.min(b), a.max(b)));
                }
                _ => {}
            }
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(score[i]), i));
        let players: Vec<SwissPlayer> = order
            .iter()
            .map(|&i| SwissPlayer {
                entrant: EntrantIdx(i as u32),
                score: score[i],
                had_bye: had_bye[i],
                balance: balance[i],
                last: last[i],
            })
            .collect();
        let round = swiss.paired + 1;
        let Some((pairs, bye)) = pair_round(&players, &played) else {
            self.swiss.as_mut().expect("swiss").ended_early = true;
            return true;
        };
        for (k, [a, b]) in pairs.into_iter().enumerate() {
            let pos = k as u32 + 1;
            self.push(
                format!("R{round}-M{pos}"),
                format!("Round {round}"),
                Layout { bracket: Bracket::Rounds, round, position: pos },
                [Source::Entrant { entrant: a }, Source::Entrant { entrant: b }],
                false,
                None,
            );
        }
        if let Some(e) = bye {
            let pos = (n / 2) as u32 + 1;
            self.push(
                format!("R{round}-BYE"),
                format!("Round {round}"),
                Layout { bracket: Bracket::Rounds, round, position: pos },
                [Source::Entrant { entrant: e }, Source::Bye],
                false,
                None,
            );
        }
        self.swiss.as_mut().expect("swiss").paired = round;
        true
    }

    /// Places the qualifiers in the knockout once every group match is done.
    fn fill_knockout(&mut self) -> bool {
        if self.groups.is_empty() || self.knockout_filled {
            return false;
        }
        let group_done = self
            .matches
            .iter()
            .filter(|m| matches!(m.layout.bracket, Bracket::Group { .. }))
            .all(|m| m.status.is_done());
        if !group_done {
            return false;
        }
        let Format::GroupsThenKnockout(stage) = &self.config.format else { return false };
        let k = stage.qualifiers_per_group;
        let size = stage.knockout_size.unwrap_or(self.groups.len() as u32 * k);
        // Qualifiers in seed order: group winners first, then runners-up, ...
        // each tier ranked across groups like a table; the first `size`.
        let ranked = group_table_order(self);
        let qualifiers: Vec<(EntrantIdx, u32)> = ranked.into_iter().take(size as usize).collect();
        let groups: Vec<u32> = qualifiers.iter().map(|&(_, g)| g).collect();
        let line_of = cross_seed(&groups, bracket_size(size));
        let mut at_line: BTreeMap<u32, EntrantIdx> = BTreeMap::new();
        for (q, &line) in line_of.iter().enumerate() {
            at_line.insert(line, qualifiers[q].0);
        }
        for m in &mut self.matches {
            for slot in &mut m.slots {
                if let Source::Qualifier { line } = slot.source {
                    slot.occupant = Occupant::Entrant(at_line[&line]);
                }
            }
        }
        self.knockout_filled = true;
        true
    }
}

/// The lines of a standard-seeded bracket for `seeds` (best first): seeds
/// past the last entrant are byes.
fn seeded_lines(seeds: &[EntrantIdx]) -> Vec<Source> {
    let n = seeds.len() as u32;
    bracket_order(bracket_size(n))
        .into_iter()
        .map(|s| if s <= n { Source::Entrant { entrant: seeds[(s - 1) as usize] } } else { Source::Bye })
        .collect()
}

fn ceil_log2(n: u32) -> u32 {
    if n <= 1 { 0 } else { 32 - (n - 1).leading_zeros() }
}
