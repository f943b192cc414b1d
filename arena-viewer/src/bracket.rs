//! The live bracket laid out as shapes on a 1920×1080 canvas, without Bevy
//! entities: pages, match boxes, tables, connectors, text.
//!
//! [`layout_page`] turns the tournament state, the set of matches revealed so
//! far and the highlighted match into a [`Scene`]; [`crate::draw`] turns the
//! scene into sprites and text. Keeping it pure makes it testable: no text
//! below [`MIN_TEXT`] (1/40 of the screen height), no overlapping boxes.
//!
//! Matches are revealed one at a time, so the bracket shows only what the
//! audience has seen: a finished match that has not been shown yet has no
//! score, and the slot its winner moves to still reads "winner of QF1".

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use arena_live::LiveState;
use arena_tournament::{
    Bracket, EntrantIdx, Format, MatchRecord, MatchStatus, Occupant, Slot, Source, Standing, Standings, TieBreak,
};
use bevy::color::Color;
use bevy::math::{Rect, Vec2};

/// The canvas everything is laid out on; it is scaled to the screen.
pub const CANVAS: Vec2 = Vec2::new(1920.0, 1080.0);
/// The smallest text on a bracket page: 1/40 of the canvas height, rounded
/// up.
pub const MIN_TEXT: f32 = 28.0;

/// The palette: dark background, light text, one accent for the highlight.
pub mod palette {
    use bevy::color::Color;
    /// The background.
    pub const BACKGROUND: Color = Color::srgb(0.035, 0.047, 0.078);
    /// A match box or table row.
    pub const BOX: Color = Color::srgb(0.11, 0.135, 0.2);
    /// A box's outline and the connectors.
    pub const LINE: Color = Color::srgb(0.28, 0.33, 0.45);
    /// Connectors a result has passed along.
    pub const LINE_DONE: Color = Color::srgb(0.6, 0.65, 0.75);
    /// Ordinary text.
    pub const TEXT: Color = Color::srgb(0.96, 0.97, 1.0);
    /// Secondary text: placeholders, headers, losers.
    pub const DIM: Color = Color::srgb(0.56, 0.6, 0.7);
    /// The highlight: the match being shown.
    pub const HIGHLIGHT: Color = Color::srgb(1.0, 0.82, 0.2);
    /// The operator's selection.
    pub const CURSOR: Color = Color::srgb(0.3, 0.8, 1.0);
    /// A winner's score.
    pub const WIN: Color = Color::srgb(0.45, 0.95, 0.55);
    /// Table header and title bar.
    pub const BAR: Color = Color::srgb(0.07, 0.09, 0.14);
}

/// How a text is placed horizontally on its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// The point is the text's left end.
    Left,
    /// The point is the text's centre.
    Center,
    /// The point is the text's right end.
    Right,
}

/// A bot picture: its PNG when it has one, else an identicon of its hash.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AvatarRef {
    /// SHA-256 of the bot (the identicon is drawn from it).
    pub sha256: String,
    /// The PNG, if the bot has one.
    pub png: Option<PathBuf>,
}

/// One shape of a scene, in canvas coordinates (origin top left, y down).
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A filled rectangle.
    Rect {
        /// Where.
        rect: Rect,
        /// Fill.
        color: Color,
    },
    /// A rectangle outline.
    Frame {
        /// Where.
        rect: Rect,
        /// Stroke.
        color: Color,
        /// Stroke width.
        width: f32,
    },
    /// A straight line.
    Line {
        /// One end.
        from: Vec2,
        /// The other end.
        to: Vec2,
        /// Width.
        width: f32,
        /// Colour.
        color: Color,
    },
    /// One line of text, vertically centred on `pos.y`.
    Text {
        /// The anchor point.
        pos: Vec2,
        /// Font size (canvas pixels).
        size: f32,
        /// The text.
        text: String,
        /// Colour.
        color: Color,
        /// Bold face.
        bold: bool,
        /// Horizontal placement on the point.
        align: Align,
    },
    /// A bot's picture in a square.
    Avatar {
        /// Where.
        rect: Rect,
        /// Whose.
        avatar: AvatarRef,
    },
}

/// A laid-out page: shapes in drawing order, and where each match box is.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    /// The shapes, back to front.
    pub items: Vec<Item>,
    /// Each match box on the page, by match id.
    pub boxes: Vec<(String, Rect)>,
}

impl Scene {
    fn text(&mut self, pos: Vec2, size: f32, text: impl Into<String>, color: Color, bold: bool, align: Align) {
        self.items.push(Item::Text { pos, size, text: text.into(), color, bold, align });
    }
    fn rect(&mut self, rect: Rect, color: Color) {
        self.items.push(Item::Rect { rect, color });
    }
    fn frame(&mut self, rect: Rect, color: Color, width: f32) {
        self.items.push(Item::Frame { rect, color, width });
    }
    fn line(&mut self, from: Vec2, to: Vec2, width: f32, color: Color) {
        self.items.push(Item::Line { from, to, width, color });
    }
}

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

fn round_size(t: &arena_tournament::Tournament, bracket: Bracket, round: u32) -> usize {
    t.matches().iter().filter(|m| m.layout.bracket == bracket && m.layout.round == round).count()
}

/// Whether `m` is drawn in its tree (its round is not too large).
fn in_tree(t: &arena_tournament::Tournament, m: &MatchRecord) -> bool {
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

    fn known_id(&self, id: &str) -> bool {
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

/// Advance widths (in em) of printable ASCII in NanumSquare Bold, from the
/// font's `hmtx` table (Bold is the wider face, so the estimate is safe for
/// both).
const ASCII_EM: [f32; 95] = [
    0.250, 0.300, 0.387, 0.614, 0.628, 0.893, 0.677, 0.228, 0.337, 0.337, 0.469, 0.600, 0.294, 0.420, 0.294, 0.437,
    0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.354, 0.354, 0.610, 0.610, 0.610, 0.542,
    0.993, 0.673, 0.635, 0.644, 0.688, 0.598, 0.568, 0.671, 0.697, 0.263, 0.472, 0.655, 0.546, 0.850, 0.701, 0.706,
    0.617, 0.698, 0.645, 0.616, 0.571, 0.684, 0.673, 0.975, 0.655, 0.625, 0.613, 0.389, 0.959, 0.389, 0.524, 0.500,
    0.610, 0.552, 0.596, 0.509, 0.596, 0.562, 0.386, 0.596, 0.599, 0.259, 0.276, 0.561, 0.253, 0.899, 0.599, 0.588,
    0.596, 0.596, 0.417, 0.498, 0.389, 0.595, 0.522, 0.765, 0.525, 0.526, 0.493, 0.449, 0.294, 0.449, 0.600,
];

/// A text's width at `size`: NanumSquare's advances for ASCII, 0.91 em for
/// Hangul and other wide characters, 0.7 em for anything else.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| match c as u32 {
            0x20..=0x7E => ASCII_EM[(c as u32 - 0x20) as usize],
            _ if is_wide(c) => 0.91,
            _ => 0.7,
        })
        .sum::<f32>()
        * size
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60)
}

/// `text`, cut with an ellipsis to fit `max_width` at `size`.
pub fn fit(text: &str, size: f32, max_width: f32) -> String {
    if text_width(text, size) <= max_width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        let next = format!("{out}{c}…");
        if text_width(&next, size) > max_width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
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

// ---------------------------------------------------------------- trees --

fn layout_tree(scene: &mut Scene, reveal: &Reveal<'_>, brackets: &[Bracket], body: Rect) {
    let t = &reveal.state.tournament;
    let finals: Vec<Bracket> = brackets.iter().copied().filter(|b| *b == Bracket::GrandFinal).collect();
    let banded: Vec<Bracket> = brackets.iter().copied().filter(|b| *b != Bracket::GrandFinal).collect();
    // Columns: each banded bracket's rounds from the left; the grand final after.
    let rounds_of = |b: Bracket| -> Vec<u32> {
        let set: BTreeSet<u32> =
            t.matches().iter().filter(|m| m.layout.bracket == b && in_tree(t, m)).map(|m| m.layout.round).collect();
        set.into_iter().collect()
    };
    let band_cols: Vec<Vec<u32>> = banded.iter().map(|&b| rounds_of(b)).collect();
    let main_cols = band_cols.iter().map(Vec::len).max().unwrap_or(0);
    let final_rounds: Vec<u32> = finals.iter().flat_map(|&b| rounds_of(b)).collect();
    // A grand final and its reset share one column, one above the other.
    let columns = (main_cols + usize::from(!final_rounds.is_empty())).max(1);
    let gap = if columns > 4 { 28.0 } else { 36.0 };
    let col_w = (body.width() - gap * (columns as f32 - 1.0)) / columns as f32;
    let box_w = col_w.min(560.0);
    let col_x = |c: usize| body.min.x + c as f32 * (col_w + gap);

    // Bands: the height of each banded bracket, by its first round's size.
    let weights: Vec<f32> = banded
        .iter()
        .enumerate()
        .map(|(i, &b)| band_cols[i].first().map_or(1, |&r| round_size(t, b, r)).max(1) as f32)
        .collect();
    let total: f32 = weights.iter().sum::<f32>().max(1.0);
    let header_h = 40.0;
    let mut bands = Vec::new();
    let band_gap = 28.0;
    let free = body.height() - band_gap * (weights.len().max(1) - 1) as f32;
    let mut top = body.min.y;
    for (i, w) in weights.iter().enumerate() {
        if i > 0 {
            let y = top - band_gap / 2.0;
            let end = if final_rounds.is_empty() { body.max.x } else { col_x(main_cols) - gap / 2.0 };
            scene.line(Vec2::new(body.min.x, y), Vec2::new(end, y), 2.0, palette::LINE);
        }
        let h = free * w / total;
        bands.push(Rect::new(body.min.x, top, body.max.x, top + h));
        top += h + band_gap;
    }

    // The densest column decides the row height.
    let mut min_spacing = f32::MAX;
    for (i, &b) in banded.iter().enumerate() {
        for &r in &band_cols[i] {
            let n = t.matches().iter().filter(|m| m.layout.bracket == b && m.layout.round == r).count().max(1);
            min_spacing = min_spacing.min((bands[i].height() - header_h) / n as f32);
        }
    }
    if min_spacing == f32::MAX {
        min_spacing = body.height();
    }
    let row_h = ((min_spacing - 24.0) / 2.0).clamp(20.0, 58.0);
    let box_h = 2.0 * row_h + 6.0;

    let mut centre: BTreeMap<String, Vec2> = BTreeMap::new();
    let mut placed: Vec<(&MatchRecord, Rect)> = Vec::new();
    let mut headers = Vec::new();
    let feeders = |m: &MatchRecord, centre: &BTreeMap<String, Vec2>| -> Vec<f32> {
        m.slots
            .iter()
            .filter_map(|s| match &s.source {
                Source::Winner { of } => centre.get(of).map(|c| c.y),
                _ => None,
            })
            .collect()
    };
    for (i, &b) in banded.iter().enumerate() {
        let band = bands[i];
        for (c, &r) in band_cols[i].iter().enumerate() {
            let ms: Vec<&MatchRecord> =
                t.matches().iter().filter(|m| m.layout.bracket == b && m.layout.round == r).collect();
            let n = ms.len().max(1) as f32;
            let x = col_x(c);
            if let Some(m) = ms.first() {
                headers.push((Vec2::new(x + box_w / 2.0, band.min.y + header_h / 2.0), m.round_name.clone()));
            }
            let inner_top = band.min.y + header_h;
            let inner_h = band.height() - header_h;
            for (k, m) in ms.iter().enumerate() {
                let f = feeders(m, &centre);
                let y = if f.is_empty() {
                    inner_top + (k as f32 + 0.5) * inner_h / n
                } else {
                    f.iter().sum::<f32>() / f.len() as f32
                };
                let rect = Rect::new(x, y - box_h / 2.0, x + box_w, y + box_h / 2.0);
                centre.insert(m.id.clone(), rect.center());
                placed.push((m, rect));
            }
        }
    }
    let x = col_x(main_cols);
    let mut below: Option<f32> = None;
    for &r in &final_rounds {
        for m in t.matches().iter().filter(|m| finals.contains(&m.layout.bracket) && m.layout.round == r) {
            let y = match below {
                Some(bottom) => bottom + 56.0 + box_h / 2.0,
                None => {
                    let f = feeders(m, &centre);
                    let y = if f.is_empty() { body.center().y } else { f.iter().sum::<f32>() / f.len() as f32 };
                    y.clamp(body.min.y + 40.0 + box_h / 2.0, body.max.y - box_h * 1.5 - 56.0)
                }
            };
            let rect = Rect::new(x, y - box_h / 2.0, x + box_w, y + box_h / 2.0);
            headers.push((Vec2::new(x + box_w / 2.0, rect.min.y - 22.0), m.round_name.clone()));
            centre.insert(m.id.clone(), rect.center());
            below = Some(rect.max.y);
            placed.push((m, rect));
        }
    }

    for (pos, name) in headers {
        let size = MIN_TEXT;
        scene.text(pos, size, fit(&name, size, box_w), palette::DIM, false, Align::Center);
    }
    // Connectors first, boxes on top.
    let rects: BTreeMap<&str, Rect> = placed.iter().map(|(m, r)| (m.id.as_str(), *r)).collect();
    for (m, rect) in &placed {
        for (slot, info) in m.slots.iter().enumerate() {
            let Source::Winner { of } = &info.source else {
                continue;
            };
            let Some(from) = rects.get(of.as_str()) else {
                continue;
            };
            let done = reveal.known_id(of);
            let color = if done { palette::LINE_DONE } else { palette::LINE };
            let a = Vec2::new(from.max.x, from.center().y);
            let b = Vec2::new(rect.min.x, rect.min.y + 3.0 + row_h * (slot as f32 + 0.5));
            if b.x <= a.x {
                continue;
            }
            let mid = (a.x + b.x) / 2.0;
            scene.line(a, Vec2::new(mid, a.y), 3.0, color);
            scene.line(Vec2::new(mid, a.y), Vec2::new(mid, b.y), 3.0, color);
            scene.line(Vec2::new(mid, b.y), b, 3.0, color);
        }
    }
    for (m, rect) in placed {
        match_box(scene, reveal, m, rect, row_h);
    }
}

/// One slice of a large round: its matches in a grid of two columns.
fn layout_slice(
    scene: &mut Scene,
    reveal: &Reveal<'_>,
    bracket: Bracket,
    round: u32,
    positions: std::ops::RangeInclusive<u32>,
    body: Rect,
) {
    let t = &reveal.state.tournament;
    let ms: Vec<&MatchRecord> = t
        .matches()
        .iter()
        .filter(|m| m.layout.bracket == bracket && m.layout.round == round && positions.contains(&m.layout.position))
        .collect();
    let cols = 2usize;
    let rows = ms.len().div_ceil(cols).max(1);
    let gap = 40.0;
    let cell_w = (body.width() - gap) / cols as f32;
    let cell_h = (body.height() - 20.0) / rows as f32;
    let row_h = ((cell_h - 28.0) / 2.0).clamp(30.0, 58.0);
    let box_h = 2.0 * row_h + 6.0;
    let box_w = cell_w.min(720.0);
    for (k, m) in ms.iter().enumerate() {
        // Down the first column, then the second, as a bracket reads.
        let c = k / rows;
        let r = k % rows;
        let x = body.min.x + c as f32 * (cell_w + gap) + (cell_w - box_w) / 2.0;
        let y = body.min.y + 10.0 + r as f32 * cell_h + (cell_h - box_h) / 2.0;
        match_box(scene, reveal, m, Rect::new(x, y, x + box_w, y + box_h), row_h);
    }
}

/// Draws one match box: two rows of seed, avatar, name and series score.
fn match_box(scene: &mut Scene, reveal: &Reveal<'_>, m: &MatchRecord, rect: Rect, row_h: f32) {
    scene.boxes.push((m.id.clone(), rect));
    let known = reveal.is_known(m) && m.status == MatchStatus::Finished;
    let dimmed_box = matches!(m.status, MatchStatus::Bye | MatchStatus::Skipped);
    scene.rect(rect, if dimmed_box { palette::BAR } else { palette::BOX });
    let size = (row_h * 0.72).min(rect.width() / 10.5).max(MIN_TEXT.min(row_h * 0.9));
    let score = m.score();
    for slot in Slot::BOTH {
        let i = slot.index();
        let cy = rect.min.y + 3.0 + row_h * (i as f32 + 0.5);
        let mut x = rect.min.x + 8.0;
        let shown = reveal.shown(m, slot);
        let winner = known && m.winner.is_some() && m.winner == m.entrant(slot);
        let loser = known && m.loser.is_some() && m.loser == m.entrant(slot);
        let name_color = if loser { palette::DIM } else { palette::TEXT };
        // Seed.
        let seed_w = 0.62 * size * 2.0;
        if let Shown::Entrant(e) = shown {
            scene.text(Vec2::new(x + seed_w, cy), size, e.seed().to_string(), palette::DIM, false, Align::Right);
        }
        x += seed_w + 8.0;
        // Avatar.
        let av = row_h - 6.0;
        if let Shown::Entrant(e) = shown {
            scene.items.push(Item::Avatar {
                rect: Rect::new(x, cy - av / 2.0, x + av, cy + av / 2.0),
                avatar: reveal.avatar(e),
            });
        }
        x += av + 10.0;
        // Score.
        let score_w = if known { 0.6 * size + 12.0 } else { 0.0 };
        if known {
            let color = if winner { palette::WIN } else { palette::DIM };
            scene.text(Vec2::new(rect.max.x - 10.0, cy), size, score[i].to_string(), color, winner, Align::Right);
        }
        // A series level on games names the tie-break that decided it.
        let tag = match m.tie_break() {
            Some(TieBreak::HitPoints) if winner => "HP",
            Some(TieBreak::Damage) if winner => "DMG",
            Some(TieBreak::SuddenDeath) if winner => "SD",
            Some(TieBreak::Coin) if winner => "COIN",
            _ => "",
        };
        let tag_w = if tag.is_empty() { 0.0 } else { text_width(tag, MIN_TEXT) + 10.0 };
        if !tag.is_empty() {
            scene.text(
                Vec2::new(rect.max.x - 10.0 - score_w, cy),
                MIN_TEXT,
                tag,
                palette::HIGHLIGHT,
                false,
                Align::Right,
            );
        }
        let room = rect.max.x - 10.0 - score_w - tag_w - x;
        match shown {
            Shown::Entrant(e) => {
                let name = fit(&reveal.name(e), size, room);
                scene.text(Vec2::new(x, cy), size, name, name_color, winner, Align::Left);
            }
            Shown::Placeholder(p) => {
                // No seed or picture yet: the whole row for where it comes from.
                let x0 = rect.min.x + 14.0;
                let room = rect.max.x - 10.0 - score_w - x0;
                scene.text(Vec2::new(x0, cy), MIN_TEXT, fit(&p, MIN_TEXT, room), palette::DIM, false, Align::Left);
            }
            Shown::Bye => scene.text(Vec2::new(x, cy), size, "bye", palette::DIM, false, Align::Left),
        }
    }
    if reveal.cursor == Some(m.id.as_str()) {
        scene.frame(rect.inflate(7.0), palette::CURSOR, 4.0);
    }
    if reveal.highlight == Some(m.id.as_str()) {
        scene.frame(rect.inflate(3.0), palette::HIGHLIGHT, 6.0);
    } else {
        scene.frame(rect, palette::LINE, 2.0);
    }
}

// --------------------------------------------------------------- tables --

/// One line of a table as the audience has seen it.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    /// Place, from 1.
    pub place: u32,
    /// Who.
    pub entrant: EntrantIdx,
    /// Matches played, won, drawn, lost.
    pub played: u32,
    /// Matches won.
    pub wins: u32,
    /// Matches drawn.
    pub draws: u32,
    /// Matches lost.
    pub losses: u32,
    /// Points (1 a win or bye, ½ a draw).
    pub points: f64,
    /// Buchholz (Swiss).
    pub buchholz: Option<f64>,
    /// Glicko-2 rating.
    pub rating: Option<f64>,
}

impl TableRow {
    fn from_standing(s: &Standing) -> Self {
        Self {
            place: s.place,
            entrant: s.entrant,
            played: s.played,
            wins: s.wins,
            draws: s.draws,
            losses: s.losses,
            points: s.points,
            buchholz: s.buchholz,
            rating: Some(s.rating),
        }
    }
}

/// The standings as the room has seen them: the tournament's own
/// standings ([`arena_tournament::Tournament::standings_revealed`]) with
/// only the revealed matches counted, ordered by the official rules, so a
/// table never reshuffles when its last match is revealed.
pub fn provisional(reveal: &Reveal<'_>) -> Standings {
    reveal.state.tournament.standings_revealed(|m| reveal.is_known(m))
}

/// The rows of group `group`'s table (from 1), or of the whole standings.
pub fn table_rows(standings: &Standings, group: Option<u32>) -> Vec<TableRow> {
    let rows = match group {
        Some(g) => standings.groups.iter().find(|t| t.group == g).map_or(&[][..], |t| t.rows.as_slice()),
        None => &standings.rows,
    };
    rows.iter().map(TableRow::from_standing).collect()
}

fn points_text(p: f64) -> String {
    if p.fract() == 0.0 { format!("{p:.0}") } else { format!("{p:.1}") }
}

/// Which columns a table shows.
#[derive(Clone, Copy)]
struct Columns {
    rating: bool,
    buchholz: bool,
    compact: bool,
}

/// Draws a table of `rows` in `area`; rows of `marked` entrants are
/// highlighted. Returns nothing; the rows go into `scene`.
#[allow(clippy::too_many_arguments)]
fn table(
    scene: &mut Scene,
    reveal: &Reveal<'_>,
    area: Rect,
    title: Option<&str>,
    rows: &[TableRow],
    marked: &[EntrantIdx],
    cols: Columns,
    row_h: f32,
) {
    let size = (row_h * 0.66).max(MIN_TEXT);
    let mut y = area.min.y;
    // Stat columns from the right.
    let mut stats: Vec<(&str, f32)> = Vec::new();
    let cw = 0.56 * size;
    if cols.compact {
        stats.push(("W-D-L", 6.0 * cw));
        stats.push(("Pts", 3.4 * cw));
    } else {
        for h in ["P", "W", "D", "L"] {
            stats.push((h, 2.6 * cw));
        }
        stats.push(("Pts", 4.0 * cw));
        if cols.buchholz {
            stats.push(("Buch", 5.0 * cw));
        }
        if cols.rating {
            stats.push(("Rating", 6.2 * cw));
        }
    }
    let stats_w: f32 = stats.iter().map(|s| s.1).sum();
    let place_w = 2.2 * cw;
    let header = |scene: &mut Scene, y: f32, title: Option<&str>| {
        let r = Rect::new(area.min.x, y, area.max.x, y + row_h);
        scene.rect(r, palette::BAR);
        if let Some(title) = title {
            scene.text(
                Vec2::new(area.min.x + 10.0, y + row_h / 2.0),
                size,
                fit(title, size, area.width() - stats_w - 20.0),
                palette::HIGHLIGHT,
                true,
                Align::Left,
            );
        }
        let mut x = area.max.x - 8.0;
        for (h, w) in stats.iter().rev() {
            scene.text(Vec2::new(x - w / 2.0, y + row_h / 2.0), size, *h, palette::DIM, false, Align::Center);
            x -= w;
        }
    };
    header(scene, y, title);
    y += row_h;
    for (i, row) in rows.iter().enumerate() {
        let r = Rect::new(area.min.x, y, area.max.x, y + row_h);
        let shade = if i % 2 == 0 { palette::BOX } else { Color::srgb(0.09, 0.11, 0.165) };
        scene.rect(r, shade);
        let cy = y + row_h / 2.0;
        let mut x = area.min.x + 6.0;
        scene.text(Vec2::new(x + place_w, cy), size, row.place.to_string(), palette::DIM, false, Align::Right);
        x += place_w + 10.0;
        let av = row_h - 8.0;
        scene.items.push(Item::Avatar {
            rect: Rect::new(x, cy - av / 2.0, x + av, cy + av / 2.0),
            avatar: reveal.avatar(row.entrant),
        });
        x += av + 10.0;
        let room = area.max.x - 8.0 - stats_w - x - 6.0;
        scene.text(
            Vec2::new(x, cy),
            size,
            fit(&reveal.name(row.entrant), size, room),
            palette::TEXT,
            row.place == 1 && row.played > 0,
            Align::Left,
        );
        let values: Vec<String> = if cols.compact {
            vec![format!("{}-{}-{}", row.wins, row.draws, row.losses), points_text(row.points)]
        } else {
            let mut v = vec![
                row.played.to_string(),
                row.wins.to_string(),
                row.draws.to_string(),
                row.losses.to_string(),
                points_text(row.points),
            ];
            if cols.buchholz {
                v.push(row.buchholz.map_or_else(|| "-".to_owned(), points_text));
            }
            if cols.rating {
                v.push(row.rating.map_or_else(|| "-".to_owned(), |r| format!("{r:.0}")));
            }
            v
        };
        let mut sx = area.max.x - 8.0;
        for ((_, w), v) in stats.iter().zip(values.iter()).rev() {
            scene.text(Vec2::new(sx - w / 2.0, cy), size, v.clone(), palette::TEXT, false, Align::Center);
            sx -= w;
        }
        if marked.contains(&row.entrant) {
            scene.frame(r, palette::HIGHLIGHT, 4.0);
        }
        y += row_h;
    }
}

fn layout_groups(scene: &mut Scene, reveal: &Reveal<'_>, body: Rect) {
    let t = &reveal.state.tournament;
    let groups = t.groups();
    let n = groups.len().max(1);
    let cols = match n {
        1 | 2 => n,
        3 | 4 => 2,
        5 | 6 => 3,
        7 | 8 => 4,
        9..=12 => 4,
        13..=16 => 4,
        _ => 6,
    };
    let rows = n.div_ceil(cols);
    let gap = 24.0;
    let cell_w = (body.width() - gap * (cols as f32 - 1.0)) / cols as f32;
    let cell_h = (body.height() - gap * (rows as f32 - 1.0)) / rows as f32;
    let most = groups.iter().map(|g| g.members.len()).max().unwrap_or(1);
    let row_h = (cell_h / (most as f32 + 1.0)).clamp(30.0, 56.0);
    let highlight = reveal.highlight.and_then(|id| t.match_by_id(id));
    let standings = provisional(reveal);
    for (gi, g) in groups.iter().enumerate() {
        let c = gi % cols;
        let r = gi / cols;
        let x = body.min.x + c as f32 * (cell_w + gap);
        let y = body.min.y + r as f32 * (cell_h + gap);
        let area = Rect::new(x, y, x + cell_w, y + cell_h);
        let group_no = gi as u32 + 1;
        let in_group = |m: &MatchRecord| m.layout.bracket == Bracket::Group { group: group_no };
        let rows = table_rows(&standings, Some(group_no));
        let marked: Vec<EntrantIdx> =
            highlight.filter(|m| in_group(m)).and_then(|m| m.entrants()).map(|e| e.to_vec()).unwrap_or_default();
        table(
            scene,
            reveal,
            area,
            Some(&g.name),
            &rows,
            &marked,
            Columns { rating: false, buchholz: false, compact: true },
            row_h,
        );
        let used = Rect::new(area.min.x, area.min.y, area.max.x, area.min.y + row_h * (rows.len() as f32 + 1.0));
        if !marked.is_empty() {
            scene.frame(used.inflate(4.0), palette::HIGHLIGHT, 3.0);
        }
        if let Some(m) = highlight.filter(|m| in_group(m)) {
            scene.boxes.push((m.id.clone(), used));
        }
    }
}

fn layout_table_page(scene: &mut Scene, reveal: &Reveal<'_>, body: Rect) {
    let t = &reveal.state.tournament;
    let swiss = matches!(t.config().format, Format::Swiss { .. });
    let rows = table_rows(&provisional(reveal), None);
    let highlight = reveal.highlight.and_then(|id| t.match_by_id(id));
    let marked: Vec<EntrantIdx> = highlight.and_then(|m| m.entrants()).map(|e| e.to_vec()).unwrap_or_default();

    // The standings on the left, in as many columns as they need.
    // Rows as tall as fit (up to 64), at least 46.
    let row_h = (body.height() / (rows.len() as f32 + 1.0)).clamp(46.0, 64.0);
    let per_col = ((body.height() / row_h) as usize).saturating_sub(1).max(1);
    // Beside a table of one or two columns, one round's matches; a longer
    // table takes the whole width.
    let with_list = rows.len().div_ceil(per_col) <= 2;
    let list_w = if with_list { 560.0 } else { 0.0 };
    let table_area =
        Rect::new(body.min.x, body.min.y, body.max.x - list_w - if with_list { 24.0 } else { 0.0 }, body.max.y);
    let ncols = rows.len().div_ceil(per_col).max(1);
    let gap = 20.0;
    let col_w = (table_area.width() - gap * (ncols as f32 - 1.0)) / ncols as f32;
    let wide = col_w > 900.0;
    for (c, chunk) in rows.chunks(per_col).enumerate() {
        let x = table_area.min.x + c as f32 * (col_w + gap);
        let area = Rect::new(x, table_area.min.y, x + col_w, table_area.max.y);
        table(
            scene,
            reveal,
            area,
            Some(if c == 0 { "Standings" } else { "" }),
            chunk,
            &marked,
            Columns { rating: wide || ncols == 1, buchholz: swiss && wide, compact: !wide && ncols > 1 },
            row_h,
        );
    }

    if !with_list {
        return;
    }
    // One round's matches on the right: the highlighted match's round, else
    // the latest round with a shown result, else the first.
    let round = highlight
        .map(|m| m.layout.round)
        .or_else(|| t.matches().iter().filter(|m| reveal.is_known(m)).map(|m| m.layout.round).max())
        .unwrap_or(1);
    let ms: Vec<&MatchRecord> =
        t.matches().iter().filter(|m| m.layout.bracket == Bracket::Rounds && m.layout.round == round).collect();
    let x = body.max.x - list_w;
    let header_h = 46.0;
    let box_row = 40.0;
    let box_h = 2.0 * box_row + 6.0;
    let fits = (((body.height() - header_h) / (box_h + 12.0)) as usize).max(1);
    let start = highlight
        .and_then(|h| ms.iter().position(|m| m.id == h.id))
        .map_or(0, |i| i.saturating_sub(fits - 1).min(ms.len().saturating_sub(fits)));
    let name = ms.first().map_or_else(|| format!("Round {round}"), |m| m.round_name.clone());
    scene.rect(Rect::new(x, body.min.y, body.max.x, body.min.y + header_h), palette::BAR);
    scene.text(
        Vec2::new(x + 10.0, body.min.y + header_h / 2.0),
        MIN_TEXT + 2.0,
        name,
        palette::HIGHLIGHT,
        true,
        Align::Left,
    );
    let mut y = body.min.y + header_h + 10.0;
    for m in ms.iter().skip(start).take(fits) {
        let rect = Rect::new(x, y, body.max.x, y + box_h);
        match_box(scene, reveal, m, rect, box_row);
        y += box_h + 12.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_long_names_with_an_ellipsis() {
        assert_eq!(fit("Zoner", 30.0, 1000.0), "Zoner");
        let cut = fit("A very long bot name indeed", 30.0, 200.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 30.0) <= 200.0);
        let hangul = fit("번개주먹번개주먹번개주먹", 30.0, 150.0);
        assert!(text_width(&hangul, 30.0) <= 150.0, "{hangul}");
    }
}
