//! The fight: the stage, the fighters posed for what they are doing,
//! fireballs and hit sparks, then the HUD, banner, panel and scrub bar over
//! them.

use crate::color::Color;
use crate::geom::{Rect, Vec2};
use arena_sim::{Action, Activity, Contact, Side};

use crate::bracket::Align;

use crate::pose::{Bone, Flash, Shade, figure};
use crate::timeline::{MatchView, Playhead};

mod hud;
mod panel;
mod scrub_bar;

use std::path::PathBuf;

use hud::{draw_banner, draw_hud};
use panel::draw_panel;
use scrub_bar::draw_scrub_bar;
pub use scrub_bar::{scrub_bar_rect, speed_text};

use crate::display::{Img, Painter, Shape};

/// The left fighter's colour.
pub const LEFT_COLOR: Color = Color::srgb(1.0, 0.38, 0.26);
/// The right fighter's colour.
pub const RIGHT_COLOR: Color = Color::srgb(0.22, 0.68, 1.0);

/// Pixels per stage unit.
const K: f32 = 1.7;
/// The stage floor, in world coordinates (y up, origin at the centre).
const GROUND_Y: f32 = -230.0;

/// The colour of the left (0) or right (1) fighter.
pub fn side_color(side: usize) -> Color {
    if side == 0 { LEFT_COLOR } else { RIGHT_COLOR }
}

/// Stage x (0..stage width) to world x.
fn stage_x(x: f32, width: f32) -> f32 {
    (x - width / 2.0) * K
}

/// What the fight shows besides the replay: where the pictures are, the
/// caption, the panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decor {
    /// The left and right bots' PNGs (a file for the viewer, an address for
    /// the page), when they have one; else their identicons are drawn.
    pub avatars: [Option<PathBuf>; 2],
    /// A line above the fight: where the match sits in the tournament.
    pub caption: Option<String>,
    /// Whether the side panel (logs, faults, actions asked and applied) is
    /// shown.
    pub show_panel: bool,
}

/// Paints one frame of the fight at the playhead: the stage, the fighters,
/// fireballs and sparks, then the HUD, the banner, the panel and the scrub
/// bar.
pub fn draw_match(p: &mut Painter, view: &MatchView, head: &Playhead, decor: &Decor) {
    let replay = &view.replay;
    let rules = &replay.rules;
    let round = &view.rounds[head.round.min(view.rounds.len() - 1)];
    let tick = head.tick.min(round.last_tick());
    let state = &round.states[tick];
    let width = rules.stage_width as f32;

    // Backdrop: sky gradient bands and the floor.
    p.rect(Rect::new(-960.0, GROUND_Y, 960.0, 330.0), Color::srgb(0.06, 0.08, 0.13));
    p.rect(Rect::new(-960.0, GROUND_Y - 4.0, 960.0, GROUND_Y + 60.0), Color::srgb(0.07, 0.095, 0.15));
    p.rect(Rect::new(-960.0, -540.0, 960.0, GROUND_Y), Color::srgb(0.13, 0.12, 0.16));
    p.rect(
        Rect::new(stage_x(0.0, width), GROUND_Y - 3.0, stage_x(width, width), GROUND_Y + 3.0),
        Color::srgb(0.55, 0.52, 0.6),
    );
    for x in [0.0, width] {
        let wx = stage_x(x, width);
        p.rect(Rect::new(wx - 4.0, GROUND_Y, wx + 4.0, 300.0), Color::srgb(0.25, 0.28, 0.38));
    }
    for i in 1..10 {
        let wx = stage_x(width * i as f32 / 10.0, width);
        p.rect(Rect::new(wx - 1.5, GROUND_Y - 16.0, wx + 1.5, GROUND_Y - 3.0), Color::srgb(0.35, 0.33, 0.42));
    }

    // Recent hits, for sparks and the thrown pose.
    let recent_from = tick.saturating_sub(16);
    let mut thrown = [false, false];
    // The latest hit on each fighter (older ones in the window are replaced).
    let mut latest: [Option<(usize, arena_sim::HitEvent)>; 2] = [None, None];
    let mut cancelled: Option<usize> = None;
    for t in recent_from + 1..=tick {
        for hit in round.events[t].hits() {
            let d = hit.defender.index();
            if hit.attack == Action::Throw && hit.contact != Contact::Guarded {
                thrown[d] = true;
            }
            latest[d] = Some((tick - t, *hit));
        }
        if round.events[t].fireballs_cancelled {
            cancelled = Some(tick - t);
        }
    }
    let sparks: Vec<(usize, arena_sim::HitEvent)> = latest.into_iter().flatten().collect();

    // Fighters.
    for side in Side::BOTH {
        let i = side.index();
        let f = &state.fighters[i];
        let fig = figure(f, rules, state.tick, thrown[i] && matches!(f.activity, Activity::HitStun { .. }));
        let dir = side.forward() as f32;
        let base = Vec2::new(stage_x(f.x as f32, width), GROUND_Y + f.y as f32 * K);
        // Shadow.
        let shadow_w = (70.0 - f.y as f32 * 0.2).max(30.0) * K;
        p.out.push(Shape::Quad {
            center: Vec2::new(base.x, GROUND_Y - 2.0),
            size: Vec2::new(shadow_w, 14.0),
            rotation: 0.0,
            color: Color::srgba(0.0, 0.0, 0.0, 0.5),
            image: Img::Disc,
        });
        let color = side_color(i);
        let hit_recently =
            sparks.iter().any(|(age, h)| h.defender == side && *age < 4 && h.contact != Contact::Guarded);
        let tint = |shade: Shade| -> Color {
            let c = match shade {
                Shade::Back => color.scaled(0.62),
                Shade::Body => color,
                Shade::Front => color.mix(Color::WHITE, 0.18),
                Shade::Fist => color.mix(Color::WHITE, 0.35),
                Shade::Strike => Color::srgb(1.0, 0.95, 0.45),
                Shade::Shield => Color::srgba(0.45, 1.0, 0.6, 0.8),
                Shade::Charge => Color::srgb(1.0, 0.7, 0.2),
            };
            match fig.flash {
                Flash::None => c,
                Flash::Hit if hit_recently && shade != Shade::Shield => Color::WHITE,
                Flash::Hit => c.mix(Color::srgb(1.0, 0.15, 0.15), 0.45),
                Flash::KnockedOut => c.mix(Color::srgb(0.35, 0.35, 0.38), 0.6),
            }
        };
        let place = |v: Vec2| base + Vec2::new(v.x * dir, v.y) * K;
        for bone in &fig.bones {
            match *bone {
                Bone::Segment { a, b, width: w, shade } => p.segment(place(a), place(b), w * K, tint(shade)),
                Bone::Disc { c, r, shade } => p.disc(place(c), r * K, tint(shade)),
            }
        }
        // Fireball on the stage.
        if let Some(ball) = f.fireball {
            let c = Vec2::new(stage_x(ball.x as f32, width), GROUND_Y + 100.0 * K);
            for k in 1..5 {
                let trail = c - Vec2::new(dir * 34.0 * k as f32, 0.0);
                p.disc(trail, 40.0 - 6.0 * k as f32, Color::srgba(1.0, 0.5, 0.1, 0.55 - 0.11 * k as f32));
            }
            p.disc(c, 62.0, color.mix(Color::srgba(1.0, 0.45, 0.1, 0.5), 0.6));
            p.disc(c, 44.0, Color::srgb(1.0, 0.6, 0.15));
            p.disc(c, 30.0, Color::srgb(1.0, 0.9, 0.4));
            p.disc(c, 14.0, Color::WHITE);
        }
        // The action, in words, under the fighter; pushed apart outward when
        // the fighters stand close.
        let other = stage_x(state.fighters[1 - i].x as f32, width);
        let (x, align) = if (other - base.x).abs() < 560.0 {
            let mid = (other + base.x) / 2.0;
            if i == 0 { (mid - 16.0, Align::Right) } else { (mid + 16.0, Align::Left) }
        } else {
            (base.x, Align::Center)
        };
        p.text(Vec2::new(x, GROUND_Y - 40.0), 34.0, fig.label.to_uppercase(), color, true, align);
    }

    // Sparks where hits landed.
    for (age, hit) in &sparks {
        let d = &state.fighters[hit.defender.index()];
        let toward = hit.defender.forward() as f32;
        let height = match hit.attack {
            Action::Punch => 130.0,
            Action::Kick => 30.0,
            _ => 100.0,
        };
        let c = Vec2::new(
            stage_x(d.x as f32 + toward * rules.body_width as f32 * 0.5, width),
            GROUND_Y + (d.y as f32 + height) * K,
        );
        let life = 1.0 - *age as f32 / 16.0;
        let (color, word) = match hit.contact {
            Contact::Hit => (Color::srgba(1.0, 0.9, 0.3, life), "HIT"),
            Contact::CounterHit => (Color::srgba(1.0, 0.3, 0.9, life), "COUNTER!"),
            Contact::Guarded => (Color::srgba(0.5, 1.0, 0.65, life), "GUARD"),
        };
        let r = 30.0 + 50.0 * (1.0 - life) + if hit.contact == Contact::CounterHit { 20.0 } else { 0.0 };
        p.disc(c, r, color);
        p.disc(c, r * 0.5, Color::srgba(1.0, 1.0, 1.0, life));
        let word = if hit.attack == Action::Throw && hit.contact != Contact::Guarded { "THROW!" } else { word };
        let rise = *age as f32 * 3.0;
        p.text(c + Vec2::new(0.0, 80.0 + rise), 44.0, word, color, true, Align::Center);
        p.text(
            c + Vec2::new(0.0, 36.0 + rise),
            32.0,
            format!("-{}", hit.damage),
            Color::srgba(1.0, 1.0, 1.0, life),
            true,
            Align::Center,
        );
    }

    // Two fireballs that met: a burst between the fighters.
    if let Some(age) = cancelled {
        let x = (state.fighters[0].x + state.fighters[1].x) as f32 / 2.0;
        let c = Vec2::new(stage_x(x, width), GROUND_Y + 100.0 * K);
        let life = 1.0 - age as f32 / 16.0;
        p.disc(c, 40.0 + 60.0 * (1.0 - life), Color::srgba(1.0, 0.55, 0.1, life));
        p.disc(c, 24.0, Color::srgba(1.0, 0.95, 0.6, life));
        p.text(
            c + Vec2::new(0.0, 90.0 + age as f32 * 3.0),
            44.0,
            "CANCELLED",
            Color::srgba(1.0, 0.7, 0.3, life),
            true,
            Align::Center,
        );
    }

    draw_hud(p, view, head, decor, state);
    draw_banner(p, view, head);
    if decor.show_panel {
        draw_panel(p, view, head);
    }
    draw_scrub_bar(p, view, head);
}
