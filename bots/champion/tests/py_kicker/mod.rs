//! A Rust port of `bots/py-kicker/app.py`, tick for tick, so the champion
//! can be tested against the Python bot natively.

use arena_sdk::prelude::*;

/// py-kicker's logic.
#[derive(Clone, Debug, Default)]
pub struct PyKicker {
    rules: Rules,
}

impl Bot for PyKicker {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.rules = info.rules.clone();
        Ok(())
    }

    fn tick(&mut self, obs: &Observation) -> Action {
        let r = &self.rules;
        let (me, op) = (&obs.me, &obs.opponent);
        let gap = op.x - me.x - r.body_width;
        let reach = |a: Action| match a {
            Action::Punch => r.punch.reach,
            Action::Kick => r.kick.reach,
            Action::Throw => r.throw.reach,
            _ => 0,
        };
        if op.phase == Some(Phase::Recovery) && gap <= r.kick.reach && op.phase_ticks_left > r.kick.startup {
            return Action::Kick;
        }
        if matches!(op.phase, Some(Phase::Startup | Phase::Active))
            && matches!(op.action, Action::Punch | Action::Kick)
            && gap <= reach(op.action) + r.walk_forward_speed
        {
            return Action::Guard;
        }
        if op.fireball_x.is_some_and(|x| x - me.x <= r.body_width) {
            return Action::Guard;
        }
        if gap <= r.throw.reach && (op.guarding || op.crouching) {
            return Action::Throw;
        }
        if gap <= r.punch.reach {
            return Action::Punch;
        }
        if gap <= r.kick.reach {
            return Action::Kick;
        }
        Action::Forward
    }
}
