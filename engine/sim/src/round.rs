//! One round of the fight as a state machine: [`RoundState::step`] is
//! GAME.md "Resolution order inside one tick", step by step.
//!
//! Everything here is integer arithmetic on the previous state and the two
//! inputs. Nothing looks at which side a fighter is on except through
//! [`Side::forward`], which mirrors geometry; that is what makes swapping the
//! bots give the mirror image of the match.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::action::{Action, Input, Side};
use crate::attack::Attack;
use crate::hash::StateHasher;
use crate::rules::{AttackData, Rules};

/// The phase of an attack (GAME.md "Frame data").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum Phase {
    /// Winding up; a hit now is a counter-hit.
    Startup,
    /// Can hit (for a fireball: the tick it is launched).
    Active,
    /// Winding down; cannot act yet.
    Recovery,
}

/// What a fighter is doing, beyond where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum Activity {
    /// On the ground and free to act (or falling after a hit in the air).
    Neutral,
    /// In one of the phases of an attack.
    Attack {
        /// Which attack: punch, kick, throw or fireball.
        attack: Action,
        /// Its current phase.
        phase: Phase,
        /// Ticks left in that phase, this one included.
        ticks_left: i32,
        /// The attack has hit, been guarded, or (a fireball) been launched;
        /// it does nothing more in its active phase.
        spent: bool,
    },
    /// In a jump.
    Airborne {
        /// Ticks since take-off.
        elapsed: i32,
        /// Horizontal speed, positive towards the opponent, kept from the
        /// walk of the tick before the jump.
        velocity: i32,
    },
    /// Hit; cannot act.
    HitStun {
        /// Ticks left, this one included.
        ticks_left: i32,
    },
    /// Guarded a hit; cannot act, keeps guarding.
    BlockStun {
        /// Ticks left, this one included.
        ticks_left: i32,
    },
}

/// A fireball on the stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Projectile {
    /// Its position.
    pub x: i32,
}

/// One fighter's whole state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FighterState {
    /// Body centre.
    pub x: i32,
    /// Height above the ground; 0 is grounded.
    pub y: i32,
    /// Hit points left this round.
    pub hit_points: i32,
    /// Energy, 0..=max_energy.
    pub energy: i32,
    /// What the fighter is doing.
    pub activity: Activity,
    /// Crouching this tick.
    pub crouching: bool,
    /// Guarding this tick (and through block-stun).
    pub guarding: bool,
    /// Walk speed of the last tick, positive towards the opponent.
    pub walk_velocity: i32,
    /// This fighter's fireball, if one is on the stage.
    pub fireball: Option<Projectile>,
    /// The last action this fighter started (not one that was ignored).
    pub last_started: Action,
    /// Damage dealt to the opponent this round (hits and chip).
    pub damage_dealt: i32,
}

impl FighterState {
    fn new(rules: &Rules, side: Side) -> Self {
        let x = match side {
            Side::Left => rules.start_x,
            Side::Right => rules.stage_width - rules.start_x,
        };
        Self {
            x,
            y: 0,
            hit_points: rules.hit_points,
            energy: 0,
            activity: Activity::Neutral,
            crouching: false,
            guarding: false,
            walk_velocity: 0,
            fireball: None,
            last_started: Action::Idle,
            damage_dealt: 0,
        }
    }

    /// Free to start a new action: on the ground, not attacking, not stunned.
    pub fn is_actionable(&self) -> bool {
        self.activity == Activity::Neutral && self.y == 0
    }

    /// Off the ground: immune to kick, throw and fireballs.
    ///
    /// A jump's last tick (its 36th with the defaults) brings y back to 0:
    /// the fighter has landed and can be kicked, thrown or hit by a fireball
    /// on it, though it can act only on the next tick.
    pub fn is_airborne(&self) -> bool {
        self.y > 0
    }

    /// The attack in its active phase, if any, and whether it is spent.
    fn active_attack(&self) -> Option<(Action, bool)> {
        match self.activity {
            Activity::Attack { attack, phase: Phase::Active, spent, .. } => Some((attack, spent)),
            _ => None,
        }
    }

    fn in_startup(&self) -> bool {
        matches!(self.activity, Activity::Attack { phase: Phase::Startup, .. })
    }

    fn mirrored(&self, width: i32) -> Self {
        Self { x: width - self.x, fireball: self.fireball.map(|p| Projectile { x: width - p.x }), ..*self }
    }

    fn hash_into(&self, h: &mut StateHasher) {
        h.i32(self.x);
        h.i32(self.y);
        h.i32(self.hit_points);
        h.i32(self.energy);
        match self.activity {
            Activity::Neutral => h.u8(0),
            Activity::Attack { attack, phase, ticks_left, spent } => {
                h.u8(1);
                h.u8(attack.code());
                h.u8(phase as u8);
                h.i32(ticks_left);
                h.u8(spent as u8);
            }
            Activity::Airborne { elapsed, velocity } => {
                h.u8(2);
                h.i32(elapsed);
                h.i32(velocity);
            }
            Activity::HitStun { ticks_left } => {
                h.u8(3);
                h.i32(ticks_left);
            }
            Activity::BlockStun { ticks_left } => {
                h.u8(4);
                h.i32(ticks_left);
            }
        }
        h.u8(self.crouching as u8);
        h.u8(self.guarding as u8);
        h.i32(self.walk_velocity);
        match self.fireball {
            None => h.u8(0),
            Some(p) => {
                h.u8(1);
                h.i32(p.x);
            }
        }
        h.u8(self.last_started.code());
        h.i32(self.damage_dealt);
    }
}

/// How a round is decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum RoundKind {
    /// Knock-out, or the higher hit points at time-out.
    Normal,
    /// A tie-break round: the first landed hit wins it (GAME.md "Breaking a
    /// drawn match"); a trade or a time-out draws it.
    SuddenDeath,
}

/// Why a round ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum RoundEnd {
    /// A fighter's hit points reached 0 (both at once: a draw).
    KnockOut,
    /// The round's ticks ran out.
    TimeOut,
    /// A bot faulted (both at once: a draw).
    Fault,
    /// Sudden death: a hit landed.
    FirstHit,
}

/// How a round ended and who won it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RoundResult {
    /// The winner, or `None` for a drawn round.
    pub winner: Option<Side>,
    /// Why the round ended.
    pub end: RoundEnd,
    /// Ticks played.
    pub ticks: i32,
    /// Hit points left, per side.
    pub hit_points: [i32; 2],
    /// Damage dealt, per side.
    pub damage_dealt: [i32; 2],
}

/// How one attack or fireball met its target on a tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "kebab-case"))]
pub enum Contact {
    /// It hit.
    Hit,
    /// It hit a fighter in the startup of its own attack (+damage).
    CounterHit,
    /// It was guarded (chip damage).
    Guarded,
}

/// One hit found on a tick, reported so viewers and tests can see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct HitEvent {
    /// The fighter that was hit.
    pub defender: Side,
    /// The attack: punch, kick, throw or fireball.
    pub attack: Action,
    /// Hit, counter-hit or guarded.
    pub contact: Contact,
    /// Hit points taken.
    pub damage: i32,
}

/// What happened on one tick, beyond the new state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TickEvents {
    /// Per side: whether the input's action was started (`false` when the
    /// fighter could not act, or a fireball was refused).
    pub started: [bool; 2],
    /// Hits found this tick: at most melee and fireball per defender.
    pub hits: [Option<HitEvent>; 4],
    /// The two fireballs met and cancelled each other.
    pub fireballs_cancelled: bool,
    /// The round ended on this tick.
    pub round_end: Option<RoundResult>,
}

impl TickEvents {
    /// The hits found this tick.
    pub fn hits(&self) -> impl Iterator<Item = &HitEvent> {
        self.hits.iter().flatten()
    }
}

/// The whole state of a round in progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RoundState {
    /// Ticks played so far in this round.
    pub tick: i32,
    /// The fighters, indexed by [`Side::index`].
    pub fighters: [FighterState; 2],
    /// Normal or sudden death.
    pub kind: RoundKind,
    /// Set once the round has ended; stepping further does nothing.
    pub result: Option<RoundResult>,
}

/// A hit to apply to one defender, found in step 5.
#[derive(Clone, Copy)]
struct PendingHit {
    attack: Action,
    contact: Contact,
    damage: i32,
    stun: i32,
    pushback: i32,
}

impl RoundState {
    /// Both fighters at their start positions, full hit points, no energy.
    pub fn new(rules: &Rules, kind: RoundKind) -> Self {
        Self {
            tick: 0,
            fighters: [FighterState::new(rules, Side::Left), FighterState::new(rules, Side::Right)],
            kind,
            result: None,
        }
    }

    /// The fighter on `side`.
    pub fn fighter(&self, side: Side) -> &FighterState {
        &self.fighters[side.index()]
    }

    /// The mirror image: sides swapped, positions reflected.
    pub fn mirrored(&self, rules: &Rules) -> Self {
        let w = rules.stage_width;
        Self {
            tick: self.tick,
            fighters: [self.fighters[1].mirrored(w), self.fighters[0].mirrored(w)],
            kind: self.kind,
            result: self.result.map(|r| RoundResult {
                winner: r.winner.map(Side::opponent),
                hit_points: [r.hit_points[1], r.hit_points[0]],
                damage_dealt: [r.damage_dealt[1], r.damage_dealt[0]],
                ..r
            }),
        }
    }

    /// A 64-bit hash of the whole state (FNV-1a over a fixed field order),
    /// the same on every machine.
    pub fn hash(&self) -> u64 {
        let mut h = StateHasher::new();
        h.i32(self.tick);
        for f in &self.fighters {
            f.hash_into(&mut h);
        }
        h.u8(self.kind as u8);
        h.finish()
    }

    /// Plays one tick (GAME.md "Resolution order inside one tick").
    ///
    /// A finished round does not change; the returned events are empty.
    pub fn step(&mut self, rules: &Rules, inputs: [Input; 2]) -> TickEvents {
        let mut events = TickEvents::default();
        if self.result.is_some() {
            return events;
        }

        // 1. Read both actions. A fault ends the round before anything moves.
        let faulted = inputs.map(|i| i == Input::Fault);
        if faulted[0] || faulted[1] {
            let winner = match faulted {
                [true, false] => Some(Side::Right),
                [false, true] => Some(Side::Left),
                _ => None,
            };
            events.round_end = Some(self.finish(winner, RoundEnd::Fault));
            return events;
        }

        // 2. Start new actions for actionable fighters.
        for side in Side::BOTH {
            let i = side.index();
            events.started[i] = self.start_action(rules, side, inputs[i].action());
        }

        // 3. Move both fighters, then keep the bodies apart.
        for side in Side::BOTH {
            move_fighter(rules, side, &mut self.fighters[side.index()]);
        }
        self.separate_bodies(rules);

        // 4. Advance projectiles (launching any that leave a hand this tick).
        events.fireballs_cancelled = self.advance_projectiles(rules);

        // 5. Find every hit against the state after movement, before applying any.
        let mut melee: [Option<PendingHit>; 2] = [None, None];
        let mut ranged: [Option<PendingHit>; 2] = [None, None];
        for side in Side::BOTH {
            let d = side.index();
            melee[d] = self.melee_hit(rules, side.opponent(), side);
            // A throw breaks a guard: a fireball arriving on the same tick is
            // not guarded either (else its block-stun would cut the throw's
            // hit-stun short).
            let guard_broken = melee[d].is_some_and(|h| h.contact != Contact::Guarded);
            ranged[d] = self.fireball_hit(rules, side.opponent(), side, guard_broken);
        }

        // 6. Apply them all.
        let mut landed = [false; 2];
        for side in Side::BOTH {
            let d = side.index();
            for (slot, hit) in [(2 * d, melee[d]), (2 * d + 1, ranged[d])] {
                let Some(hit) = hit else { continue };
                if hit.contact != Contact::Guarded {
                    landed[side.opponent().index()] = true;
                }
                self.apply_hit(rules, side, hit);
                events.hits[slot] =
                    Some(HitEvent { defender: side, attack: hit.attack, contact: hit.contact, damage: hit.damage });
            }
        }
        // Spend the attacks that connected, so they hit once.
        for side in Side::BOTH {
            if melee[side.opponent().index()].is_some()
                && let Activity::Attack { spent, .. } = &mut self.fighters[side.index()].activity
            {
                *spent = true;
            }
        }

        // 7. Advance timers.
        for f in &mut self.fighters {
            advance_timers(rules, f);
        }
        self.tick += 1;

        events.round_end = self.check_end(rules, landed);
        events
    }

    /// Step 2 for one fighter; returns whether the action was started.
    fn start_action(&mut self, rules: &Rules, side: Side, action: Action) -> bool {
        let f = &mut self.fighters[side.index()];
        if !f.is_actionable() {
            f.crouching = false;
            f.guarding = matches!(f.activity, Activity::BlockStun { .. });
            f.walk_velocity = 0;
            return false;
        }
        let previous_walk = f.walk_velocity;
        f.crouching = false;
        f.guarding = false;
        f.walk_velocity = 0;
        let started = match action {
            Action::Idle => true,
            Action::Forward => {
                f.walk_velocity = rules.walk_forward_speed;
                true
            }
            Action::Back => {
                f.walk_velocity = -rules.walk_back_speed;
                true
            }
            Action::Jump => {
                f.activity = Activity::Airborne { elapsed: 0, velocity: previous_walk };
                true
            }
            Action::Crouch => {
                f.crouching = true;
                true
            }
            Action::Guard => {
                f.guarding = true;
                true
            }
            Action::Punch | Action::Kick | Action::Throw => {
                f.activity = attack_start(rules, action);
                true
            }
            Action::Fireball => {
                if f.energy >= rules.fireball_cost && f.fireball.is_none() {
                    f.energy -= rules.fireball_cost;
                    f.activity = attack_start(rules, action);
                    true
                } else {
                    false
                }
            }
        };
        if started {
            f.last_started = action;
        }
        started
    }

    /// Step 3's collision: if the bodies overlap, each is pushed back by half
    /// the overlap, rounded up; at a wall the other fighter takes all of it.
    fn separate_bodies(&mut self, rules: &Rules) {
        let (min, max) = bounds(rules);
        let [left, right] = &mut self.fighters;
        let overlap = rules.body_width - (right.x - left.x);
        if overlap <= 0 {
            return;
        }
        let push = (overlap + 1) / 2;
        left.x -= push;
        right.x += push;
        if left.x < min {
            right.x += min - left.x;
            left.x = min;
        } else if right.x > max {
            left.x -= right.x - max;
            right.x = max;
        }
    }

    /// Step 4: launch, move, cancel and retire fireballs. Returns whether two
    /// fireballs met.
    fn advance_projectiles(&mut self, rules: &Rules) -> bool {
        let half = rules.body_width / 2;
        // Where each fireball was at the start of the tick (a new one: where
        // it is launched), to tell fireballs that meet from ones that passed
        // each other earlier (one jumped over, say, is behind its target).
        let mut before = [None; 2];
        for side in Side::BOTH {
            let f = &mut self.fighters[side.index()];
            if let Some(p) = &mut f.fireball {
                before[side.index()] = Some(p.x);
                p.x += side.forward() * rules.fireball_speed;
            }
            if let Activity::Attack { attack: Action::Fireball, phase: Phase::Active, spent, .. } = &mut f.activity
                && !*spent
            {
                *spent = true;
                let x = f.x + side.forward() * half;
                f.fireball = Some(Projectile { x });
                before[side.index()] = Some(x);
            }
        }
        let [left, right] = &mut self.fighters;
        if let (Some(a), Some(b), Some(a0), Some(b0)) = (left.fireball, right.fireball, before[0], before[1]) {
            // The left one travels towards larger x, the right one towards
            // smaller: they meet if they were not yet past each other and
            // now touch or have crossed.
            if a0 <= b0 && a.x >= b.x {
                left.fireball = None;
                right.fireball = None;
                return true;
            }
        }
        for f in &mut self.fighters {
            if f.fireball.is_some_and(|p| p.x < 0 || p.x > rules.stage_width) {
                f.fireball = None;
            }
        }
        false
    }

    /// Step 5 for a punch, kick or throw of `attacker` against `defender`.
    fn melee_hit(&self, rules: &Rules, attacker: Side, defender: Side) -> Option<PendingHit> {
        let a = self.fighter(attacker);
        let d = self.fighter(defender);
        let (attack, spent) = a.active_attack()?;
        if spent || attack == Action::Fireball {
            return None;
        }
        let data = attack_data(rules, attack);
        let gap = (a.x - d.x).abs() - rules.body_width;
        if gap > data.reach {
            return None;
        }
        let immune = match attack {
            Action::Punch => d.crouching,
            Action::Kick => d.is_airborne(),
            // A throw loses to any attack active on the same tick.
            Action::Throw => d.is_airborne() || d.active_attack().is_some(),
            _ => true,
        };
        if immune {
            return None;
        }
        let guardable = attack != Action::Throw;
        Some(contact(rules, d, attack, data, guardable))
    }

    /// Step 5 for `attacker`'s fireball against `defender`.
    fn fireball_hit(&self, rules: &Rules, attacker: Side, defender: Side, guard_broken: bool) -> Option<PendingHit> {
        let p = self.fighter(attacker).fireball?;
        let d = self.fighter(defender);
        if (p.x - d.x).abs() > rules.body_width / 2 || d.is_airborne() {
            return None;
        }
        Some(contact(rules, d, Action::Fireball, &rules.fireball, !guard_broken))
    }

    /// Step 6 for one hit on `defender`.
    fn apply_hit(&mut self, rules: &Rules, defender: Side, hit: PendingHit) {
        let (min, max) = bounds(rules);
        let attacker = defender.opponent();
        let a = &mut self.fighters[attacker.index()];
        a.damage_dealt += hit.damage;
        if hit.contact != Contact::Guarded {
            a.energy = (a.energy + rules.energy_on_hit).min(rules.max_energy);
        }
        if hit.attack == Action::Fireball {
            a.fireball = None;
        }
        let d = &mut self.fighters[defender.index()];
        d.hit_points = (d.hit_points - hit.damage).max(0);
        d.x = (d.x - defender.forward() * hit.pushback).clamp(min, max);
        d.walk_velocity = 0;
        if hit.contact == Contact::Guarded {
            d.energy = (d.energy + rules.energy_on_guard).min(rules.max_energy);
            let ticks_left = match d.activity {
                Activity::BlockStun { ticks_left } => ticks_left.max(hit.stun),
                _ => hit.stun,
            };
            d.activity = Activity::BlockStun { ticks_left };
            d.guarding = true;
        } else {
            let ticks_left = match d.activity {
                Activity::HitStun { ticks_left } => ticks_left.max(hit.stun),
                _ => hit.stun,
            };
            d.activity = Activity::HitStun { ticks_left };
            d.crouching = false;
            d.guarding = false;
        }
    }

    fn check_end(&mut self, rules: &Rules, landed: [bool; 2]) -> Option<RoundResult> {
        let [l, r] = [&self.fighters[0], &self.fighters[1]];
        if self.kind == RoundKind::SuddenDeath && (landed[0] || landed[1]) {
            let winner = match landed {
                [true, false] => Some(Side::Left),
                [false, true] => Some(Side::Right),
                _ => None,
            };
            return Some(self.finish(winner, RoundEnd::FirstHit));
        }
        if l.hit_points == 0 || r.hit_points == 0 {
            let winner = match (l.hit_points == 0, r.hit_points == 0) {
                (true, false) => Some(Side::Right),
                (false, true) => Some(Side::Left),
                _ => None,
            };
            return Some(self.finish(winner, RoundEnd::KnockOut));
        }
        if self.tick >= rules.round_ticks {
            // GAME.md leaves a sudden-death round without a landed hit open.
            // "First hit wins", and the coin comes next in the tie-break: so
            // chip damage does not decide it at time-out, and the round is
            // drawn. (Chip damage that knocks a fighter out still wins it.)
            if self.kind == RoundKind::SuddenDeath {
                return Some(self.finish(None, RoundEnd::TimeOut));
            }
            let winner = match l.hit_points.cmp(&r.hit_points) {
                std::cmp::Ordering::Greater => Some(Side::Left),
                std::cmp::Ordering::Less => Some(Side::Right),
                std::cmp::Ordering::Equal => None,
            };
            return Some(self.finish(winner, RoundEnd::TimeOut));
        }
        None
    }

    fn finish(&mut self, winner: Option<Side>, end: RoundEnd) -> RoundResult {
        let result = RoundResult {
            winner,
            end,
            ticks: self.tick,
            hit_points: self.fighters.map(|f| f.hit_points),
            damage_dealt: self.fighters.map(|f| f.damage_dealt),
        };
        self.result = Some(result);
        result
    }
}

/// Smallest and largest x a body centre may have.
fn bounds(rules: &Rules) -> (i32, i32) {
    let half = rules.body_width / 2;
    (half, rules.stage_width - half)
}

/// The frame data of the attack in an [`Activity::Attack`] ([`Attack::data`]).
/// Only the four attacks start one; a state built by hand with another
/// action there has always played it with the punch's frame data, and still
/// does.
pub(crate) fn attack_data(rules: &Rules, attack: Action) -> &AttackData {
    Attack::of(attack).unwrap_or(Attack::Punch).data(rules)
}

fn attack_start(rules: &Rules, attack: Action) -> Activity {
    Activity::Attack { attack, phase: Phase::Startup, ticks_left: attack_data(rules, attack).startup, spent: false }
}

/// How an attack that reaches `d` lands: guarded, counter-hit or plain hit.
fn contact(rules: &Rules, d: &FighterState, attack: Action, data: &AttackData, guardable: bool) -> PendingHit {
    if guardable && d.guarding {
        return PendingHit {
            attack,
            contact: Contact::Guarded,
            damage: data.chip,
            stun: data.block_stun,
            pushback: rules.guard_pushback,
        };
    }
    let (contact, damage) = if d.in_startup() {
        (Contact::CounterHit, data.damage * (100 + rules.counter_hit_bonus_percent) / 100)
    } else {
        (Contact::Hit, data.damage)
    };
    PendingHit { attack, contact, damage, stun: data.hit_stun, pushback: rules.hit_pushback }
}

/// Step 3 for one fighter: walk or fly, stopped by the walls.
fn move_fighter(rules: &Rules, side: Side, f: &mut FighterState) {
    // The fighters never pass each other, so "towards the opponent" is a
    // fixed direction per side.
    let (min, max) = bounds(rules);
    let forward = side.forward();
    match f.activity {
        Activity::Airborne { elapsed, velocity } => {
            if elapsed < rules.jump_ticks / 2 {
                f.y += rules.jump_speed;
            } else {
                f.y = (f.y - rules.jump_speed).max(0);
            }
            f.x = (f.x + forward * velocity).clamp(min, max);
        }
        _ => {
            if f.y > 0 {
                // Knocked out of a jump: fall straight down.
                f.y = (f.y - rules.jump_speed).max(0);
            }
            f.x = (f.x + forward * f.walk_velocity).clamp(min, max);
        }
    }
}

/// Step 7 for one fighter.
fn advance_timers(rules: &Rules, f: &mut FighterState) {
    f.activity = match f.activity {
        Activity::Neutral => Activity::Neutral,
        Activity::Attack { attack, phase, ticks_left, spent } => {
            if ticks_left > 1 {
                Activity::Attack { attack, phase, ticks_left: ticks_left - 1, spent }
            } else {
                let data = attack_data(rules, attack);
                match phase {
                    Phase::Startup => Activity::Attack { attack, phase: Phase::Active, ticks_left: data.active, spent },
                    Phase::Active if data.recovery > 0 => {
                        Activity::Attack { attack, phase: Phase::Recovery, ticks_left: data.recovery, spent }
                    }
                    Phase::Active | Phase::Recovery => Activity::Neutral,
                }
            }
        }
        Activity::Airborne { elapsed, velocity } => {
            if elapsed + 1 >= rules.jump_ticks {
                Activity::Neutral
            } else {
                Activity::Airborne { elapsed: elapsed + 1, velocity }
            }
        }
        Activity::HitStun { ticks_left } | Activity::BlockStun { ticks_left } if ticks_left <= 1 => Activity::Neutral,
        Activity::HitStun { ticks_left } => Activity::HitStun { ticks_left: ticks_left - 1 },
        Activity::BlockStun { ticks_left } => Activity::BlockStun { ticks_left: ticks_left - 1 },
    };
    f.energy = (f.energy + rules.energy_per_tick).min(rules.max_energy);
}
