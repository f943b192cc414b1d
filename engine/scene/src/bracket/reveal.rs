//! The tournament as the room has seen it: a finished match counts only
//! once it has been shown, so the bracket never gives a result away.

use std::collections::BTreeSet;

use arena_live::LiveState;
use arena_tournament::{Bracket, EntrantIdx, MatchRecord, MatchStatus, Occupant, Slot, Source};

use super::scene::AvatarRef;

/// The live state as the audience has seen it so far.
pub struct Reveal<'a> {
    /// The state.
    pub state: &'a LiveState,
    /// Where the state was read from (avatar paths are relative to it).
    pub dir: &'a std::path::Path,
    /// Finished matches already shown.
    pub revealed: &'a BTreeSet<String>,
    /// The match being shown or about to be.
    pub highlight: Option<&'a str>,
    /// The operator's selection.
    pub cursor: Option<&'a str>,
}

/// Who a slot shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// This entrant.
    Entrant(EntrantIdx),
    /// Not known to the audience yet: where it will come from.
    Placeholder(String),
    /// Nobody.
    Bye,
}

impl Reveal<'_> {
    /// Whether the audience knows how `m` ended: shown, or settled without
    /// play (a bye, a reset not needed).
    pub fn is_known(&self, m: &MatchRecord) -> bool {
        match m.status {
            MatchStatus::Finished => self.revealed.contains(&m.id),
            MatchStatus::Bye | MatchStatus::Skipped => true,
            _ => false,
        }
    }

    pub(super) fn known_id(&self, id: &str) -> bool {
        self.state.tournament.match_by_id(id).is_some_and(|m| self.is_known(m))
    }

    fn groups_known(&self) -> bool {
        self.state
            .tournament
            .matches()
            .iter()
            .filter(|m| matches!(m.layout.bracket, Bracket::Group { .. }))
            .all(|m| self.is_known(m))
    }

    /// Who slot `slot` of `m` shows.
    pub fn shown(&self, m: &MatchRecord, slot: Slot) -> Shown {
        let info = &m.slots[slot.index()];
        let visible = match &info.source {
            Source::Entrant { .. } => true,
            Source::Bye => return Shown::Bye,
            Source::Winner { of } | Source::Loser { of } => self.known_id(of),
            Source::Qualifier { .. } => self.groups_known(),
        };
        match info.occupant {
            Occupant::Entrant(e) if visible => Shown::Entrant(e),
            Occupant::Bye => Shown::Bye,
            _ => Shown::Placeholder(info.source.describe()),
        }
    }

    /// The picture of entrant `e`.
    pub fn avatar(&self, e: EntrantIdx) -> AvatarRef {
        let bot = self.state.bots.get(e.index());
        AvatarRef {
            sha256: bot.map(|b| b.sha256.clone()).unwrap_or_else(|| format!("entrant {}", e.0)),
            png: bot.and_then(|b| b.avatar.as_ref()).map(|p| LiveState::path_in(self.dir, p)),
        }
    }

    /// The name of entrant `e`.
    pub fn name(&self, e: EntrantIdx) -> String {
        self.state.tournament.entrant(e).map_or_else(|| format!("seed {}", e.seed()), |x| x.name.clone())
    }
}
