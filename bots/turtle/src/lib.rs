//! `turtle`: guards (or crouches under a punch) while the opponent's attack
//! is in startup or active, and punishes it in recovery with the strongest
//! attack that lands in time (stepping out of a slow kick's reach when it
//! can, to punish the whiff).
//! Answers a throw's startup with a punch (a throw loses to an active
//! attack). When the opponent stays passive, it walks in and pokes.

use arena_sdk::prelude::*;
use arena_sdk::sim::AttackData;

/// Ticks without an opponent attack before the turtle comes out of its shell.
const PATIENCE: i32 = 90;

/// Guard, then punish.
#[derive(Clone, Debug, Default)]
pub struct Turtle {
    rules: Rules,
    /// Ticks since the opponent last started an attack.
    quiet: i32,
}

impl Turtle {
    fn data(&self, attack: Action) -> &AttackData {
        match attack {
            Action::Kick => &self.rules.kick,
            Action::Throw => &self.rules.throw,
            Action::Fireball => &self.rules.fireball,
            _ => &self.rules.punch,
        }
    }

    /// The opponent's attack in startup or active that can reach us soon.
    fn threatened(&self, obs: &Observation, gap: i32) -> Option<Action> {
        let o = &obs.opponent;
        let coming = matches!(o.phase, Some(Phase::Startup | Phase::Active));
        if !coming || o.action == Action::Fireball {
            return None;
        }
        (gap <= self.data(o.action).reach + self.rules.walk_forward_speed).then_some(o.action)
    }

    /// The best attack that can be active before the opponent recovers,
    /// walking in first if needed: the attack now, or `forward` towards it.
    fn punish(&self, recovery_left: i32, gap: i32) -> Option<Action> {
        let walk = self.rules.walk_forward_speed;
        [Action::Throw, Action::Kick, Action::Punch].into_iter().find_map(|a| {
            let d = self.data(a);
            let steps = ((gap - d.reach).max(0) + walk - 1) / walk;
            (steps + d.startup < recovery_left).then_some(if steps == 0 { a } else { Action::Forward })
        })
    }

    fn fireball_incoming(&self, obs: &Observation) -> bool {
        obs.opponent
            .fireball_x
            .is_some_and(|x| x - obs.me.x <= self.rules.body_width / 2 + 6 * self.rules.fireball_speed)
    }
}

impl Bot for Turtle {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.rules = info.rules.clone();
        Ok(())
    }

    fn tick(&mut self, obs: &Observation) -> Action {
        let gap = obs.gap(self.rules.body_width);
        let o = &obs.opponent;
        if o.phase == Some(Phase::Startup) && o.phase_ticks_left >= self.data(o.action).startup - 1 {
            self.quiet = 0;
        } else {
            self.quiet += 1;
        }
        if obs.round != 1 && obs.tick == 0 {
            self.quiet = 0;
        }
        match self.threatened(obs, gap) {
            Some(Action::Throw) => {
                // Be active on the throw's active tick, or be gone.
                return if o.phase == Some(Phase::Startup) && o.phase_ticks_left >= self.rules.punch.startup {
                    Action::Punch
                } else {
                    Action::Jump
                };
            }
            // A punch passes over a crouch: no block-stun, and a free punish.
            Some(Action::Punch) => return Action::Crouch,
            Some(attack) => {
                // Step out of reach if there is time (then punish the whiff),
                // else guard.
                let d = self.data(attack);
                let moves = match o.phase {
                    Some(Phase::Startup) => o.phase_ticks_left + 1,
                    _ => 1,
                };
                let cornered = obs.me.x - self.rules.walk_back_speed < self.rules.body_width / 2;
                if gap > d.reach {
                    return Action::Idle;
                }
                return if !cornered && gap + moves * self.rules.walk_back_speed > d.reach {
                    Action::Back
                } else {
                    Action::Guard
                };
            }
            None => {}
        }
        if self.fireball_incoming(obs) {
            return Action::Guard;
        }
        if o.phase == Some(Phase::Recovery)
            && let Some(attack) = self.punish(o.phase_ticks_left, gap)
        {
            return attack;
        }
        if self.quiet > PATIENCE {
            return if gap <= self.rules.punch.reach { Action::Punch } else { Action::Forward };
        }
        Action::Guard
    }
}

arena_sdk::export_bot!(Turtle);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{Ring, opponents};

    use super::*;

    #[test]
    fn beats_the_scripted_attackers_and_the_dummy_from_both_sides() {
        for side in Side::BOTH {
            for mut opponent in
                [opponents::idle_dummy(), opponents::walker_puncher(), opponents::kicker(), opponents::thrower()]
            {
                let report = Ring::new().side(side).fight(&mut Turtle::default(), &mut opponent);
                assert!(report.won(), "{}", report.summary());
            }
        }
    }
}
