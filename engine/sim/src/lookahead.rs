//! Looking ahead from what a bot sees: the round rebuilt from an
//! observation, and the observation of any round state.
//!
//! A bot that embeds the simulation rebuilds the round from its observation
//! ([`RoundState::from_observation`]), plays candidate ticks forward with
//! [`RoundState::step`], the host's own rules, and reads each fighter's view
//! of where that leads ([`Observation::of_round`]). [`Observation::mirrored`]
//! is the opponent's view of the tick the bot is looking at, for a bot that
//! models its opponent with its own policies.
//!
//! What an observation cannot tell, and what the rebuilt state assumes
//! instead, is documented on [`RoundState::from_observation`], the public
//! face of this module.

use crate::action::{Action, Side};
use crate::attack::Attack;
use crate::observation::{FighterView, Observation};
use crate::round::{Activity, FighterState, Phase, Projectile, RoundKind, RoundState};
use crate::rules::Rules;

/// What an [`Observation`] does not show and [`RoundState::from_observation`]
/// needs (its docs list everything an observation cannot tell).
/// [`Unseen::default`] assumes a normal round, jumps straight up and an
/// observer that has only idled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Unseen {
    /// Normal or sudden death. A bot is not told; GAME.md "Breaking a
    /// drawn match" says when a sudden-death round is played.
    pub kind: RoundKind,
    /// The horizontal speed of each fighter's jump, the observer's first,
    /// positive towards the other fighter: the walk speed of the tick before
    /// it took off. Read only for a fighter that is in a jump.
    pub jump_velocity: [i32; 2],
    /// The last action the observer started; its opponent sees it as
    /// [`Observation::opponent_last_action`].
    pub my_last_action: Action,
}

impl Default for Unseen {
    fn default() -> Self {
        Self { kind: RoundKind::Normal, jump_velocity: [0, 0], my_last_action: Action::Idle }
    }
}

impl Observation {
    /// The observation for the bot on `side` of a round in `state`, before
    /// its next tick: what [`Observation::of`] gives when this is the
    /// match's current round. A round does not know its match, so the
    /// caller gives the round's number (from 1) and the rounds each side has
    /// won so far (by [`Side::index`]).
    pub fn of_round(rules: &Rules, state: &RoundState, side: Side, round: i32, wins: [i32; 2]) -> Self {
        let me = state.fighter(side);
        let opponent = state.fighter(side.opponent());
        Self {
            tick: state.tick,
            ticks_left: rules.round_ticks - state.tick,
            round,
            my_wins: wins[side.index()],
            opponent_wins: wins[side.opponent().index()],
            opponent_last_action: opponent.last_started,
            me: FighterView::of(me, rules.stage_width, side, rules.jump_ticks),
            opponent: FighterView::of(opponent, rules.stage_width, side, rules.jump_ticks),
        }
    }

    /// The opponent's observation of the same tick: the fighters and the
    /// wins swapped, positions mirrored into its frame. `my_last_action` is
    /// the last action this observer started, which its own observation
    /// does not show (see [`Unseen::my_last_action`]).
    pub fn mirrored(&self, rules: &Rules, my_last_action: Action) -> Self {
        let flip = |v: FighterView| FighterView {
            x: rules.stage_width - v.x,
            fireball_x: v.fireball_x.map(|x| rules.stage_width - x),
            ..v
        };
        Self {
            my_wins: self.opponent_wins,
            opponent_wins: self.my_wins,
            opponent_last_action: my_last_action,
            me: flip(self.opponent),
            opponent: flip(self.me),
            ..*self
        }
    }
}

impl FighterView {
    /// The walk speed this view shows, positive towards the opponent: the
    /// walk of the last tick, or 0 for a stance, an attack, a jump or a
    /// stun. A jump keeps the walk speed of the tick before take-off.
    pub fn walk_velocity(&self, rules: &Rules) -> i32 {
        if self.phase.is_some() || self.stun_ticks_left > 0 || self.airborne {
            return 0;
        }
        match self.action {
            Action::Forward => rules.walk_forward_speed,
            Action::Back => -rules.walk_back_speed,
            _ => 0,
        }
    }
}

impl RoundState {
    /// The round as `o` shows it, so that a bot can play it forward with
    /// [`RoundState::step`]; what `o` cannot show comes from `unseen` or is
    /// guessed, as below. `rules` must be the match's rules: frame data
    /// turns the observation's counters back into the state's.
    ///
    /// # Frame
    ///
    /// The rebuilt round is in the observer's frame: the observer is the
    /// left fighter ([`Side::Left`]), its opponent the right one, positions
    /// are the observation's own. The rules look at a side only through
    /// [`Side::forward`], so for an observer on the right this is the real
    /// round's mirror image, and stepping it steps the real round, mirrored.
    /// Either side's [`Observation::of_round`] of the result is that side's
    /// view of the real round: with `o.round` and `[o.my_wins,
    /// o.opponent_wins]`, the left side's gives back `o`.
    ///
    /// # What an observation cannot tell
    ///
    /// - Whether the round is a sudden death: [`Unseen::kind`].
    /// - How fast a jump carries a fighter across the stage: the walk speed
    ///   of the tick before take-off, [`Unseen::jump_velocity`]. A bot that
    ///   keeps [`FighterView::walk_velocity`] of each tick on the ground
    ///   knows it.
    /// - The last action the observer itself started, which only its
    ///   opponent is shown: [`Unseen::my_last_action`].
    /// - Whether a punch, kick or throw past its first active tick has
    ///   already hit or been guarded, and so hits no more. The rebuilt state
    ///   guesses that it has when the defender is in hit-stun or
    ///   block-stun. The guess is wrong when something else stunned the
    ///   defender (a fireball, an earlier attack) while this attack missed,
    ///   or when the stun this attack caused is already over; stepping then
    ///   plays the rest of its active phase wrongly. From the attack's
    ///   recovery on, the guess changes nothing but [`RoundState::hash`].
    ///
    /// Everything else is exact: positions, hit points, energy, each
    /// fighter's attack with its phase and ticks left, stuns, jumps (how far
    /// into the jump, from the ticks left to landing), crouch, guard, walks,
    /// fireballs on the stage, the tick. A fireball leaves the hand on its
    /// attack's first active tick, so its phase tells whether it has been
    /// launched. Damage dealt is the hit points the other fighter has lost,
    /// exact in a round played from its start under the same rules (a hit
    /// that takes more than is left ends the round). The result is a round
    /// in progress: [`RoundState::result`] is `None`.
    pub fn from_observation(rules: &Rules, o: &Observation, unseen: Unseen) -> Self {
        let me = rebuild_fighter(rules, &o.me, &o.opponent, unseen.jump_velocity[0], unseen.my_last_action);
        let opponent = rebuild_fighter(rules, &o.opponent, &o.me, unseen.jump_velocity[1], o.opponent_last_action);
        Self { tick: o.tick, fighters: [me, opponent], kind: unseen.kind, result: None }
    }
}

/// The fighter `v` shows, facing `other`.
fn rebuild_fighter(
    rules: &Rules,
    v: &FighterView,
    other: &FighterView,
    jump_velocity: i32,
    last_started: Action,
) -> FighterState {
    FighterState {
        x: v.x,
        y: v.y,
        hit_points: v.hit_points,
        energy: v.energy,
        activity: rebuild_activity(rules, v, other, jump_velocity),
        crouching: v.crouching,
        guarding: v.guarding,
        walk_velocity: v.walk_velocity(rules),
        fireball: v.fireball_x.map(|x| Projectile { x }),
        last_started,
        damage_dealt: rules.hit_points - other.hit_points,
    }
}

/// The activity `v` shows: `FighterView::of` read backwards.
fn rebuild_activity(rules: &Rules, v: &FighterView, other: &FighterView, jump_velocity: i32) -> Activity {
    match (v.phase, Attack::of(v.action)) {
        (Some(phase), Some(attack)) => Activity::Attack {
            attack: attack.action(),
            phase,
            ticks_left: v.phase_ticks_left.max(1),
            spent: spent(rules, attack, phase, v.phase_ticks_left, other),
        },
        // Block-stun shows as a guard, hit-stun as idle.
        _ if v.stun_ticks_left > 0 => {
            if v.action == Action::Guard {
                Activity::BlockStun { ticks_left: v.stun_ticks_left }
            } else {
                Activity::HitStun { ticks_left: v.stun_ticks_left }
            }
        }
        // Only a jump shows `jump`; on the ground a fighter shows its walk or
        // stance. Its ticks left count down to landing.
        _ if v.action == Action::Jump => Activity::Airborne {
            elapsed: (rules.jump_ticks - v.phase_ticks_left).clamp(0, rules.jump_ticks - 1),
            velocity: jump_velocity,
        },
        _ => Activity::Neutral,
    }
}

/// Whether an attack seen in `phase` with `ticks_left` has done its work
/// (hit or been guarded; a fireball: been launched), so that it does
/// nothing more in its active phase. `defender` is the other fighter.
fn spent(rules: &Rules, attack: Attack, phase: Phase, ticks_left: i32, defender: &FighterView) -> bool {
    // Nothing connects or leaves the hand before the first active tick is
    // played: until then the phase's ticks left are the whole active phase.
    let before_first_active = match phase {
        Phase::Startup => true,
        Phase::Active => ticks_left >= attack.data(rules).active,
        Phase::Recovery => false,
    };
    if before_first_active {
        false
    } else if attack == Attack::Fireball {
        // It leaves the hand on the first active tick.
        true
    } else {
        // The guess: a stunned defender was stunned by this attack.
        defender.stun_ticks_left > 0
    }
}
