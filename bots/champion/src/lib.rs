//! `champion`: the strongest example bot. It embeds the simulation and
//! looks ahead, and it learns its opponent as the match goes.
//!
//! Every tick on which it can act, it rebuilds the round's state from what
//! it sees ([`RoundState::from_observation`]) and plays each of its
//! candidate actions forward [`HORIZON`] ticks with [`RoundState::step`],
//! the host's own rules, against each of a few models of the opponent:
//!
//! - it stands still; it only guards;
//! - it rushes in (punch, kick, throw by distance);
//! - it defends (guards or crouches what comes, punishes recoveries, and
//!   otherwise does what the mimic says);
//! - it does what it did before in the same situation ([`Mimic`]: a table,
//!   learned from every action the opponent took, across rounds).
//!
//! Each model is scored by how well it has been predicting the opponent's
//! actual choices, and each candidate by the model-weighted value of where
//! the look-ahead ends (hit points, who is still busy, distance, energy),
//! plus a share of its worst case among the likely models. After the first
//! action the look-ahead plays the champion's own reactive policy
//! ([`defend`]): guard or crouch what is coming, step out of slow kicks,
//! punish recoveries, combo a stunned opponent.
//!
//! A decision costs up to [`MAX_STEPS`] simulated ticks: under 3.2 million
//! fuel in the sandbox (measured), within the 5 million of a tick's budget,
//! so it never has to be suspended.

use arena_sdk::prelude::*;
use arena_sdk::sim::{Activity, Attack, FighterState, Input, RoundState, Unseen};

/// Ticks each look-ahead plays.
pub const HORIZON: usize = 36;

/// Most simulated ticks per decision under the default fuel budget (the
/// budget's guard: measured in wasmtime, a decision stays under 3.2 million
/// fuel of the 5 million per tick). Smaller budgets scale it down.
pub const MAX_STEPS: usize = 2400;

/// A model of the opponent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// Never acts.
    Idle,
    /// Only guards.
    Guard,
    /// Walks in and attacks by distance.
    Rush,
    /// Guards what comes and punishes recoveries; otherwise does what the
    /// mimic says.
    Defend,
    /// Repeats what it did before in the same situation.
    Mimic,
    /// In each situation, the model that has predicted the opponent best in
    /// that kind of situation so far.
    Best,
}

impl Model {
    /// The simple models (all but [`Model::Best`]).
    pub const ALL: [Model; 5] = [Model::Idle, Model::Guard, Model::Rush, Model::Defend, Model::Mimic];
}

/// Distance buckets the mimic table tells apart.
const GAP_BUCKETS: [i32; 6] = [20, 70, 110, 170, 300, i32::MAX];
const STATES: usize = 6;
const CONTEXTS: usize = GAP_BUCKETS.len() * STATES * 5 * 2 * 2;

/// What the opponent did, by situation: counts per action.
#[derive(Clone, Debug)]
pub struct Mimic {
    counts: Vec<[u16; 10]>,
    overall: [u32; 10],
}

impl Default for Mimic {
    fn default() -> Self {
        Self { counts: vec![[0; 10]; CONTEXTS], overall: [0; 10] }
    }
}

impl Mimic {
    /// The situation of the fighter who observes `o`, as the table sees it.
    fn context(rules: &Rules, o: &Observation) -> usize {
        let gap = o.gap(rules.body_width);
        let bucket = GAP_BUCKETS.iter().position(|&b| gap <= b).unwrap_or(GAP_BUCKETS.len() - 1);
        let t = &o.opponent;
        let state = state_of(t);
        let attack = match t.phase.and(Attack::of(t.action)) {
            None => 0,
            Some(Attack::Punch) => 1,
            Some(Attack::Kick) => 2,
            Some(Attack::Throw) => 3,
            Some(Attack::Fireball) => 4,
        };
        let energy = usize::from(o.me.energy >= rules.fireball_cost && o.me.fireball_x.is_none());
        let fireball = usize::from(t.fireball_x.is_some());
        (((bucket * STATES + state) * 5 + attack) * 2 + energy) * 2 + fireball
    }

    /// Records that the fighter observing `o` chose `action`.
    fn learn(&mut self, rules: &Rules, o: &Observation, action: Action) {
        let c = &mut self.counts[Self::context(rules, o)][action.code() as usize];
        *c = c.saturating_add(1);
        self.overall[action.code() as usize] += 1;
    }

    /// The action most often chosen in this situation (or overall).
    fn predict(&self, rules: &Rules, o: &Observation) -> Action {
        let row = &self.counts[Self::context(rules, o)];
        let best = |counts: &[u32; 10]| {
            let mut best = 0;
            for i in 1..10 {
                if counts[i] > counts[best] {
                    best = i;
                }
            }
            (counts[best] > 0).then(|| Action::ALL[best])
        };
        best(&row.map(u32::from)).or_else(|| best(&self.overall)).unwrap_or(Action::Idle)
    }
}

/// What a fighter is doing, in the six kinds the models are judged by:
/// free, attack startup, attack active, recovery, stunned, airborne.
fn state_of(v: &FighterView) -> usize {
    if v.airborne {
        5
    } else if v.stun_ticks_left > 0 {
        4
    } else {
        match v.phase {
            None => 0,
            Some(Phase::Startup) => 1,
            Some(Phase::Active) => 2,
            Some(Phase::Recovery) => 3,
        }
    }
}

/// The champion.
#[derive(Clone, Debug, Default)]
pub struct Champion {
    rules: Rules,
    mimic: Mimic,
    /// How well each model has been predicting the opponent (0 to 1),
    /// overall and by what the champion was doing ([`state_of`]).
    accuracy: [f32; 5],
    situational: [[f32; 5]; STATES],
    prev: Option<Observation>,
    /// Walk velocity before each fighter's jump (me, opponent).
    jump_velocity: [i32; 2],
    walk_before: [i32; 2],
    my_last_started: Action,
}

impl Bot for Champion {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.rules = info.rules.clone();
        self.accuracy = [0.5; 5];
        self.situational = [[0.5; 5]; STATES];
        Ok(())
    }

    fn tick(&mut self, obs: &Observation) -> Action {
        self.play(obs, None)
    }
}

/// Can act this tick.
fn actionable(v: &FighterView) -> bool {
    v.phase.is_none() && v.stun_ticks_left == 0 && !v.airborne
}

impl Champion {
    /// Updates the models' scores and the mimic table with what the opponent
    /// chose on the previous tick.
    fn learn(&mut self, obs: &Observation) {
        let Some(prev) = self.prev else { return };
        let (before, now) = (&prev.opponent, &obs.opponent);
        if !actionable(before) || now.stun_ticks_left > 0 {
            return;
        }
        let chose = match now.phase {
            Some(_) => now.action,
            None if now.airborne => Action::Jump,
            None => now.action,
        };
        let theirs = prev.mirrored(&self.rules, self.my_last_started);
        let situation = state_of(&prev.me);
        for (i, model) in Model::ALL.into_iter().enumerate() {
            let predicted = self.predict(model, &theirs);
            let hit = if predicted == chose { 1.0 } else { 0.0 };
            self.accuracy[i] = 0.95 * self.accuracy[i] + 0.05 * hit;
            let a = &mut self.situational[situation][i];
            *a = 0.8 * *a + 0.2 * hit;
        }
        self.mimic.learn(&self.rules, &theirs, chose);
    }

    fn track_jumps(&mut self, obs: &Observation) {
        for (i, v) in [&obs.me, &obs.opponent].into_iter().enumerate() {
            if v.airborne {
                if v.action == Action::Jump && v.phase_ticks_left == self.rules.jump_ticks - 1 {
                    self.jump_velocity[i] = self.walk_before[i];
                }
            } else {
                self.walk_before[i] = v.walk_velocity(&self.rules);
            }
        }
    }

    /// What `model` says the fighter observing `o` does.
    fn predict(&self, model: Model, o: &Observation) -> Action {
        match model {
            Model::Idle => Action::Idle,
            Model::Guard => Action::Guard,
            Model::Rush => rush(&self.rules, o),
            Model::Defend => defend(&self.rules, o, self.mimic.predict(&self.rules, o)),
            Model::Mimic => self.mimic.predict(&self.rules, o),
            Model::Best => {
                let row = &self.situational[state_of(&o.opponent)];
                let mut best = 4; // the mimic wins ties
                for i in 0..4 {
                    if row[i] > row[best] {
                        best = i;
                    }
                }
                self.predict(Model::ALL[best], o)
            }
        }
    }

    /// The models to look ahead with and their weights: the situational
    /// best model, then the simple ones by overall accuracy, sharpened.
    fn weights(&self) -> Vec<(Model, f32)> {
        let raw: Vec<f32> = self.accuracy.iter().map(|a| (a + 0.05).powi(6)).collect();
        let total: f32 = raw.iter().sum();
        let mut w: Vec<(Model, f32)> =
            Model::ALL.into_iter().zip(raw).map(|(m, r)| (m, 0.5 * r / total)).filter(|(_, w)| *w >= 0.03).collect();
        w.sort_by(|a, b| b.1.total_cmp(&a.1));
        w.insert(0, (Model::Best, 0.5));
        w
    }

    /// For debugging: [`Bot::tick`], with the model scores and every
    /// candidate's value under every model written to `out`.
    #[doc(hidden)]
    pub fn tick_explained(&mut self, obs: &Observation, out: &mut String) -> Action {
        self.play(obs, Some(out))
    }

    fn play(&mut self, obs: &Observation, mut explain: Option<&mut String>) -> Action {
        if self.rules.stage_width == 0 {
            // `init` was not called: assume the default rules.
            self.rules = Rules::default();
            self.accuracy = [0.5; 5];
            self.situational = [[0.5; 5]; STATES];
        }
        if obs.tick == 0 {
            self.prev = None;
            self.walk_before = [0; 2];
            self.jump_velocity = [0; 2];
        }
        self.learn(obs);
        self.track_jumps(obs);
        if let Some(out) = explain.as_deref_mut() {
            out.push_str(&format!("  accuracy {:?}\n  situational {:?}\n", self.accuracy, self.situational));
        }
        let action = if actionable(&obs.me) { self.search(obs, explain) } else { Action::Guard };
        if actionable(&obs.me) {
            self.my_last_started = action;
        }
        self.prev = Some(*obs);
        action
    }

    /// The most simulated ticks one decision may play: [`MAX_STEPS`] under
    /// the default fuel budget, fewer under a smaller one.
    fn max_steps(&self) -> usize {
        let default = Rules::default().limits.tick_fuel as u128;
        let scaled = MAX_STEPS as u128 * self.rules.limits.tick_fuel as u128 / default.max(1);
        (scaled as usize).clamp(3 * HORIZON, MAX_STEPS)
    }

    /// Picks the action whose look-ahead scores best.
    fn search(&mut self, obs: &Observation, mut explain: Option<&mut String>) -> Action {
        let r = &self.rules;
        let unseen = Unseen { jump_velocity: self.jump_velocity, ..Unseen::default() };
        let root = RoundState::from_observation(r, obs, unseen);
        let gap = obs.gap(r.body_width);
        let mut candidates =
            vec![Action::Guard, Action::Idle, Action::Forward, Action::Back, Action::Crouch, Action::Jump];
        if gap <= r.punch.reach + 60 {
            candidates.push(Action::Punch);
        }
        if gap <= r.kick.reach + 60 {
            candidates.push(Action::Kick);
        }
        if gap <= r.throw.reach + r.walk_forward_speed {
            candidates.push(Action::Throw);
        }
        if obs.me.energy >= r.fireball_cost && obs.me.fireball_x.is_none() {
            candidates.push(Action::Fireball);
        }
        let weights = self.weights();
        let mut steps = 0;
        let mut best = (f32::MIN, Action::Guard);
        let mut scores: Vec<(Action, f32, f32, f32)> = candidates.iter().map(|&a| (a, 0.0, f32::MAX, 0.0)).collect();
        for &(model, weight) in &weights {
            if steps + candidates.len() * HORIZON > self.max_steps() {
                break;
            }
            for entry in scores.iter_mut() {
                let (v, n) = self.rollout(&root, obs, entry.0, model);
                if let Some(out) = explain.as_deref_mut() {
                    out.push_str(&format!("  {model:?}({weight:.2}) {}: {v:.0}\n", entry.0));
                }
                steps += n;
                entry.1 += weight * v;
                entry.3 += weight;
                if weight >= 0.1 {
                    entry.2 = entry.2.min(v);
                }
            }
        }
        for (a, sum, worst, total) in scores {
            let worst = if worst == f32::MAX { sum / total.max(1e-6) } else { worst };
            let score = sum / total.max(1e-6) + 0.3 * worst;
            if score > best.0 {
                best = (score, a);
            }
        }
        best.1
    }

    /// Plays `first` then the reactive policy against `model` for
    /// [`HORIZON`] ticks; returns the end's value and the ticks played.
    fn rollout(&self, root: &RoundState, obs: &Observation, first: Action, model: Model) -> (f32, usize) {
        let r = &self.rules;
        let mut s = *root;
        // After an attack, guard; after a stance or a walk, keep it.
        let neutral = match first {
            Action::Forward | Action::Back | Action::Guard | Action::Crouch | Action::Idle => first,
            _ => Action::Guard,
        };
        let wins = [obs.my_wins, obs.opponent_wins];
        let observe = |s: &RoundState, side| Observation::of_round(r, s, side, obs.round, wins);
        let mut played = 0;
        for k in 0..HORIZON {
            let [me, them] = &s.fighters;
            let (me_free, them_free) = (me.is_actionable(), them.is_actionable());
            let mine = if k == 0 {
                first
            } else if me_free {
                let o = observe(&s, Side::Left);
                let a = defend(r, &o, neutral);
                // A walk forward stops at touching distance.
                if a == Action::Forward && o.gap(r.body_width) <= 0 { Action::Guard } else { a }
            } else {
                Action::Idle
            };
            let theirs = if them_free {
                let o = observe(&s, Side::Right);
                self.predict(model, &o)
            } else {
                Action::Idle
            };
            played += 1;
            if s.step(r, [Input::Act(mine), Input::Act(theirs)]).round_end.is_some() {
                break;
            }
        }
        (self.value(&s, root, obs), played)
    }

    /// How good a state is for the champion (left) compared with the root.
    fn value(&self, s: &RoundState, root: &RoundState, obs: &Observation) -> f32 {
        let r = &self.rules;
        let [me, them] = &s.fighters;
        let [me0, them0] = &root.fighters;
        let mut v = ((me.hit_points - me0.hit_points) - (them.hit_points - them0.hit_points)) as f32;
        if them.hit_points == 0 && me.hit_points > 0 {
            v += 2000.0;
        }
        if me.hit_points == 0 && them.hit_points > 0 {
            v -= 2000.0;
        }
        // Who can act first.
        v += 1.5 * (busy(r, them) - busy(r, me)).clamp(-20, 20) as f32;
        // Energy buys fireballs.
        v += 0.04 * (me.energy - them.energy) as f32;
        // A fireball coming at the champion will land.
        if let Some(p) = them.fireball
            && p.x - me.x < 200
            && me.y == 0
        {
            v -= 20.0;
        }
        let gap = them.x - me.x - r.body_width;
        let ahead = me.hit_points > them.hit_points;
        let ticks_left = obs.ticks_left - (s.tick - root.tick);
        if ahead && ticks_left < 240 {
            // Run the clock out from a distance.
            v += 0.1 * gap.min(400) as f32;
        } else {
            // Close in, and keep off the wall.
            v -= 0.15 * (gap - r.kick.reach).max(0) as f32;
            let half = r.body_width / 2;
            v -= 0.1 * (120 - (me.x - half)).max(0) as f32;
            v += 0.1 * (120 - (r.stage_width - half - them.x)).max(0) as f32;
        }
        v
    }
}

/// Ticks until a fighter can act again.
fn busy(r: &Rules, f: &FighterState) -> i32 {
    match f.activity {
        Activity::Neutral => f.y / r.jump_speed.max(1),
        Activity::Attack { attack, phase, ticks_left, .. } => {
            // Only the four attacks start an attack.
            let Some(d) = Attack::of(attack).map(|a| a.data(r)) else {
                return ticks_left;
            };
            ticks_left
                + match phase {
                    Phase::Startup => d.active + d.recovery,
                    Phase::Active => d.recovery,
                    Phase::Recovery => 0,
                }
        }
        Activity::Airborne { elapsed, .. } => r.jump_ticks - elapsed,
        Activity::HitStun { ticks_left } | Activity::BlockStun { ticks_left } => ticks_left,
    }
}

/// Walks in and attacks by distance.
pub fn rush(r: &Rules, o: &Observation) -> Action {
    let gap = o.gap(r.body_width);
    if gap <= r.throw.reach && (o.opponent.guarding || o.opponent.crouching) {
        Action::Throw
    } else if gap <= r.punch.reach {
        Action::Punch
    } else if gap <= r.kick.reach {
        Action::Kick
    } else {
        Action::Forward
    }
}

/// The reactive policy: answer what is coming, punish what whiffed,
/// combo what is stunned, else `neutral`.
pub fn defend(r: &Rules, o: &Observation, neutral: Action) -> Action {
    let gap = o.gap(r.body_width);
    let t = &o.opponent;
    let walk = r.walk_forward_speed;
    if t.airborne {
        // Airborne fighters cannot attack; the punch is the anti-air.
        return if gap <= r.punch.reach { Action::Punch } else { neutral };
    }
    if let (Some(Phase::Startup | Phase::Active), Some(attack)) = (t.phase, Attack::of(t.action))
        && attack != Attack::Fireball
    {
        let d = attack.data(r);
        if gap <= d.reach + walk {
            if gap > d.reach {
                return if neutral == Action::Forward { Action::Guard } else { neutral };
            }
            let moves = if t.phase == Some(Phase::Startup) { t.phase_ticks_left + 1 } else { 1 };
            return match attack {
                Attack::Punch => Action::Crouch,
                Attack::Throw => {
                    if t.phase == Some(Phase::Startup) && t.phase_ticks_left >= r.punch.startup {
                        Action::Punch
                    } else {
                        Action::Jump
                    }
                }
                _ if gap + moves * r.walk_back_speed > d.reach && o.me.x - r.walk_back_speed > r.body_width / 2 => {
                    Action::Back
                }
                _ => Action::Guard,
            };
        }
    }
    if let Some(x) = t.fireball_x
        && x - o.me.x <= r.body_width / 2 + 3 * r.fireball_speed
    {
        return Action::Guard;
    }
    // Punish a recovery, or combo a hit-stun, with what lands in time.
    let window = match t.phase {
        Some(Phase::Recovery) => t.phase_ticks_left,
        _ if t.stun_ticks_left > 0 && !t.guarding => t.stun_ticks_left,
        _ => 0,
    };
    if window > 0 {
        for a in [Attack::Throw, Attack::Kick, Attack::Punch] {
            let d = a.data(r);
            let steps = ((gap - d.reach).max(0) + walk - 1) / walk;
            if steps + d.startup < window {
                return if steps == 0 { a.action() } else { Action::Forward };
            }
        }
    }
    neutral
}

arena_sdk::export_bot!(Champion);

#[cfg(test)]
mod tests {
    use arena_sdk::sim::{Match, MatchKind, Side};

    use super::*;

    #[test]
    fn the_mimic_predicts_what_it_saw() {
        let rules = Rules::default();
        let game = Match::new(rules.clone(), MatchKind::Normal).unwrap();
        let obs = Observation::of(&game, Side::Left);
        let mut m = Mimic::default();
        assert_eq!(m.predict(&rules, &obs), Action::Idle);
        m.learn(&rules, &obs, Action::Kick);
        m.learn(&rules, &obs, Action::Kick);
        m.learn(&rules, &obs, Action::Back);
        assert_eq!(m.predict(&rules, &obs), Action::Kick);
    }
}
