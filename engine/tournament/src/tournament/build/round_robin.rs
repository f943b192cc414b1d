//! Round-robin schedules laid out as matches, for the round-robin format
//! and for round-robin groups (the schedule itself is `circle_schedule`'s).

use crate::round_robin::circle_schedule;
use crate::{Bracket, EntrantIdx, Layout, Source, Tournament};

impl Tournament {
    pub(in crate::tournament) fn build_round_robin(
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
}
