//! A match as the tournament state holds it: where its entrants come from,
//! where it sits in the bracket, and how it went.

use serde::{Deserialize, Serialize};

use crate::{EntrantIdx, SeriesResult, Slot, TieBreak};

/// Which part of the tournament a match belongs to (for drawing it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Bracket {
    /// The bracket of a single-elimination tournament.
    Single,
    /// The winners' bracket of a double elimination.
    Winners,
    /// The losers' bracket of a double elimination.
    Losers,
    /// The grand final (and its reset) of a double elimination.
    GrandFinal,
    /// The rounds of a round robin or a Swiss tournament.
    Rounds,
    /// A group of the group stage.
    Group {
        /// The group, from 1 (1 = group A).
        group: u32,
    },
    /// The knockout bracket after the group stage.
    Knockout,
}

/// Where a match is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Layout {
    /// The bracket, group or table it belongs to.
    pub bracket: Bracket,
    /// The round within it, from 1 (bracket columns left to right).
    pub round: u32,
    /// The position within the round, from 1 (top to bottom). In an
    /// elimination bracket, match `p` of round `r` is fed by matches
    /// `2p - 1` and `2p` of round `r - 1`.
    pub position: u32,
}

/// Where the entrant of a slot comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Source {
    /// A known entrant.
    Entrant {
        /// The entrant.
        entrant: EntrantIdx,
    },
    /// Nobody: the other entrant goes through without playing.
    Bye,
    /// The winner of another match.
    Winner {
        /// That match's id.
        of: String,
    },
    /// The loser of another match (double elimination).
    Loser {
        /// That match's id.
        of: String,
    },
    /// A qualifier from the group stage, placed when the groups are over.
    Qualifier {
        /// The line of the knockout bracket (from 0, top to bottom).
        line: u32,
    },
}

impl Source {
    /// The source in words, for a slot whose entrant is not known yet:
    /// "winner of QF1", "loser of W2-1", "bye", "group qualifier".
    pub fn describe(&self) -> String {
        match self {
            Source::Entrant { entrant } => format!("seed {}", entrant.seed()),
            Source::Bye => "bye".to_owned(),
            Source::Winner { of } => format!("winner of {of}"),
            Source::Loser { of } => format!("loser of {of}"),
            Source::Qualifier { .. } => "group qualifier".to_owned(),
        }
    }
}

/// Who is in a slot now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Occupant {
    /// Not known yet.
    Unknown,
    /// This entrant.
    Entrant(EntrantIdx),
    /// Nobody (a bye).
    Bye,
}

/// One of the two places of a match.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SlotInfo {
    /// Where its entrant comes from.
    pub source: Source,
    /// Who is in it now.
    pub occupant: Occupant,
}

/// Where a match stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchStatus {
    /// An entrant is not known yet.
    Waiting,
    /// Both entrants are known; nobody is playing it yet.
    Ready,
    /// The runner has started it.
    Running,
    /// Played; see the result.
    Finished,
    /// Not played: one side (or both) is a bye; the entrant, if any, goes
    /// through.
    Bye,
    /// Not needed (a grand-final reset after the winners' champion won).
    Skipped,
}

impl MatchStatus {
    /// Whether nothing more will happen to this match.
    pub fn is_done(self) -> bool {
        matches!(self, MatchStatus::Finished | MatchStatus::Bye | MatchStatus::Skipped)
    }

    /// The status in words.
    pub fn describe(self) -> &'static str {
        match self {
            MatchStatus::Waiting => "waiting for an entrant",
            MatchStatus::Ready => "ready to play",
            MatchStatus::Running => "being played",
            MatchStatus::Finished => "finished",
            MatchStatus::Bye => "a bye",
            MatchStatus::Skipped => "not needed",
        }
    }
}

/// A match (a best-of-N series between two entrants) in the tournament.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MatchRecord {
    /// A stable id: `R16-3`, `QF2`, `SF1`, `F` (single elimination); `W1-3`,
    /// `L2-1`, `GF`, `GF2` (double elimination); `R3-M4` (round robin and
    /// Swiss; `R3-BYE` is a Swiss bye); `G2-R1-M3` or `G2-SF1` (groups);
    /// `KO-QF2` (the knockout after groups).
    pub id: String,
    /// The round's name: "Quarter-final", "Losers round 2", "Grand final",
    /// "Group B round 3", "Round 4".
    pub round_name: String,
    /// Where it is drawn.
    pub layout: Layout,
    /// The two slots, A then B.
    pub slots: [SlotInfo; 2],
    /// Games in the series: best of this many.
    pub best_of: u32,
    /// Whether a level series goes to the tie-breaks (knockout matches).
    pub must_decide: bool,
    /// Where it stands.
    pub status: MatchStatus,
    /// The series, once played.
    pub result: Option<SeriesResult>,
    /// The entrant that won (or went through on a bye).
    pub winner: Option<EntrantIdx>,
    /// The entrant that lost.
    pub loser: Option<EntrantIdx>,
    /// The elimination tier of this match's loser in placings (higher =
    /// later; entrants out in the same tier share a place), or `None` if
    /// the loser is not eliminated (winners' bracket of a double
    /// elimination, league rounds).
    pub eliminates: Option<u32>,
    /// For a grand-final reset: the grand final it resets. It is played only
    /// if that match's slot B (the losers' bracket champion) won it.
    pub reset_of: Option<String>,
}

impl MatchRecord {
    /// The entrant in `slot`, if known.
    pub fn entrant(&self, slot: Slot) -> Option<EntrantIdx> {
        match self.slots[slot.index()].occupant {
            Occupant::Entrant(e) => Some(e),
            _ => None,
        }
    }

    /// Both entrants, if both are known.
    pub fn entrants(&self) -> Option<[EntrantIdx; 2]> {
        Some([self.entrant(Slot::A)?, self.entrant(Slot::B)?])
    }

    /// The series score (ordinary games won, by slot), `[0, 0]` before play.
    pub fn score(&self) -> [u32; 2] {
        self.result.as_ref().map_or([0, 0], |r| r.score)
    }

    /// What decided the series, once played.
    pub fn tie_break(&self) -> Option<TieBreak> {
        self.result.as_ref().map(|r| r.tie_break)
    }

    /// Whether the match was played and drawn (only outside knockouts).
    pub fn is_draw(&self) -> bool {
        self.status == MatchStatus::Finished && self.winner.is_none()
    }

    /// Whether `entrant` plays in this match.
    pub fn involves(&self, entrant: EntrantIdx) -> bool {
        self.slots.iter().any(|s| s.occupant == Occupant::Entrant(entrant))
    }
}
