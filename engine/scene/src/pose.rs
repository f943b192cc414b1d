//! How a fighter is drawn in each state: a stick figure of limbs, head and
//! fists, posed so that every action of GAME.md reads at a glance.
//!
//! Pure geometry in stage units, for a fighter facing towards +x with its
//! feet at the origin; [`crate::fight`] mirrors it for the right fighter,
//! places it on the stage and colours it.

use crate::geom::Vec2;
use arena_sim::{Action, Activity, FighterState, Phase, Rules};

/// What a shape is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shade {
    /// The far limbs, darker.
    Back,
    /// Torso and head.
    Body,
    /// The near limbs.
    Front,
    /// A fist.
    Fist,
    /// The limb or fists of an attack in its active phase.
    Strike,
    /// A guard: the blocking shield.
    Shield,
    /// Charging a fireball.
    Charge,
}

/// One shape of the figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bone {
    /// A limb segment from `a` to `b`.
    Segment {
        /// One end.
        a: Vec2,
        /// The other end.
        b: Vec2,
        /// Thickness.
        width: f32,
        /// Colour class.
        shade: Shade,
    },
    /// A round shape: head, fist, charging orb.
    Disc {
        /// Centre.
        c: Vec2,
        /// Radius.
        r: f32,
        /// Colour class.
        shade: Shade,
    },
}

/// How the figure is shown beyond its shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flash {
    /// Normal colours.
    None,
    /// Just hit: flashes white then red.
    Hit,
    /// Knocked out: greyed.
    KnockedOut,
}

/// A posed figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Shapes, back to front.
    pub bones: Vec<Bone>,
    /// Colour effect.
    pub flash: Flash,
    /// What the fighter is doing, in the game's words, for its caption.
    pub label: String,
}

/// The joints of a pose (stage units, facing +x, feet at y = 0).
#[derive(Clone, Copy, Debug)]
struct Joints {
    hip: Vec2,
    neck: Vec2,
    head: Vec2,
    knees: [Vec2; 2],
    feet: [Vec2; 2],
    elbows: [Vec2; 2],
    fists: [Vec2; 2],
}

const FRONT: usize = 0;
const BACK: usize = 1;

fn v(x: f32, y: f32) -> Vec2 {
    Vec2::new(x, y)
}

fn stance() -> Joints {
    Joints {
        hip: v(0.0, 78.0),
        neck: v(4.0, 134.0),
        head: v(6.0, 153.0),
        knees: [v(12.0, 40.0), v(-10.0, 40.0)],
        feet: [v(18.0, 0.0), v(-20.0, 0.0)],
        elbows: [v(24.0, 106.0), v(-2.0, 106.0)],
        fists: [v(32.0, 128.0), v(16.0, 124.0)],
    }
}

fn lerp_joints(a: &Joints, b: &Joints, t: f32) -> Joints {
    let l = |p: Vec2, q: Vec2| p.lerp(q, t.clamp(0.0, 1.0));
    Joints {
        hip: l(a.hip, b.hip),
        neck: l(a.neck, b.neck),
        head: l(a.head, b.head),
        knees: [l(a.knees[0], b.knees[0]), l(a.knees[1], b.knees[1])],
        feet: [l(a.feet[0], b.feet[0]), l(a.feet[1], b.feet[1])],
        elbows: [l(a.elbows[0], b.elbows[0]), l(a.elbows[1], b.elbows[1])],
        fists: [l(a.fists[0], b.fists[0]), l(a.fists[1], b.fists[1])],
    }
}

fn crouch() -> Joints {
    Joints {
        hip: v(0.0, 44.0),
        neck: v(12.0, 92.0),
        head: v(16.0, 110.0),
        knees: [v(26.0, 34.0), v(-18.0, 30.0)],
        feet: [v(18.0, 0.0), v(-22.0, 0.0)],
        elbows: [v(30.0, 70.0), v(10.0, 66.0)],
        fists: [v(36.0, 90.0), v(24.0, 86.0)],
    }
}

fn guard(base: &Joints) -> Joints {
    let mut j = *base;
    let top = base.neck.y;
    j.elbows = [v(base.neck.x + 22.0, top - 24.0), v(base.neck.x + 18.0, top - 30.0)];
    j.fists = [v(base.neck.x + 24.0, top + 14.0), v(base.neck.x + 20.0, top + 4.0)];
    j
}

/// The pose of `f` at this moment; `tick` animates walking, `thrown` says
/// the hit-stun comes from a throw.
pub fn figure(f: &FighterState, rules: &Rules, tick: i32, thrown: bool) -> Figure {
    let mut strike: Option<usize> = None; // which limb glows: 0 front arm, 1 front leg, 2 both arms
    let mut charge: Option<f32> = None;
    let mut flash = Flash::None;
    let mut rotate = 0.0f32;
    let mut shield = false;
    let mut label;
    let mut j;
    if f.hit_points <= 0 {
        j = stance();
        rotate = std::f32::consts::FRAC_PI_2;
        flash = Flash::KnockedOut;
        label = "K.O.".to_owned();
    } else {
        match f.activity {
            Activity::Neutral => {
                if f.crouching {
                    j = crouch();
                    label = "crouch".to_owned();
                } else {
                    j = stance();
                    label = if f.walk_velocity > 0 {
                        "forward".to_owned()
                    } else if f.walk_velocity < 0 {
                        "back".to_owned()
                    } else {
                        "idle".to_owned()
                    };
                    if f.walk_velocity != 0 {
                        let s = (tick as f32 * 0.45).sin();
                        j.feet[FRONT] = v(16.0 + 16.0 * s, 0.0);
                        j.feet[BACK] = v(-18.0 - 16.0 * s, 0.0);
                        j.knees[FRONT] = v(12.0 + 10.0 * s, 40.0 + 4.0 * s.max(0.0));
                        j.knees[BACK] = v(-10.0 - 10.0 * s, 40.0 + 4.0 * (-s).max(0.0));
                    }
                }
                if f.guarding {
                    j = guard(&j);
                    shield = true;
                    label = if f.crouching { "crouch + guard".to_owned() } else { "guard".to_owned() };
                }
            }
            Activity::Airborne { .. } => {
                j = stance();
                j.knees = [v(20.0, 56.0), v(-4.0, 54.0)];
                j.feet = [v(8.0, 26.0), v(-18.0, 28.0)];
                j.elbows = [v(22.0, 140.0), v(-12.0, 140.0)];
                j.fists = [v(30.0, 164.0), v(-18.0, 162.0)];
                label = "jump".to_owned();
            }
            Activity::HitStun { ticks_left } => {
                j = stance();
                j.neck = v(-16.0, 128.0);
                j.head = v(-24.0, 144.0);
                j.elbows = [v(-6.0, 104.0), v(-34.0, 112.0)];
                j.fists = [v(-4.0, 150.0), v(-44.0, 136.0)];
                let total = if thrown { rules.throw.hit_stun } else { 20 }.max(1);
                if thrown {
                    rotate = std::f32::consts::FRAC_PI_2 * 0.8 * (ticks_left as f32 / total as f32);
                }
                flash = Flash::Hit;
                label = if thrown { "thrown".to_owned() } else { "hit-stun".to_owned() };
            }
            Activity::BlockStun { .. } => {
                let mut base = stance();
                base.neck = v(-4.0, 132.0);
                base.head = v(-6.0, 150.0);
                j = guard(&base);
                shield = true;
                label = "block-stun".to_owned();
            }
            Activity::Attack { attack, phase, ticks_left, spent } => {
                let data = match attack {
                    Action::Punch => rules.punch,
                    Action::Kick => rules.kick,
                    Action::Throw => rules.throw,
                    _ => rules.fireball,
                };
                let phase_len = match phase {
                    Phase::Startup => data.startup,
                    Phase::Active => data.active,
                    Phase::Recovery => data.recovery,
                }
                .max(1);
                // 0 at the phase's first tick, 1 at its last.
                let t = 1.0 - (ticks_left - 1).max(0) as f32 / phase_len as f32;
                let body = rules.body_width as f32 / 2.0;
                let (windup, extended) = attack_pose(attack, body, data.reach as f32);
                j = match phase {
                    Phase::Startup => lerp_joints(&stance(), &windup, t),
                    Phase::Active => extended,
                    Phase::Recovery => lerp_joints(&extended, &stance(), t),
                };
                if attack == Action::Throw && spent && phase == Phase::Recovery {
                    // The throw landed: the fighter hurls the opponent over.
                    j.fists = [v(-6.0, 156.0), v(-14.0, 150.0)];
                    j.elbows = [v(10.0, 146.0), v(2.0, 140.0)];
                }
                let limb = match attack {
                    Action::Punch => 0,
                    Action::Kick => 1,
                    _ => 2,
                };
                if phase == Phase::Active || (phase == Phase::Recovery && t < 0.25) {
                    strike = Some(limb);
                }
                if attack == Action::Fireball && phase == Phase::Startup {
                    charge = Some(6.0 + 10.0 * t);
                }
                let phase_word = match phase {
                    Phase::Startup => "startup",
                    Phase::Active => "active",
                    Phase::Recovery => "recovery",
                };
                label = format!("{} · {phase_word}", attack.name());
            }
        }
    }

    let mut bones = Vec::with_capacity(16);
    let seg = |a: Vec2, b: Vec2, width: f32, shade: Shade| Bone::Segment { a, b, width, shade };
    let arm_shade = |strong: bool, base: Shade| if strong { Shade::Strike } else { base };
    let arms_strike = strike == Some(2);
    // Far limbs first.
    bones.push(seg(j.hip, j.knees[BACK], 15.0, Shade::Back));
    bones.push(seg(j.knees[BACK], j.feet[BACK], 13.0, Shade::Back));
    bones.push(seg(j.neck, j.elbows[BACK], 12.0, arm_shade(arms_strike, Shade::Back)));
    bones.push(seg(j.elbows[BACK], j.fists[BACK], 11.0, arm_shade(arms_strike, Shade::Back)));
    bones.push(Bone::Disc { c: j.fists[BACK], r: 8.0, shade: arm_shade(arms_strike, Shade::Fist) });
    // Body.
    bones.push(seg(j.hip, j.neck, 34.0, Shade::Body));
    bones.push(Bone::Disc { c: j.head, r: 17.0, shade: Shade::Body });
    // Near limbs.
    let leg_strike = strike == Some(1);
    bones.push(seg(j.hip, j.knees[FRONT], 16.0, arm_shade(leg_strike, Shade::Front)));
    bones.push(seg(j.knees[FRONT], j.feet[FRONT], 14.0, arm_shade(leg_strike, Shade::Front)));
    if leg_strike {
        bones.push(Bone::Disc { c: j.feet[FRONT], r: 11.0, shade: Shade::Strike });
    }
    let arm_strike = strike == Some(0) || arms_strike;
    bones.push(seg(j.neck, j.elbows[FRONT], 13.0, arm_shade(arm_strike, Shade::Front)));
    bones.push(seg(j.elbows[FRONT], j.fists[FRONT], 12.0, arm_shade(arm_strike, Shade::Front)));
    bones.push(Bone::Disc {
        c: j.fists[FRONT],
        r: if arm_strike { 12.0 } else { 9.0 },
        shade: arm_shade(arm_strike, Shade::Fist),
    });
    if let Some(r) = charge {
        let c = (j.fists[0] + j.fists[1]) / 2.0 + v(6.0, 0.0);
        bones.push(Bone::Disc { c, r, shade: Shade::Charge });
    }
    if shield {
        let x = j.neck.x + 40.0;
        let top = j.head.y + 20.0;
        bones.push(seg(v(x, 6.0), v(x, top), 10.0, Shade::Shield));
    }
    if rotate != 0.0 {
        // Fall over backwards (away from the opponent), about the feet.
        let (s, c) = rotate.sin_cos();
        let lift = if flash == Flash::KnockedOut { 18.0 } else { 30.0 };
        let turn = |p: Vec2| v(p.x * c - p.y * s, p.x * s + p.y * c + lift * (rotate / std::f32::consts::FRAC_PI_2));
        for b in &mut bones {
            match b {
                Bone::Segment { a, b, .. } => {
                    *a = turn(*a);
                    *b = turn(*b);
                }
                Bone::Disc { c, .. } => *c = turn(*c),
            }
        }
    }
    Figure { bones, flash, label }
}

/// The wind-up and the extended pose of an attack. `body` is half the body
/// width; `reach` is measured from the body's edge, so the striking fist or
/// foot reaches `body + reach` at full extension.
fn attack_pose(attack: Action, body: f32, reach: f32) -> (Joints, Joints) {
    let s = stance();
    match attack {
        Action::Punch => {
            let mut wind = s;
            wind.neck = v(-2.0, 133.0);
            wind.head = v(-2.0, 152.0);
            wind.elbows[FRONT] = v(-14.0, 118.0);
            wind.fists[FRONT] = v(4.0, 128.0);
            let mut ext = s;
            ext.neck = v(10.0, 133.0);
            ext.head = v(14.0, 151.0);
            let tip = body + reach;
            ext.elbows[FRONT] = v(10.0 + (tip - 10.0) * 0.5, 131.0);
            ext.fists[FRONT] = v(tip, 130.0);
            ext.fists[BACK] = v(10.0, 120.0);
            (wind, ext)
        }
        Action::Kick => {
            let mut wind = s;
            wind.knees[FRONT] = v(30.0, 72.0);
            wind.feet[FRONT] = v(16.0, 40.0);
            wind.neck = v(-6.0, 132.0);
            wind.head = v(-8.0, 150.0);
            let mut ext = s;
            let tip = body + reach;
            ext.hip = v(-4.0, 76.0);
            ext.neck = v(-22.0, 128.0);
            ext.head = v(-30.0, 144.0);
            ext.knees[FRONT] = v(tip * 0.45, 50.0);
            ext.feet[FRONT] = v(tip, 24.0);
            ext.feet[BACK] = v(-24.0, 0.0);
            ext.knees[BACK] = v(-16.0, 38.0);
            ext.elbows = [v(-4.0, 112.0), v(-30.0, 112.0)];
            ext.fists = [v(8.0, 124.0), v(-40.0, 124.0)];
            (wind, ext)
        }
        Action::Throw => {
            let mut wind = s;
            wind.neck = v(10.0, 130.0);
            wind.head = v(14.0, 148.0);
            wind.elbows = [v(28.0, 110.0), v(24.0, 104.0)];
            wind.fists = [v(40.0, 106.0), v(36.0, 98.0)];
            let mut ext = wind;
            let tip = body + reach + 6.0;
            ext.elbows = [v(tip - 16.0, 112.0), v(tip - 20.0, 104.0)];
            ext.fists = [v(tip, 108.0), v(tip - 4.0, 98.0)];
            (wind, ext)
        }
        _ => {
            // Fireball: both fists drawn back to the hip, then thrust forward.
            let mut wind = s;
            wind.neck = v(-6.0, 130.0);
            wind.head = v(-8.0, 148.0);
            wind.elbows = [v(-18.0, 98.0), v(-22.0, 92.0)];
            wind.fists = [v(-4.0, 86.0), v(-10.0, 82.0)];
            let mut ext = s;
            ext.neck = v(10.0, 132.0);
            ext.head = v(14.0, 150.0);
            ext.elbows = [v(30.0, 116.0), v(26.0, 108.0)];
            ext.fists = [v(56.0, 114.0), v(52.0, 106.0)];
            (wind, ext)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arena_sim::{Input, RoundKind, RoundState};

    fn fighter_after(actions: &[Action]) -> FighterState {
        let rules = Rules::default();
        let mut s = RoundState::new(&rules, RoundKind::Normal);
        for &a in actions {
            s.step(&rules, [Input::Act(a), Input::Act(Action::Idle)]);
        }
        s.fighters[0]
    }

    fn reach(fig: &Figure) -> f32 {
        fig.bones
            .iter()
            .flat_map(|b| match *b {
                Bone::Segment { a, b, .. } => vec![a.x, b.x],
                Bone::Disc { c, r, .. } => vec![c.x + r],
            })
            .fold(f32::MIN, f32::max)
    }

    #[test]
    fn every_action_looks_different() {
        let rules = Rules::default();
        let poses: Vec<(&str, Vec<Action>)> = vec![
            ("idle", vec![Action::Idle]),
            ("crouch", vec![Action::Crouch]),
            ("guard", vec![Action::Guard]),
            ("jump", vec![Action::Jump; 3]),
            ("punch", vec![Action::Punch; 5]),
            ("kick", vec![Action::Kick; 10]),
            ("throw", vec![Action::Throw; 6]),
        ];
        let figs: Vec<(&str, Figure)> =
            poses.iter().map(|(n, a)| (*n, figure(&fighter_after(a), &rules, 0, false))).collect();
        for (i, (a, fa)) in figs.iter().enumerate() {
            for (b, fb) in figs.iter().skip(i + 1) {
                assert_ne!(fa.bones, fb.bones, "{a} and {b} look the same");
                assert_ne!(fa.label, fb.label);
            }
        }
    }

    #[test]
    fn an_active_attack_reaches_as_far_as_the_rules_say() {
        let rules = Rules::default();
        let body = rules.body_width as f32 / 2.0;
        let punch = figure(&fighter_after(&[Action::Punch; 5]), &rules, 0, false);
        assert!(punch.label.starts_with("punch · active"), "{}", punch.label);
        assert!((reach(&punch) - (body + rules.punch.reach as f32)).abs() < 16.0);
        let kick = figure(&fighter_after(&[Action::Kick; 10]), &rules, 0, false);
        assert!(kick.label.starts_with("kick · active"), "{}", kick.label);
        assert!(reach(&kick) > reach(&punch));
    }

    #[test]
    fn crouching_is_low_and_knock_out_lies_down() {
        let rules = Rules::default();
        let top = |f: &Figure| {
            f.bones
                .iter()
                .map(|b| match *b {
                    Bone::Segment { a, b, .. } => a.y.max(b.y),
                    Bone::Disc { c, r, .. } => c.y + r,
                })
                .fold(f32::MIN, f32::max)
        };
        let stand = figure(&fighter_after(&[Action::Idle]), &rules, 0, false);
        let low = figure(&fighter_after(&[Action::Crouch]), &rules, 0, false);
        assert!(top(&low) < top(&stand) - 30.0);
        let mut ko = fighter_after(&[Action::Idle]);
        ko.hit_points = 0;
        let down = figure(&ko, &rules, 0, false);
        assert_eq!(down.flash, Flash::KnockedOut);
        assert!(top(&down) < 80.0);
    }
}
