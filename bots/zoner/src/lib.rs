//! `zoner`: keeps the opponent at the end of its kick. Throws fireballs
//! when it has the energy, kicks whoever walks into kick reach, backs away
//! from whoever gets closer, guards what comes, and punches jumpers out of
//! the air (a punch is the only attack that hits an airborne fighter).

use arena_sdk::prelude::*;

/// Fireballs, long kicks, anti-air punches.
#[derive(Clone, Debug, Default)]
pub struct Zoner {
    rules: Rules,
    /// The opponent's x on the previous tick, to see where a jump goes.
    last_opponent_x: Option<i32>,
}

impl Bot for Zoner {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.rules = info.rules.clone();
        Ok(())
    }

    fn tick(&mut self, obs: &Observation) -> Action {
        let r = &self.rules;
        let (me, o) = (&obs.me, &obs.opponent);
        let gap = obs.gap(r.body_width);
        let velocity = self.last_opponent_x.map_or(0, |x| o.x - x);
        self.last_opponent_x = Some(o.x);

        // Anti-air: punch if the jumper will be in reach when the punch is
        // out; else walk under it (an airborne fighter cannot attack).
        if o.airborne {
            let gap_then = gap + velocity * r.punch.startup;
            return if gap_then <= r.punch.reach { Action::Punch } else { Action::Forward };
        }
        // Guard what is coming.
        let attacking = matches!(o.phase, Some(Phase::Startup | Phase::Active));
        if attacking && o.action != Action::Fireball {
            let reach = match o.action {
                Action::Kick => r.kick.reach,
                Action::Throw => r.throw.reach,
                _ => r.punch.reach,
            };
            if gap <= reach + r.walk_forward_speed {
                return if o.action == Action::Throw { Action::Back } else { Action::Guard };
            }
        }
        if o.fireball_x.is_some_and(|x| x - me.x <= r.body_width / 2 + 4 * r.fireball_speed) {
            return Action::Guard;
        }
        // Punish a recovery in reach.
        if o.phase == Some(Phase::Recovery) {
            if gap <= r.punch.reach && o.phase_ticks_left > r.punch.startup {
                return Action::Punch;
            }
            if gap <= r.kick.reach && o.phase_ticks_left > r.kick.startup {
                return Action::Kick;
            }
        }
        // Zone.
        if me.energy >= r.fireball_cost && me.fireball_x.is_none() && gap > 2 * r.kick.reach {
            return Action::Fireball;
        }
        if gap <= r.punch.reach {
            return Action::Punch;
        }
        // Kick where a walker will be when the kick is out.
        if gap + velocity.min(0) * r.kick.startup <= r.kick.reach {
            return Action::Kick;
        }
        let cornered = me.x <= r.body_width / 2 + r.walk_back_speed;
        if gap < 2 * r.kick.reach && !cornered {
            Action::Back
        } else if gap > 3 * r.kick.reach {
            Action::Forward
        } else {
            Action::Idle
        }
    }
}

arena_sdk::export_bot!(Zoner);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{Ring, opponents};

    use super::*;

    #[test]
    fn beats_the_dummy_the_jumper_and_the_kicker_from_both_sides() {
        for side in Side::BOTH {
            for mut opponent in [opponents::idle_dummy(), opponents::jumper(), opponents::kicker()] {
                let report = Ring::new().side(side).fight(&mut Zoner::default(), &mut opponent);
                assert!(report.won(), "{}", report.summary());
            }
        }
    }
}
