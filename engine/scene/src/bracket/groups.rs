//! The group stage page: every group's table, in a grid.

use crate::geom::Rect;
use arena_tournament::{Bracket, EntrantIdx, MatchRecord};

use super::palette;
use super::reveal::Reveal;
use super::scene::Scene;
use super::tables::{Columns, provisional, table, table_rows};

pub(super) fn layout_groups(scene: &mut Scene, reveal: &Reveal<'_>, body: Rect) {
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
