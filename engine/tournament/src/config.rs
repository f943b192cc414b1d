//! What a tournament is: format, best-of, seed, seeding.

use serde::{Deserialize, Serialize};

use crate::Seeding;

/// Everything that shapes a tournament besides its entrants. Loadable from
/// the tournament's TOML file:
///
/// ```
/// let config: arena_tournament::TournamentConfig = toml::from_str(r#"
///     best_of = 3
///     seed = 2024
///     seeding = "by-rating"
///     [format]
///     type = "groups-then-knockout"
///     group_size = 6
///     qualifiers_per_group = 1
///     knockout_size = 16
/// "#).unwrap();
/// assert_eq!(config.best_of, 3);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TournamentConfig {
    /// The format.
    pub format: Format,
    /// Games per match: every match is a best-of-N series (default 3).
    #[serde(default = "default_best_of")]
    pub best_of: u32,
    /// The tournament seed: every game seed, shuffle and coin derives from it.
    #[serde(default)]
    pub seed: u64,
    /// How the entrant list becomes the seed order.
    #[serde(default)]
    pub seeding: Seeding,
}

fn default_best_of() -> u32 {
    3
}

fn default_true() -> bool {
    true
}

fn default_one() -> u32 {
    1
}

impl TournamentConfig {
    /// A configuration with this format, best of 3, seed 0, seeds as given.
    pub fn new(format: Format) -> Self {
        Self { format, best_of: 3, seed: 0, seeding: Seeding::AsGiven }
    }

    /// The same configuration with another best-of.
    pub fn best_of(mut self, best_of: u32) -> Self {
        self.best_of = best_of;
        self
    }

    /// The same configuration with another tournament seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The same configuration with another seeding mode.
    pub fn seeding(mut self, seeding: Seeding) -> Self {
        self.seeding = seeding;
        self
    }
}

/// A tournament format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Format {
    /// One loss and out; standard seeding, byes to the top seeds.
    SingleElimination,
    /// Two losses and out: a winners' bracket, a losers' bracket, a grand
    /// final.
    DoubleElimination {
        /// If the losers' bracket champion wins the grand final (handing the
        /// winners' champion a first loss), a second grand final is played.
        #[serde(default = "default_true")]
        grand_final_reset: bool,
    },
    /// Everyone meets everyone.
    RoundRobin {
        /// How many times each pair meets (sides swapped each time).
        #[serde(default = "default_one")]
        legs: u32,
    },
    /// A fixed number of rounds, each paired within score groups once the
    /// previous round is in.
    Swiss {
        /// Rounds; default ceil(log2(entrants)).
        #[serde(default)]
        rounds: Option<u32>,
    },
    /// Groups (dealt by seed, snake fashion), then the top of each group in
    /// a cross-seeded single-elimination bracket.
    GroupsThenKnockout(GroupStage),
}

/// The group stage of [`Format::GroupsThenKnockout`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupStage {
    /// The largest group: there are ceil(entrants / group_size) groups, and
    /// their sizes differ by at most one.
    #[serde(default = "default_group_size")]
    pub group_size: u32,
    /// How each group is played.
    #[serde(default)]
    pub group_format: GroupFormat,
    /// For round-robin groups: how many times each pair meets.
    #[serde(default = "default_one")]
    pub legs: u32,
    /// The top K of each group go through to the knockout.
    #[serde(default = "default_qualifiers")]
    pub qualifiers_per_group: u32,
    /// Entrants in the knockout bracket; default groups × K. When larger,
    /// the best of the next-placed entrants across groups fill the places
    /// (ranked like group winners are).
    #[serde(default)]
    pub knockout_size: Option<u32>,
}

fn default_group_size() -> u32 {
    6
}

fn default_qualifiers() -> u32 {
    2
}

impl Default for GroupStage {
    fn default() -> Self {
        Self {
            group_size: default_group_size(),
            group_format: GroupFormat::default(),
            legs: 1,
            qualifiers_per_group: default_qualifiers(),
            knockout_size: None,
        }
    }
}

/// How a group is played.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupFormat {
    /// Everyone in the group meets everyone.
    #[default]
    RoundRobin,
    /// A single-elimination bracket within the group; its placings rank
    /// the group.
    SingleElimination,
}
