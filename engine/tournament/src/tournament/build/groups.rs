//! Groups then knockout: the groups and their matches and an empty
//! knockout are laid out at once; the knockout is filled only when every
//! group match is done, since the qualifiers are not known before.

use std::collections::BTreeMap;

use super::seeded_lines;
use crate::bracket::{bracket_order, bracket_size, cross_seed, group_letter, snake_groups};
use crate::standings::group_table_order;
use crate::{Bracket, EntrantIdx, Error, Format, Group, GroupFormat, GroupStage, Occupant, Source, Tournament};

impl Tournament {
    pub(in crate::tournament) fn build_groups(&mut self, stage: &GroupStage) -> Result<(), Error> {
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

    /// Places the qualifiers in the knockout once every group match is done.
    pub(in crate::tournament) fn fill_knockout(&mut self) -> bool {
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
