//! Standings: placings for elimination formats, tables for round robin,
//! Swiss and groups, with Glicko-2 ratings beside them.

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

use crate::ratings::{Rating, glicko2_ratings};
use crate::{Bracket, EntrantIdx, Format, GroupFormat, MatchRecord, MatchStatus, Slot, Tournament};

/// The standings of a tournament.
///
/// How entrants are ordered:
/// - single and double elimination, and the knockout after groups: by the
///   round they went out in (later is better; those out in the same round
///   share a place), then game wins minus losses, then seed;
/// - round robin (and round-robin groups): points, then Sonneborn–Berger,
///   then game wins minus losses, then seed;
/// - Swiss: points, then Buchholz cut-1, then Sonneborn–Berger, then seed;
/// - single-elimination groups rank like elimination, but every group
///   position is distinct;
/// - groups then knockout, overall: the knockout entrants by their knockout
///   placing, then everyone else by group position, then as their group
///   tables rank them across groups.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Standings {
    /// Whether these are final (the tournament is over).
    pub complete: bool,
    /// Every entrant, best first.
    pub rows: Vec<Standing>,
    /// The group tables (group stage formats only).
    pub groups: Vec<GroupTable>,
}

/// The table of one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupTable {
    /// The group, from 1.
    pub group: u32,
    /// "Group A", ...
    pub name: String,
    /// The group's entrants, best first; `place` is the group position.
    pub rows: Vec<Standing>,
}

/// One entrant's line in the standings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    /// The place, from 1. In elimination formats entrants knocked out in the
    /// same round share a place (two semi-final losers are both 3rd), and
    /// entrants still in share the best place left.
    pub place: u32,
    /// The entrant.
    pub entrant: EntrantIdx,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its group (from 1), in group stage formats.
    pub group: Option<u32>,
    /// Matches (series) played.
    pub played: u32,
    /// Matches won.
    pub wins: u32,
    /// Matches drawn (outside knockouts).
    pub draws: u32,
    /// Matches lost.
    pub losses: u32,
    /// Swiss byes received (each worth a win's point).
    pub byes: u32,
    /// Points: 1 a win or bye, ½ a draw.
    pub points: f64,
    /// Ordinary games won, over all its matches.
    pub game_wins: u32,
    /// Ordinary games lost.
    pub game_losses: u32,
    /// Ordinary games drawn.
    pub game_draws: u32,
    /// Buchholz cut-1 (Swiss): the sum of its opponents' points, without
    /// the lowest (a bye counts as an opponent with 0).
    pub buchholz: Option<f64>,
    /// Sonneborn–Berger (Swiss, round robin): the points of the opponents it
    /// beat, plus half those of the opponents it drew.
    pub sonneborn_berger: Option<f64>,
    /// The match that knocked it out (elimination formats).
    pub eliminated_in: Option<String>,
    /// Whether it is still in (elimination formats, before the end).
    pub alive: bool,
    /// Glicko-2 rating after all games so far.
    pub rating: f64,
    /// Glicko-2 rating deviation.
    pub deviation: f64,
}

/// Per-entrant counts over some matches.
#[derive(Clone, Debug, Default)]
struct Tally {
    played: u32,
    wins: u32,
    draws: u32,
    losses: u32,
    byes: u32,
    /// Points in halves.
    points2: i64,
    game_wins: u32,
    game_losses: u32,
    game_draws: u32,
    /// Opponents played and this entrant's points against each (halves).
    opponents: Vec<(EntrantIdx, i64)>,
}

fn tally(t: &Tournament, include: &dyn Fn(&MatchRecord) -> bool, swiss_byes: bool) -> Vec<Tally> {
    let mut out = vec![Tally::default(); t.entrants().len()];
    for m in t.matches().iter().filter(|m| include(m)) {
        match m.status {
            MatchStatus::Finished => {
                let r = m.result.as_ref().expect("a finished match has a result");
                let pts: [i64; 2] = match r.winner {
                    Some(Slot::A) => [2, 0],
                    Some(Slot::B) => [0, 2],
                    None => [1, 1],
                };
                let drawn_games =
                    r.games.iter().filter(|g| g.kind == arena_sim::MatchKind::Normal && g.winner.is_none()).count()
                        as u32;
                for s in Slot::BOTH {
                    let e = r.entrants[s.index()];
                    let o = r.entrants[s.other().index()];
                    let x = &mut out[e.index()];
                    x.played += 1;
                    match pts[s.index()] {
                        2 => x.wins += 1,
                        1 => x.draws += 1,
                        _ => x.losses += 1,
                    }
                    x.points2 += pts[s.index()];
                    x.game_wins += r.score[s.index()];
                    x.game_losses += r.score[s.other().index()];
                    x.game_draws += drawn_games;
                    x.opponents.push((o, pts[s.index()]));
                }
            }
            MatchStatus::Bye if swiss_byes => {
                if let Some(e) = m.winner {
                    out[e.index()].byes += 1;
                    out[e.index()].points2 += 2;
                }
            }
            _ => {}
        }
    }
    out
}

/// Sonneborn–Berger in quarter points, Buchholz cut-1 in half points.
fn sb_and_buchholz(tallies: &[Tally], e: usize) -> (i64, i64) {
    let x = &tallies[e];
    let sb = x.opponents.iter().map(|&(o, p)| p * tallies[o.index()].points2).sum::<i64>();
    let mut terms: Vec<i64> = x.opponents.iter().map(|&(o, _)| tallies[o.index()].points2).collect();
    terms.extend(std::iter::repeat_n(0, x.byes as usize));
    let buchholz = terms.iter().sum::<i64>() - terms.iter().copied().min().unwrap_or(0);
    (sb, buchholz)
}

/// Elimination tiers: for each entrant, the tier and match it went out in
/// (`None` = still in).
fn elimination(t: &Tournament, include: &dyn Fn(&MatchRecord) -> bool) -> Vec<Option<(u32, String)>> {
    let mut out = vec![None; t.entrants().len()];
    for m in t.matches().iter().filter(|m| include(m)) {
        if m.status != MatchStatus::Finished {
            continue;
        }
        let (Some(loser), Some(tier)) = (m.loser, m.eliminates) else { continue };
        let reset_pending = t
            .matches()
            .iter()
            .any(|r| r.reset_of.as_deref() == Some(m.id.as_str()) && r.status != MatchStatus::Skipped);
        if reset_pending {
            continue;
        }
        out[loser.index()] = Some((tier, m.id.clone()));
    }
    out
}

/// A sortable key per entrant (greater is better), and how its table is
/// kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Elimination,
    RoundRobin,
    Swiss,
}

struct Table {
    kind: Kind,
    tallies: Vec<Tally>,
    elim: Vec<Option<(u32, String)>>,
}

impl Table {
    fn new(t: &Tournament, kind: Kind, include: &dyn Fn(&MatchRecord) -> bool) -> Self {
        let tallies = tally(t, include, kind == Kind::Swiss);
        let elim = if kind == Kind::Elimination { elimination(t, include) } else { Vec::new() };
        Self { kind, tallies, elim }
    }

    fn tier(&self, e: usize) -> u32 {
        self.elim[e].as_ref().map_or(u32::MAX, |(tier, _)| *tier)
    }

    /// Greater is better; the last element (-seed) makes keys unique.
    fn key(&self, e: usize) -> Vec<i64> {
        let x = &self.tallies[e];
        let game_diff = i64::from(x.game_wins) - i64::from(x.game_losses);
        let seed = -(e as i64);
        match self.kind {
            Kind::Elimination => vec![i64::from(self.tier(e)), game_diff, seed],
            Kind::RoundRobin => {
                let (sb, _) = sb_and_buchholz(&self.tallies, e);
                vec![x.points2, sb, game_diff, seed]
            }
            Kind::Swiss => {
                let (sb, bh) = sb_and_buchholz(&self.tallies, e);
                vec![x.points2, bh, sb, seed]
            }
        }
    }

    fn sorted(&self, members: &[EntrantIdx]) -> Vec<EntrantIdx> {
        let mut v = members.to_vec();
        v.sort_by_key(|e| Reverse(self.key(e.index())));
        v
    }

    fn row(&self, t: &Tournament, ratings: &[Rating], e: EntrantIdx, place: u32) -> Standing {
        let x = &self.tallies[e.index()];
        let (sb, bh) = sb_and_buchholz(&self.tallies, e.index());
        let entrant = &t.entrants()[e.index()];
        let (eliminated_in, alive) = if self.kind == Kind::Elimination {
            match &self.elim[e.index()] {
                Some((_, id)) => (Some(id.clone()), false),
                None => (None, true),
            }
        } else {
            (None, false)
        };
        Standing {
            place,
            entrant: e,
            id: entrant.id.clone(),
            name: entrant.name.clone(),
            group: None,
            played: x.played,
            wins: x.wins,
            draws: x.draws,
            losses: x.losses,
            byes: x.byes,
            points: x.points2 as f64 / 2.0,
            game_wins: x.game_wins,
            game_losses: x.game_losses,
            game_draws: x.game_draws,
            buchholz: (self.kind == Kind::Swiss).then_some(bh as f64 / 2.0),
            sonneborn_berger: matches!(self.kind, Kind::Swiss | Kind::RoundRobin).then_some(sb as f64 / 4.0),
            eliminated_in,
            alive,
            rating: ratings[e.index()].rating,
            deviation: ratings[e.index()].deviation,
        }
    }

    /// Rows for `members`, best first. Elimination places are shared by
    /// tier; other tables number 1, 2, 3, ...
    fn rows(&self, t: &Tournament, ratings: &[Rating], members: &[EntrantIdx], first: u32) -> Vec<Standing> {
        let sorted = self.sorted(members);
        sorted
            .iter()
            .enumerate()
            .map(|(i, &e)| {
                let place = if self.kind == Kind::Elimination {
                    let tier = self.tier(e.index());
                    first + members.iter().filter(|o| self.tier(o.index()) > tier).count() as u32
                } else {
                    first + i as u32
                };
                self.row(t, ratings, e, place)
            })
            .collect()
    }
}

fn group_kind(t: &Tournament) -> Kind {
    match &t.config().format {
        Format::GroupsThenKnockout(stage) if stage.group_format == GroupFormat::SingleElimination => Kind::Elimination,
        _ => Kind::RoundRobin,
    }
}

fn group_table(t: &Tournament, g: usize, counted: Counted<'_>) -> Table {
    let group = g as u32 + 1;
    Table::new(t, group_kind(t), &|m| m.layout.bracket == Bracket::Group { group } && counted(m))
}

/// Which finished matches the standings count: all of them for the
/// official standings, the revealed ones for a viewer's provisional tables.
type Counted<'a> = &'a dyn Fn(&MatchRecord) -> bool;

/// Every entrant ordered for knockout qualification: by group position
/// (all group winners, then all runners-up, ...), within a position by the
/// group-table key across groups. Each with its group (from 1).
pub(crate) fn group_table_order(t: &Tournament) -> Vec<(EntrantIdx, u32)> {
    group_table_order_of(t, &|_| true)
}

fn group_table_order_of(t: &Tournament, counted: Counted<'_>) -> Vec<(EntrantIdx, u32)> {
    let mut all: Vec<(usize, Vec<i64>, EntrantIdx, u32)> = Vec::new();
    for (g, group) in t.groups().iter().enumerate() {
        let table = group_table(t, g, counted);
        for (pos, e) in table.sorted(&group.members).into_iter().enumerate() {
            all.push((pos, table.key(e.index()), e, g as u32 + 1));
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
    all.into_iter().map(|(_, _, e, g)| (e, g)).collect()
}

pub(crate) fn compute_standings(t: &Tournament) -> Standings {
    compute_standings_of(t, &|_| true)
}

/// The standings counting only the matches `counted` accepts, ordered by
/// the same rules as the official ones.
pub(crate) fn compute_standings_of(t: &Tournament, counted: Counted<'_>) -> Standings {
    let every = t.matches().iter().all(counted);
    let ratings = if every {
        glicko2_ratings(t.entrants(), t.matches())
    } else {
        let shown: Vec<MatchRecord> = t.matches().iter().filter(|m| counted(m)).cloned().collect();
        glicko2_ratings(t.entrants(), &shown)
    };
    let everyone: Vec<EntrantIdx> = (0..t.entrants().len() as u32).map(EntrantIdx).collect();
    let all = |m: &MatchRecord| counted(m);
    let mut standings = Standings { complete: t.is_finished() && every, rows: Vec::new(), groups: Vec::new() };
    match &t.config().format {
        Format::SingleElimination | Format::DoubleElimination { .. } => {
            standings.rows = Table::new(t, Kind::Elimination, &all).rows(t, &ratings, &everyone, 1);
        }
        Format::RoundRobin { .. } => {
            standings.rows = Table::new(t, Kind::RoundRobin, &all).rows(t, &ratings, &everyone, 1);
        }
        Format::Swiss { .. } => {
            standings.rows = Table::new(t, Kind::Swiss, &all).rows(t, &ratings, &everyone, 1);
        }
        Format::GroupsThenKnockout(_) => {
            let mut group_of = vec![0u32; everyone.len()];
            for (g, group) in t.groups().iter().enumerate() {
                let table = group_table(t, g, counted);
                let mut rows = table.rows(t, &ratings, &group.members, 1);
                for (i, r) in rows.iter_mut().enumerate() {
                    // A group position is unique, even in an elimination group.
                    r.place = i as u32 + 1;
                    r.group = Some(g as u32 + 1);
                    group_of[r.entrant.index()] = g as u32 + 1;
                }
                standings.groups.push(GroupTable { group: g as u32 + 1, name: group.name.clone(), rows });
            }
            // Knockout entrants first, by their knockout placing.
            let knockout = |m: &MatchRecord| m.layout.bracket == Bracket::Knockout && counted(m);
            // The knockout is seeded once every group match is in: from
            // then on its entrants are known, played or not.
            let groups_done =
                t.matches().iter().filter(|m| matches!(m.layout.bracket, Bracket::Group { .. })).all(counted);
            let seeded = |m: &MatchRecord| m.layout.bracket == Bracket::Knockout && (groups_done || counted(m));
            let mut in_ko: Vec<EntrantIdx> = Vec::new();
            for m in t.matches().iter().filter(|m| seeded(m)) {
                for s in Slot::BOTH {
                    if let Some(e) = m.entrant(s)
                        && !in_ko.contains(&e)
                    {
                        in_ko.push(e);
                    }
                }
            }
            in_ko.sort();
            let ko = Table::new(t, Kind::Elimination, &knockout);
            let mut rows = ko.rows(t, &ratings, &in_ko, 1);
            // Then everyone else, in qualification order.
            let rest: Vec<EntrantIdx> =
                group_table_order_of(t, counted).into_iter().map(|(e, _)| e).filter(|e| !in_ko.contains(e)).collect();
            for (i, &e) in rest.iter().enumerate() {
                let table = group_table(t, group_of[e.index()] as usize - 1, counted);
                let mut row = table.row(t, &ratings, e, in_ko.len() as u32 + i as u32 + 1);
                if !in_ko.is_empty() {
                    row.alive = false;
                }
                rows.push(row);
            }
            // Whole-tournament counts: group and knockout matches together.
            let whole = Table::new(t, Kind::RoundRobin, &all);
            for r in &mut rows {
                let x = &whole.tallies[r.entrant.index()];
                r.group = Some(group_of[r.entrant.index()]);
                r.played = x.played;
                r.wins = x.wins;
                r.draws = x.draws;
                r.losses = x.losses;
                r.points = x.points2 as f64 / 2.0;
                r.game_wins = x.game_wins;
                r.game_losses = x.game_losses;
                r.game_draws = x.game_draws;
                r.buchholz = None;
                r.sonneborn_berger = None;
            }
            standings.rows = rows;
        }
    }
    standings
}
