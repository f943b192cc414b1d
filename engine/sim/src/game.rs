//! A whole match: rounds in turn until someone has `rounds_to_win`
//! (GAME.md "Round and match outcome").

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::action::{Input, Side};
use crate::error::RulesError;
use crate::round::{RoundKind, RoundResult, RoundState, TickEvents};
use crate::rules::Rules;

/// Whether a match is an ordinary one or a single sudden-death round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum MatchKind {
    /// Best of `max_rounds`, first to `rounds_to_win`.
    Normal,
    /// One round; the first landed hit wins (a tie-break).
    SuddenDeath,
}

/// How a match ended.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MatchOutcome {
    /// The winner, or `None` for a drawn match.
    pub winner: Option<Side>,
    /// Round wins, per side.
    pub round_wins: [i32; 2],
    /// Every round's result, in order.
    pub rounds: Vec<RoundResult>,
}

impl MatchOutcome {
    /// Hit points left, summed over all rounds, per side (the first
    /// tie-break of GAME.md).
    pub fn total_hit_points(&self) -> [i64; 2] {
        self.sum(|r, i| r.hit_points[i])
    }

    /// Damage dealt, summed over all rounds, per side (the second tie-break).
    pub fn total_damage_dealt(&self) -> [i64; 2] {
        self.sum(|r, i| r.damage_dealt[i])
    }

    fn sum(&self, f: impl Fn(&RoundResult, usize) -> i32) -> [i64; 2] {
        [0, 1].map(|i| self.rounds.iter().map(|r| i64::from(f(r, i))).sum())
    }

    /// The same outcome seen with the sides swapped.
    pub fn mirrored(&self) -> Self {
        Self {
            winner: self.winner.map(Side::opponent),
            round_wins: [self.round_wins[1], self.round_wins[0]],
            rounds: self
                .rounds
                .iter()
                .map(|r| RoundResult {
                    winner: r.winner.map(Side::opponent),
                    hit_points: [r.hit_points[1], r.hit_points[0]],
                    damage_dealt: [r.damage_dealt[1], r.damage_dealt[0]],
                    ..*r
                })
                .collect(),
        }
    }
}

/// A match in progress: the current round plus the score.
#[derive(Clone, Debug)]
pub struct Match {
    rules: Rules,
    kind: MatchKind,
    round: RoundState,
    rounds: Vec<RoundResult>,
    wins: [i32; 2],
    winner: Option<Option<Side>>,
    ended: Option<RoundState>,
}

impl Match {
    /// A new match under `rules`, which are validated first.
    pub fn new(rules: Rules, kind: MatchKind) -> Result<Self, RulesError> {
        rules.validate()?;
        let round_kind = match kind {
            MatchKind::Normal => RoundKind::Normal,
            MatchKind::SuddenDeath => RoundKind::SuddenDeath,
        };
        let round = RoundState::new(&rules, round_kind);
        Ok(Self { rules, kind, round, rounds: Vec::new(), wins: [0, 0], winner: None, ended: None })
    }

    /// The rules of this match.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Normal or sudden death.
    pub fn kind(&self) -> MatchKind {
        self.kind
    }

    /// The round being played (or the last one, once the match is over).
    pub fn round(&self) -> &RoundState {
        &self.round
    }

    /// The number of the round being played, from 1.
    pub fn round_number(&self) -> i32 {
        // Once the match is over, the last round stays the current one.
        let finished = self.rounds.len() as i32;
        if self.is_over() { finished } else { finished + 1 }
    }

    /// Round wins so far, per side.
    pub fn round_wins(&self) -> [i32; 2] {
        self.wins
    }

    /// The results of the rounds finished so far.
    pub fn round_results(&self) -> &[RoundResult] {
        &self.rounds
    }

    /// The state the last finished round ended in.
    pub fn last_ended_round(&self) -> Option<&RoundState> {
        self.ended.as_ref()
    }

    /// Whether the match has ended.
    pub fn is_over(&self) -> bool {
        self.winner.is_some()
    }

    /// The outcome, once the match has ended.
    pub fn outcome(&self) -> Option<MatchOutcome> {
        self.winner.map(|winner| MatchOutcome { winner, round_wins: self.wins, rounds: self.rounds.clone() })
    }

    /// Plays one tick. When it ends a round, the next round (fresh fighters,
    /// same rules) is set up for the following tick, unless the match is over.
    pub fn step(&mut self, inputs: [Input; 2]) -> TickEvents {
        if self.is_over() {
            return TickEvents::default();
        }
        let events = self.round.step(&self.rules, inputs);
        if let Some(result) = events.round_end {
            self.end_round(result);
        }
        events
    }

    fn end_round(&mut self, result: RoundResult) {
        self.ended = Some(self.round);
        self.rounds.push(result);
        if let Some(w) = result.winner {
            self.wins[w.index()] += 1;
        }
        let played = self.rounds.len() as i32;
        let [l, r] = self.wins;
        let winner = if self.kind == MatchKind::SuddenDeath {
            Some(result.winner)
        } else if l >= self.rules.rounds_to_win {
            Some(Some(Side::Left))
        } else if r >= self.rules.rounds_to_win {
            Some(Some(Side::Right))
        } else if played >= self.rules.max_rounds {
            Some(match l.cmp(&r) {
                std::cmp::Ordering::Greater => Some(Side::Left),
                std::cmp::Ordering::Less => Some(Side::Right),
                std::cmp::Ordering::Equal => None,
            })
        } else {
            None
        };
        match winner {
            Some(w) => self.winner = Some(w),
            None => self.round = RoundState::new(&self.rules, RoundKind::Normal),
        }
    }
}
