//! The HUD over the fight (avatars, names, hit points, energy, round
//! wins, timer, caption) and the banners that open and close a round.

use crate::color::Color;
use crate::geom::{Rect, Vec2};
use arena_sim::{RoundEnd, Side};

use super::Decor;
use crate::bracket::{Align, AvatarRef, palette};
use crate::timeline::{MatchView, Playhead};

use super::side_color;
use crate::display::Painter;

pub(super) fn draw_hud(
    p: &mut Painter,
    view: &MatchView,
    head: &Playhead,
    decor: &Decor,
    state: &arena_sim::RoundState,
) {
    let replay = &view.replay;
    let rules = &replay.rules;
    let round = &view.rounds[head.round];
    // Round wins so far (including this round once it has ended on screen).
    let mut wins = round.wins_before;
    if head.tick >= round.last_tick()
        && let Some(w) = round.result.winner
    {
        wins[w.index()] += 1;
    }
    p.rect(Rect::new(-960.0, 330.0, 960.0, 540.0), palette::BAR);
    for side in Side::BOTH {
        let i = side.index();
        let s = if i == 0 { -1.0 } else { 1.0 };
        let f = &state.fighters[i];
        let bot = &replay.bots[i];
        let color = side_color(i);
        // Avatar.
        let av = Rect::from_center_size(Vec2::new(s * 880.0, 458.0), Vec2::splat(124.0));
        let avatar = AvatarRef { sha256: bot.sha256.clone(), png: decor.avatars[i].clone() };
        p.avatar(av, &avatar);
        p.frame(av.inflate(3.0), color, 5.0);
        // Name and author.
        let align = if i == 0 { Align::Left } else { Align::Right };
        let name = crate::bracket::fit(&bot.name, 50.0, 560.0);
        p.text(Vec2::new(s * 796.0, 496.0), 50.0, name, palette::TEXT, true, align);
        let author = crate::bracket::fit(&format!("by {}", bot.author), 30.0, 420.0);
        p.text(Vec2::new(s * 796.0, 450.0), 30.0, author, palette::DIM, false, align);
        // Hit points: anchored at the centre, draining outward.
        let hp = (f.hit_points.max(0) as f32 / rules.hit_points.max(1) as f32).clamp(0.0, 1.0);
        let (inner, outer) = (s * 120.0, s * 796.0);
        let bar = Rect::from_corners(Vec2::new(inner, 392.0), Vec2::new(outer, 428.0));
        p.rect(bar.inflate(4.0), Color::srgb(0.02, 0.02, 0.03));
        p.rect(bar, Color::srgb(0.35, 0.08, 0.08));
        let fill_end = inner + (outer - inner) * hp;
        let hp_color = if hp > 0.5 {
            Color::srgb(0.98, 0.86, 0.22)
        } else if hp > 0.25 {
            Color::srgb(1.0, 0.6, 0.15)
        } else {
            Color::srgb(1.0, 0.25, 0.2)
        };
        if hp > 0.0 {
            p.rect(Rect::from_corners(Vec2::new(inner, 392.0), Vec2::new(fill_end, 428.0)), hp_color);
        }
        p.text(
            Vec2::new(inner + s * 14.0, 410.0),
            30.0,
            f.hit_points.max(0).to_string(),
            Color::srgb(0.05, 0.05, 0.08),
            true,
            if i == 0 { Align::Right } else { Align::Left },
        );
        // Energy, with the fireball's cost marked.
        let e = (f.energy as f32 / rules.max_energy.max(1) as f32).clamp(0.0, 1.0);
        let ebar = Rect::from_corners(Vec2::new(inner, 352.0), Vec2::new(outer, 374.0));
        p.rect(ebar.inflate(3.0), Color::srgb(0.02, 0.02, 0.03));
        p.rect(ebar, Color::srgb(0.07, 0.12, 0.2));
        let ready = f.energy >= rules.fireball_cost;
        let ecolor = if ready { Color::srgb(0.3, 0.9, 1.0) } else { Color::srgb(0.2, 0.45, 0.75) };
        if e > 0.0 {
            p.rect(Rect::from_corners(Vec2::new(inner, 352.0), Vec2::new(inner + (outer - inner) * e, 374.0)), ecolor);
        }
        let cost = rules.fireball_cost as f32 / rules.max_energy.max(1) as f32;
        let mx = inner + (outer - inner) * cost;
        p.rect(Rect::from_center_size(Vec2::new(mx, 363.0), Vec2::new(4.0, 30.0)), Color::WHITE);
        draw_fuel(p, round, head.tick, side, rules.limits.tick_fuel, (inner, outer));
        // Round wins.
        for k in 0..rules.rounds_to_win.max(1) {
            let c = Vec2::new(s * (140.0 + 44.0 * k as f32), 316.0);
            p.disc(c, 16.0, Color::srgb(0.02, 0.02, 0.03));
            let won = k < wins[i];
            p.disc(c, 12.0, if won { palette::HIGHLIGHT } else { Color::srgb(0.2, 0.22, 0.3) });
        }
    }
    // Timer and round.
    let left = (rules.round_ticks - state.tick).max(0);
    let secs = (left + rules.ticks_per_second - 1) / rules.ticks_per_second.max(1);
    p.rect(Rect::from_center_size(Vec2::new(0.0, 440.0), Vec2::new(200.0, 150.0)), Color::srgb(0.02, 0.025, 0.04));
    p.text(
        Vec2::new(0.0, 454.0),
        96.0,
        secs.to_string(),
        if secs <= 5 { Color::srgb(1.0, 0.35, 0.3) } else { palette::TEXT },
        true,
        Align::Center,
    );
    let kind = if view.replay.kind == arena_sim::MatchKind::SuddenDeath { "SUDDEN DEATH" } else { "ROUND" };
    let label = if kind == "ROUND" { format!("ROUND {}", head.round + 1) } else { kind.to_owned() };
    p.text(Vec2::new(0.0, 386.0), 30.0, label, palette::HIGHLIGHT, true, Align::Center);
    if let Some(caption) = &decor.caption {
        let c = crate::bracket::fit(caption, 30.0, 1500.0);
        p.rect(
            Rect::from_center_size(Vec2::new(0.0, 268.0), Vec2::new(1560.0, 44.0)),
            Color::srgba(0.0, 0.0, 0.0, 0.55),
        );
        p.text(Vec2::new(0.0, 268.0), 30.0, c, palette::TEXT, false, Align::Center);
    }
}

/// Where tick_fuel sits on the fuel bar: a tick that spends its whole
/// slice (a suspended tick) fills the bar to this mark, and the rest of the
/// bar shows a call that answered a little past it.
const FUEL_MARK: f32 = 0.8;

/// The fuel the bot spent on this tick as a thin bar under its energy, with
/// the tick_fuel line; red, and labelled, on a tick it was suspended.
/// Nothing for a native fighter, which has no fuel.
fn draw_fuel(
    p: &mut Painter,
    round: &crate::timeline::RoundTrack,
    tick: usize,
    side: Side,
    tick_fuel: u64,
    (inner, outer): (f32, f32),
) {
    let i = side.index();
    let t = tick.min(round.last_tick());
    if round.fuel.iter().all(|f| f[i].is_none()) {
        return;
    }
    let spent = round.fuel[t][i].unwrap_or(0);
    let suspended = round.inputs[t][i] == arena_sim::Input::Thinking;
    let fraction = (spent as f32 / tick_fuel.max(1) as f32 * FUEL_MARK).clamp(0.0, 1.0);
    let bar = Rect::from_corners(Vec2::new(inner, 334.0), Vec2::new(outer, 344.0));
    p.rect(bar.inflate(2.0), Color::srgb(0.02, 0.02, 0.03));
    p.rect(bar, Color::srgb(0.12, 0.12, 0.1));
    let color = if suspended { Color::srgb(1.0, 0.3, 0.25) } else { Color::srgb(0.55, 0.85, 0.35) };
    if fraction > 0.0 {
        let end = inner + (outer - inner) * fraction;
        p.rect(Rect::from_corners(Vec2::new(inner, 334.0), Vec2::new(end, 344.0)), color);
    }
    let mark = inner + (outer - inner) * FUEL_MARK;
    p.rect(Rect::from_center_size(Vec2::new(mark, 339.0), Vec2::new(3.0, 18.0)), Color::WHITE);
    if suspended {
        let align = if i == 0 { Align::Left } else { Align::Right };
        p.text(Vec2::new(outer, 318.0), 22.0, "SUSPENDED".to_owned(), Color::srgb(1.0, 0.3, 0.25), true, align);
    }
}

/// "ROUND 1 · FIGHT!" at the start, "K.O." and the round's winner at the end.
pub(super) fn draw_banner(p: &mut Painter, view: &MatchView, head: &Playhead) {
    let round = &view.rounds[head.round];
    let names = [&view.replay.bots[0].name, &view.replay.bots[1].name];
    let big = |p: &mut Painter, text: &str, color: Color| {
        p.rect(
            Rect::from_center_size(Vec2::new(0.0, 120.0), Vec2::new(1920.0, 170.0)),
            Color::srgba(0.0, 0.0, 0.0, 0.55),
        );
        p.text(Vec2::new(0.0, 135.0), 120.0, text.to_owned(), color, true, Align::Center);
    };
    if head.tick >= round.last_tick() {
        let r = round.result;
        let word = match (r.end, r.winner) {
            (_, None) => "DRAW",
            (RoundEnd::KnockOut, _) => "K.O.",
            (RoundEnd::TimeOut, _) => "TIME",
            (RoundEnd::Fault, _) => "FAULT",
            (RoundEnd::FirstHit, _) => "FIRST HIT",
        };
        big(p, word, palette::HIGHLIGHT);
        let last = head.round + 1 >= view.rounds.len();
        let line = match (last, view.replay.outcome.winner, r.winner) {
            (true, Some(w), _) => {
                let [a, b] = view.replay.outcome.round_wins;
                format!("{} wins the match {a}–{b}", names[w.index()])
            }
            (true, None, _) => "The match is drawn".to_owned(),
            (false, _, Some(w)) => format!("{} wins round {}", names[w.index()], head.round + 1),
            (false, _, None) => format!("Round {} is drawn", head.round + 1),
        };
        p.text(
            Vec2::new(0.0, 40.0),
            48.0,
            crate::bracket::fit(&line, 48.0, 1800.0),
            palette::TEXT,
            true,
            Align::Center,
        );
    } else if head.tick < 50 && round.last_tick() > 120 {
        let word = if view.replay.kind == arena_sim::MatchKind::SuddenDeath {
            "SUDDEN DEATH".to_owned()
        } else {
            format!("ROUND {}", head.round + 1)
        };
        big(p, &word, palette::TEXT);
    } else if head.tick < 80 && round.last_tick() > 120 {
        big(p, "FIGHT!", Color::srgb(1.0, 0.45, 0.3));
    }
}
