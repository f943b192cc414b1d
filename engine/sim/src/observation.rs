//! What a bot sees each tick (GAME.md "What a bot sees each tick").
//!
//! Positions are in the bot's own frame: its opponent is always towards
//! larger x, so a bot never needs to know its side.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::action::{Action, Side};
use crate::game::Match;
use crate::round::{Activity, FighterState, Phase};

/// One fighter as a bot sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FighterView {
    /// Body centre, in the observing bot's frame.
    pub x: i32,
    /// Height above the ground.
    pub y: i32,
    /// Hit points left this round.
    pub hit_points: i32,
    /// Energy.
    pub energy: i32,
    /// What the fighter is doing: its attack, `jump` while airborne, else
    /// the walk, crouch, guard or idle of the last tick (idle while stunned).
    pub action: Action,
    /// The attack's phase, if `action` is an attack in progress.
    pub phase: Option<Phase>,
    /// Ticks left in that phase (or until landing, while airborne),
    /// this one included.
    pub phase_ticks_left: i32,
    /// Ticks of hit-stun or block-stun left.
    pub stun_ticks_left: i32,
    /// Off the ground.
    pub airborne: bool,
    /// Crouching.
    pub crouching: bool,
    /// Guarding (also through block-stun).
    pub guarding: bool,
    /// The fighter's fireball position, in the observing bot's frame, if one
    /// is on the stage.
    pub fireball_x: Option<i32>,
}

/// Everything a bot sees on one tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Observation {
    /// Ticks played so far in this round.
    pub tick: i32,
    /// Ticks left before time-out.
    pub ticks_left: i32,
    /// The round number, from 1.
    pub round: i32,
    /// Rounds this bot has won.
    pub my_wins: i32,
    /// Rounds the opponent has won.
    pub opponent_wins: i32,
    /// The last action the opponent started (not one that was ignored).
    pub opponent_last_action: Action,
    /// This bot's fighter.
    pub me: FighterView,
    /// The opponent's fighter; its x is always greater than `me.x`.
    pub opponent: FighterView,
}

impl FighterView {
    pub(crate) fn of(f: &FighterState, stage_width: i32, own_side: Side, jump_ticks: i32) -> Self {
        let frame = |x: i32| match own_side {
            Side::Left => x,
            Side::Right => stage_width - x,
        };
        let walk_action = if f.crouching {
            Action::Crouch
        } else if f.guarding {
            Action::Guard
        } else if f.walk_velocity > 0 {
            Action::Forward
        } else if f.walk_velocity < 0 {
            Action::Back
        } else {
            Action::Idle
        };
        let (action, phase, phase_ticks_left, stun_ticks_left) = match f.activity {
            Activity::Neutral => (walk_action, None, 0, 0),
            Activity::Attack { attack, phase, ticks_left, .. } => (attack, Some(phase), ticks_left, 0),
            Activity::Airborne { elapsed, .. } => (Action::Jump, None, jump_ticks - elapsed, 0),
            Activity::HitStun { ticks_left } => (Action::Idle, None, 0, ticks_left),
            Activity::BlockStun { ticks_left } => (Action::Guard, None, 0, ticks_left),
        };
        Self {
            x: frame(f.x),
            y: f.y,
            hit_points: f.hit_points,
            energy: f.energy,
            action,
            phase,
            phase_ticks_left,
            stun_ticks_left,
            airborne: f.is_airborne(),
            crouching: f.crouching,
            guarding: f.guarding,
            fireball_x: f.fireball.map(|p| frame(p.x)),
        }
    }
}

impl Observation {
    /// The observation for the bot on `side` of `game` before its next tick.
    pub fn of(game: &Match, side: Side) -> Self {
        let rules = game.rules();
        let round = game.round();
        let me = round.fighter(side);
        let opponent = round.fighter(side.opponent());
        let wins = game.round_wins();
        Self {
            tick: round.tick,
            ticks_left: rules.round_ticks - round.tick,
            round: game.round_number(),
            my_wins: wins[side.index()],
            opponent_wins: wins[side.opponent().index()],
            opponent_last_action: opponent.last_started,
            me: FighterView::of(me, rules.stage_width, side, rules.jump_ticks),
            opponent: FighterView::of(opponent, rules.stage_width, side, rules.jump_ticks),
        }
    }

    /// Distance between the two bodies' edges (0 when touching).
    pub fn gap(&self, body_width: i32) -> i32 {
        self.opponent.x - self.me.x - body_width
    }
}
