//! The side panel (Tab), for bot authors: what each bot asked for against
//! what the engine applied, and its logs and faults.

use crate::color::Color;
use crate::geom::{Rect, Vec2};
use arena_sim::{Action, FaultKind, Input, Side};

use crate::bracket::{Align, palette};
use crate::timeline::{MatchView, Playhead};

use super::side_color;
use crate::display::Painter;

/// The side panel: per bot, the action asked for against what was applied,
/// its log lines and faults up to this tick.
pub(super) fn draw_panel(p: &mut Painter, view: &MatchView, head: &Playhead) {
    let round = &view.rounds[head.round];
    let tick = head.tick.min(round.last_tick());
    let round_no = head.round as i32 + 1;
    p.rect(Rect::new(-940.0, -452.0, 940.0, -290.0), Color::srgba(0.0, 0.0, 0.0, 0.7));
    for side in Side::BOTH {
        let i = side.index();
        let x0 = if i == 0 { -920.0 } else { 20.0 };
        let color = side_color(i);
        let asked = if tick == 0 { None } else { Some(round.inputs[tick][i]) };
        let started = tick > 0 && round.events[tick].started[i];
        let line = match asked {
            None => "asked: —".to_owned(),
            Some(Input::Act(a)) => {
                let applied = if started {
                    "started".to_owned()
                } else if a == Action::Fireball && round.states[tick - 1].fighters[i].is_actionable() {
                    "ignored (not enough energy)".to_owned()
                } else if a == Action::Idle {
                    "idle".to_owned()
                } else {
                    "ignored (busy)".to_owned()
                };
                format!("tick {tick}: asked {} → {applied}", a.name())
            }
            Some(Input::Thinking) => format!("tick {tick}: still thinking (idles)"),
            Some(Input::Fault) => format!("tick {tick}: FAULT"),
        };
        p.text(Vec2::new(x0, -312.0), 28.0, line, color, true, Align::Left);
        // Faults and logs up to now, newest last.
        let mut lines: Vec<(String, Color)> = Vec::new();
        for f in view
            .replay
            .faults
            .iter()
            .filter(|f| f.side == side && (f.round < round_no || (f.round == round_no && f.tick as usize <= tick)))
        {
            lines.push((
                format!("r{} t{} {}: {}", f.round, f.tick, fault_word(f.kind), f.message),
                Color::srgb(1.0, 0.4, 0.35),
            ));
        }
        for l in view
            .replay
            .logs
            .iter()
            .filter(|l| l.side == side && (l.round < round_no || (l.round == round_no && l.tick as usize <= tick)))
        {
            let c = if l.stream == arena_sim::LogStream::Stderr { Color::srgb(1.0, 0.75, 0.5) } else { palette::TEXT };
            lines.push((format!("r{} t{} {}", l.round, l.tick, l.text), c));
        }
        let shown = lines.len().saturating_sub(3);
        if lines.is_empty() {
            p.text(Vec2::new(x0, -352.0), 28.0, "(no log lines yet)", palette::DIM, false, Align::Left);
        }
        for (k, (text, c)) in lines.into_iter().skip(shown).enumerate() {
            let t = crate::bracket::fit(&text, 28.0, 880.0);
            p.text(Vec2::new(x0, -352.0 - 34.0 * k as f32), 28.0, t, c, false, Align::Left);
        }
    }
}

fn fault_word(kind: FaultKind) -> &'static str {
    kind.name()
}
