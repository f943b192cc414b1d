//! Single-elimination brackets: the single-elimination format, knockout
//! groups and the knockout after the groups all use this one builder, so
//! their ids and round names follow the same rules.

use crate::bracket::{knockout_match_code, knockout_round};
use crate::{Bracket, Layout, Source, Tournament};

impl Tournament {
    /// A single-elimination bracket over `lines` (a power of two). Returns
    /// the ids of each round's matches.
    pub(in crate::tournament) fn build_knockout(
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
                let sources = super::feeders(lines, &ids, r, p);
                let layout = Layout { bracket, round: r, position: p };
                self.push(id.clone(), name, layout, sources, true, Some(r));
                round_ids.push(id);
            }
            ids.push(round_ids);
        }
        ids
    }
}
