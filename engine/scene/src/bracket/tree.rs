//! Elimination trees: rounds in columns, each match level with the matches
//! that feed it, connectors between; and the slices of rounds too large for
//! a tree.

use std::collections::{BTreeMap, BTreeSet};

use crate::geom::{Rect, Vec2};
use arena_tournament::{Bracket, MatchRecord, Source};

use super::match_box::match_box;
use super::pages::{in_tree, round_size};
use super::palette;
use super::reveal::Reveal;
use super::scene::{Align, MIN_TEXT, Scene};
use super::text::fit;

pub(super) fn layout_tree(scene: &mut Scene, reveal: &Reveal<'_>, brackets: &[Bracket], body: Rect) {
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
pub(super) fn layout_slice(
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
