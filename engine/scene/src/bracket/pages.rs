//! The screens of the live view, in the order the stages are played; the
//! page a match is on; and laying a page out.

use std::collections::BTreeSet;

use crate::geom::Rect;
use arena_live::LiveState;
use arena_tournament::{Bracket, Format, MatchRecord};

use super::groups::layout_groups;
use super::reveal::Reveal;
use super::scene::{CANVAS, Scene};
use super::tables::layout_table_page;
use super::tree::{layout_slice, layout_tree};

/// What one page of the live view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// An elimination tree of these brackets (drawn in bands, top to bottom;
    /// a grand final goes in columns after them).
    /// Rounds of more than [`SLICE`] matches are left out: they get
    /// [`PageKind::Slice`] pages of their own.
    Tree(Vec<Bracket>),
    /// Matches `first..=last` (positions) of one large round of a bracket,
    /// in a grid.
    Slice {
        /// The bracket.
        bracket: Bracket,
        /// The round.
        round: u32,
        /// The first position shown.
        first: u32,
        /// The last position shown.
        last: u32,
    },
    /// The group tables of a group stage.
    Groups,
    /// The standings table of a round robin or Swiss, beside one round's
    /// matches.
    Table,
}

/// One screen of the live bracket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Its title: "Knockout", "Group stage", "Losers' bracket"…
    pub title: String,
    /// What it shows.
    pub kind: PageKind,
}

/// The most matches of one round an elimination tree shows; larger rounds
/// get pages of their own, this many matches each.
pub const SLICE: usize = 8;

pub(super) fn round_size(t: &arena_tournament::Tournament, bracket: Bracket, round: u32) -> usize {
    t.matches().iter().filter(|m| m.layout.bracket == bracket && m.layout.round == round).count()
}

/// Whether `m` is drawn in its tree (its round is not too large).
pub(super) fn in_tree(t: &arena_tournament::Tournament, m: &MatchRecord) -> bool {
    round_size(t, m.layout.bracket, m.layout.round) <= SLICE
}

/// The pages of a tournament, in the order its stages are played.
pub fn pages(state: &LiveState) -> Vec<Page> {
    let t = &state.tournament;
    let mut out = Vec::new();
    for p in stage_pages(state) {
        // Rounds too large for the tree come first, in slices.
        if let PageKind::Tree(brackets) = &p.kind {
            for &b in brackets {
                let rounds: BTreeSet<u32> = t
                    .matches()
                    .iter()
                    .filter(|m| m.layout.bracket == b && !in_tree(t, m))
                    .map(|m| m.layout.round)
                    .collect();
                for r in rounds {
                    let n = round_size(t, b, r) as u32;
                    let name = t
                        .matches()
                        .iter()
                        .find(|m| m.layout.bracket == b && m.layout.round == r)
                        .map_or_else(String::new, |m| m.round_name.clone());
                    let chunks = n.div_ceil(SLICE as u32);
                    for c in 0..chunks {
                        let first = c * SLICE as u32 + 1;
                        let last = ((c + 1) * SLICE as u32).min(n);
                        out.push(Page {
                            title: format!("{name}, part {} of {chunks}", c + 1),
                            kind: PageKind::Slice { bracket: b, round: r, first, last },
                        });
                    }
                }
            }
        }
        out.push(p);
    }
    out
}

fn stage_pages(state: &LiveState) -> Vec<Page> {
    let t = &state.tournament;
    let page = |title: &str, kind| Page { title: title.to_owned(), kind };
    match &t.config().format {
        Format::SingleElimination => vec![page("Bracket", PageKind::Tree(vec![Bracket::Single]))],
        Format::DoubleElimination { .. } => {
            let first_round =
                t.matches().iter().filter(|m| m.layout.bracket == Bracket::Winners && m.layout.round == 1).count();
            if first_round <= 4 {
                vec![page(
                    "Double elimination",
                    PageKind::Tree(vec![Bracket::Winners, Bracket::Losers, Bracket::GrandFinal]),
                )]
            } else {
                vec![
                    page("Winners' bracket", PageKind::Tree(vec![Bracket::Winners, Bracket::GrandFinal])),
                    page("Losers' bracket", PageKind::Tree(vec![Bracket::Losers])),
                ]
            }
        }
        Format::RoundRobin { .. } => vec![page("Round robin", PageKind::Table)],
        Format::Swiss { .. } => vec![page("Swiss", PageKind::Table)],
        Format::GroupsThenKnockout(_) => {
            vec![page("Group stage", PageKind::Groups), page("Knockout", PageKind::Tree(vec![Bracket::Knockout]))]
        }
    }
}

/// The page a match is drawn on.
pub fn page_of(pages: &[Page], m: &MatchRecord) -> usize {
    pages
        .iter()
        .position(|p| match &p.kind {
            PageKind::Slice { bracket, round, first, last } => {
                m.layout.bracket == *bracket
                    && m.layout.round == *round
                    && (*first..=*last).contains(&m.layout.position)
            }
            PageKind::Tree(brackets) => brackets.contains(&m.layout.bracket),
            PageKind::Groups => matches!(m.layout.bracket, Bracket::Group { .. }),
            PageKind::Table => m.layout.bracket == Bracket::Rounds,
        })
        .unwrap_or(0)
}

const TITLE_H: f32 = 96.0;
const FOOTER_H: f32 = 64.0;
const MARGIN: f32 = 24.0;

/// Lays out page `page` of the live view.
pub fn layout_page(reveal: &Reveal<'_>, pages: &[Page], page: usize) -> Scene {
    let mut scene = Scene::default();
    let Some(p) = pages.get(page) else {
        return scene;
    };
    let body = Rect::new(MARGIN, TITLE_H + 8.0, CANVAS.x - MARGIN, CANVAS.y - FOOTER_H - 8.0);
    match &p.kind {
        PageKind::Tree(brackets) => layout_tree(&mut scene, reveal, brackets, body),
        PageKind::Slice { bracket, round, first, last } => {
            layout_slice(&mut scene, reveal, *bracket, *round, *first..=*last, body)
        }
        PageKind::Groups => layout_groups(&mut scene, reveal, body),
        PageKind::Table => layout_table_page(&mut scene, reveal, body),
    }
    scene
}
