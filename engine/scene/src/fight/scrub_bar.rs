//! The scrub bar under the fight, with its rounds marked, and the status
//! line: paused or playing, speed, round and tick.

use crate::color::Color;
use crate::geom::{Rect, Vec2};

use crate::bracket::{Align, palette};
use crate::timeline::{MatchView, Playhead};

use crate::display::Painter;

/// Where the scrub bar lies (world coordinates): a click or a drag there
/// seeks.
pub fn scrub_bar_rect() -> Rect {
    Rect::new(-900.0, -492.0, 900.0, -474.0)
}

/// The speed as the status line shows it: `1×`, `0.25×`.
pub fn speed_text(head: &Playhead) -> String {
    let s = head.speed();
    if s >= 1.0 { format!("{s:.0}×") } else { format!("{s}×") }
}

/// The ticks each bot spent suspended, as red marks: above the bar for the
/// left bot, below it for the right; a run of ticks is one mark.
fn draw_suspensions(p: &mut Painter, round: &crate::timeline::RoundTrack, (x, w): (f32, f32), bar: Rect) {
    let per_tick = w / round.states.len().max(1) as f32;
    for side in arena_sim::Side::BOTH {
        let i = side.index();
        let (y0, y1) = if i == 0 { (bar.max.y, bar.max.y + 6.0) } else { (bar.min.y - 6.0, bar.min.y) };
        let mut t = 0;
        while t < round.inputs.len() {
            if round.inputs[t][i] != arena_sim::Input::Thinking {
                t += 1;
                continue;
            }
            let start = t;
            while t < round.inputs.len() && round.inputs[t][i] == arena_sim::Input::Thinking {
                t += 1;
            }
            let (a, b) = (x + per_tick * start as f32, x + per_tick * t as f32);
            p.rect(Rect::new(a, y0, b.max(a + 2.0), y1), Color::srgb(1.0, 0.3, 0.25));
        }
    }
}

pub(super) fn draw_scrub_bar(p: &mut Painter, view: &MatchView, head: &Playhead) {
    let bar = scrub_bar_rect();
    let total = view.timeline_len().max(1) as f32;
    let mut x = bar.min.x;
    for (i, r) in view.rounds.iter().enumerate() {
        let w = bar.width() * r.states.len() as f32 / total;
        let c = if i % 2 == 0 { Color::srgb(0.3, 0.33, 0.45) } else { Color::srgb(0.22, 0.25, 0.35) };
        p.rect(Rect::new(x, bar.min.y, x + w, bar.max.y), c);
        p.rect(Rect::new(x - 2.0, bar.min.y - 10.0, x + 2.0, bar.max.y + 10.0), palette::TEXT);
        p.text(Vec2::new(x + 8.0, bar.max.y + 22.0), 28.0, format!("R{}", i + 1), palette::DIM, false, Align::Left);
        draw_suspensions(p, r, (x, w), bar);
        x += w;
    }
    let fx = bar.min.x + bar.width() * head.fraction(view);
    p.rect(Rect::new(bar.min.x, bar.min.y, fx, bar.max.y), Color::srgb(0.95, 0.75, 0.25));
    p.rect(Rect::from_center_size(Vec2::new(fx, bar.center().y), Vec2::new(10.0, 40.0)), Color::WHITE);
    // Status line.
    let round = &view.rounds[head.round];
    let state = if head.paused { "■ PAUSED" } else { "▶ playing" };
    let status = format!(
        "{state} · {} · round {} of {} · tick {} / {}",
        speed_text(head),
        head.round + 1,
        view.rounds.len(),
        head.tick,
        round.last_tick()
    );
    p.text(Vec2::new(-920.0, -520.0), 28.0, status, palette::TEXT, false, Align::Left);
    p.text(
        Vec2::new(920.0, -520.0),
        28.0,
        "space · ←→ step · [ ] speed · 1-5 round · Tab panel",
        palette::DIM,
        false,
        Align::Right,
    );
}
