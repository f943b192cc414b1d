//! Entrants, their seed order, and the ways to seed them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::rng::{chacha_for, uniform_below};

/// One bot taking part in a tournament.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entrant {
    /// A stable, unique id (the registry's bot id or a path); the runner uses
    /// it to find the bot.
    pub id: String,
    /// The name shown on the bracket.
    pub name: String,
    /// The author's handle, shown beside the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// A rating carried in from earlier events (Glicko-2 scale, 1500 is
    /// average). Used by [`Seeding::ByRating`] and as the starting rating of
    /// the tournament's own Glicko-2 ratings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<f64>,
}

impl Entrant {
    /// An entrant with this id and name, no author and no rating.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self { id: id.into(), name: name.into(), author: None, rating: None }
    }

    /// The same entrant with a rating.
    pub fn with_rating(mut self, rating: f64) -> Self {
        self.rating = Some(rating);
        self
    }

    /// The same entrant with an author.
    pub fn with_author(mut self, author: impl Into<String>) -> Self {
        self.author = Some(author.into());
        self
    }
}

/// An entrant's place in the tournament's seed order: index 0 is seed 1.
/// Every other type refers to entrants by this index into
/// [`Tournament::entrants`](crate::Tournament::entrants).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntrantIdx(pub u32);

impl EntrantIdx {
    /// The index into the seeded entrant list.
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The seed number, from 1.
    pub const fn seed(self) -> u32 {
        self.0 + 1
    }
}

/// How the entrant list given to the tournament becomes its seed order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Seeding {
    /// Seed 1 is the first entrant given, seed 2 the second, and so on.
    #[default]
    AsGiven,
    /// Highest [`Entrant::rating`] first; entrants without a rating come
    /// after those with one; ties keep the order given.
    ByRating,
    /// A shuffle (Fisher–Yates, ChaCha) drawn from the tournament seed: the
    /// same seed always gives the same order.
    Shuffled,
}

/// Puts `entrants` in seed order (index 0 = seed 1) and checks them: at
/// least two, ids unique and non-empty.
pub fn seed_entrants(entrants: &[Entrant], seeding: Seeding, tournament_seed: u64) -> Result<Vec<Entrant>, Error> {
    if entrants.len() < 2 {
        return Err(Error::config(format!("a tournament needs at least 2 entrants, {} given", entrants.len())));
    }
    if entrants.len() > 4096 {
        return Err(Error::config(format!("at most 4096 entrants are supported, {} given", entrants.len())));
    }
    let mut ids = BTreeSet::new();
    for e in entrants {
        if e.id.is_empty() {
            return Err(Error::config(format!("entrant `{}` has an empty id", e.name)));
        }
        if !ids.insert(e.id.as_str()) {
            return Err(Error::config(format!("two entrants have the id `{}`", e.id)));
        }
        if e.rating.is_some_and(|r| !r.is_finite()) {
            return Err(Error::config(format!("entrant `{}` has a rating that is not a number", e.id)));
        }
    }
    let mut out = entrants.to_vec();
    match seeding {
        Seeding::AsGiven => {}
        Seeding::ByRating => {
            // Stable sort: ties keep the order given.
            out.sort_by(|a, b| match (a.rating, b.rating) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
        }
        Seeding::Shuffled => {
            let mut rng = chacha_for(b"arena seeding", tournament_seed, "");
            for i in (1..out.len()).rev() {
                let j = uniform_below(&mut rng, i as u64 + 1) as usize;
                out.swap(i, j);
            }
        }
    }
    Ok(out)
}
