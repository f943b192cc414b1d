//! Swiss: rounds are paired one at a time as results come in (the pairing
//! rules themselves are in `crate::swiss`).

use std::collections::BTreeSet;

use crate::swiss::{SwissPlayer, pair_round};
use crate::{Bracket, EntrantIdx, Error, Layout, MatchStatus, Slot, Source, SwissProgress, Tournament};

impl Tournament {
    /// Only the number of rounds is fixed up front: each round is paired by
    /// `pair_swiss_round` once the previous one is in, from its results.
    pub(in crate::tournament) fn build_swiss(&mut self, rounds: Option<u32>) -> Result<(), Error> {
        let n = self.entrants.len() as u32;
        let max = if n.is_multiple_of(2) { n - 1 } else { n };
        let rounds = rounds.unwrap_or_else(|| ceil_log2(n).max(1));
        if rounds == 0 || rounds > max {
            return Err(Error::config(format!(
                "a Swiss tournament of {n} entrants can have 1 to {max} rounds, not {rounds}"
            )));
        }
        self.swiss = Some(SwissProgress { rounds, paired: 0, ended_early: false });
        Ok(())
    }

    /// Pairs the next Swiss round once the previous one is complete.
    /// Returns whether anything changed.
    pub(in crate::tournament) fn pair_swiss_round(&mut self) -> bool {
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
}

fn ceil_log2(n: u32) -> u32 {
    if n <= 1 { 0 } else { 32 - (n - 1).leading_zeros() }
}
