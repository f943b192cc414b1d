//! Laying out each format's matches. Every builder appends through `push`,
//! so the order the builders run in is the canonical match order: it fixes
//! the order of `Tournament::matches`, which the golden tests pin and the
//! viewer draws by.

mod double;
mod groups;
mod knockout;
mod round_robin;
mod swiss;

use crate::bracket::{bracket_order, bracket_size};
use crate::{EntrantIdx, Layout, MatchRecord, MatchStatus, Occupant, SlotInfo, Source, Tournament};

impl Tournament {
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
}

/// The lines of a standard-seeded bracket for `seeds` (best first): seeds
/// past the last entrant are byes.
pub(super) fn seeded_lines(seeds: &[EntrantIdx]) -> Vec<Source> {
    let n = seeds.len() as u32;
    bracket_order(bracket_size(n))
        .into_iter()
        .map(|s| if s <= n { Source::Entrant { entrant: seeds[(s - 1) as usize] } } else { Source::Bye })
        .collect()
}

/// The two sources of match `p` (from 1) of round `r` of a bracket over
/// `lines`: two neighbouring lines in round 1, after that the winners of the
/// two matches of the round before that feed it (`earlier[r - 2]`).
fn feeders(lines: &[Source], earlier: &[Vec<String>], r: u32, p: u32) -> [Source; 2] {
    let (a, b) = ((2 * p - 2) as usize, (2 * p - 1) as usize);
    if r == 1 {
        [lines[a].clone(), lines[b].clone()]
    } else {
        let prev = &earlier[(r - 2) as usize];
        [Source::Winner { of: prev[a].clone() }, Source::Winner { of: prev[b].clone() }]
    }
}
