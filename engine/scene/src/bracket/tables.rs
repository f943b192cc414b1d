//! Standings tables as the room has seen them, and the round robin or
//! Swiss page: the standings beside one round's matches.

use crate::color::Color;
use crate::geom::{Rect, Vec2};
use arena_tournament::{Bracket, EntrantIdx, Format, MatchRecord, Standing, Standings};

use super::match_box::match_box;
use super::palette;
use super::reveal::Reveal;
use super::scene::{Align, Item, MIN_TEXT, Scene};
use super::text::fit;

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
pub(super) struct Columns {
    pub(super) rating: bool,
    pub(super) buchholz: bool,
    pub(super) compact: bool,
}

/// Draws a table of `rows` in `area`; rows of `marked` entrants are
/// highlighted. Returns nothing; the rows go into `scene`.
#[allow(clippy::too_many_arguments)]
pub(super) fn table(
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

pub(super) fn layout_table_page(scene: &mut Scene, reveal: &Reveal<'_>, body: Rect) {
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
