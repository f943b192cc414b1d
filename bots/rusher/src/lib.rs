//! `rusher`: walks straight in and attacks. Kicks at the edge of kick reach,
//! punches closer in, and throws when touching (a throw beats a guard).

use arena_sdk::prelude::*;

/// Walks in; kick, punch or throw depending on the distance.
#[derive(Clone, Debug, Default)]
pub struct Rusher {
    rules: Rules,
    attacks: u32,
}

impl Bot for Rusher {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.rules = info.rules.clone();
        Ok(())
    }

    fn tick(&mut self, obs: &Observation) -> Action {
        let r = &self.rules;
        let gap = obs.gap(r.body_width);
        let action = if gap <= r.throw.reach {
            // A guard or a crouch loses to a throw; otherwise mix it up.
            if obs.opponent.guarding || obs.opponent.crouching || self.attacks % 3 == 2 {
                Action::Throw
            } else {
                Action::Punch
            }
        } else if gap <= r.punch.reach {
            Action::Punch
        } else if gap <= r.kick.reach && self.attacks.is_multiple_of(2) {
            Action::Kick
        } else {
            Action::Forward
        };
        if action.is_attack() && obs.me.phase.is_none() && obs.me.stun_ticks_left == 0 && !obs.me.airborne {
            self.attacks += 1;
        }
        action
    }
}

arena_sdk::export_bot!(Rusher);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{Ring, opponents};

    use super::*;

    #[test]
    fn beats_the_dummy_and_the_guarder_from_both_sides() {
        for side in Side::BOTH {
            for mut opponent in [opponents::idle_dummy(), opponents::guarder()] {
                let report = Ring::new().side(side).fight(&mut Rusher::default(), &mut opponent);
                assert!(report.won(), "{}", report.summary());
            }
        }
    }
}
