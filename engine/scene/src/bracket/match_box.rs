//! One match box, as trees, slices and the round beside a table show it.

use crate::geom::{Rect, Vec2};
use arena_tournament::{MatchRecord, MatchStatus, Slot, TieBreak};

use super::palette;
use super::reveal::{Reveal, Shown};
use super::scene::{Align, Item, MIN_TEXT, Scene};
use super::text::{fit, text_width};

/// Draws one match box: two rows of seed, avatar, name and series score.
pub(super) fn match_box(scene: &mut Scene, reveal: &Reveal<'_>, m: &MatchRecord, rect: Rect, row_h: f32) {
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
