//! {{name}}: an Arena fighting bot.
//!
//! `cargo test` plays it natively against the sparring partners;
//! `cargo build --release --target wasm32-wasip2` builds the component to
//! submit. The SDK's documentation (`cargo doc --open -p arena-sdk`) is the
//! guide; GAME.md has the rules.

use arena_sdk::prelude::*;

/// Walks in and attacks; guards what is coming; throws a guarding opponent.
#[derive(Clone, Debug, Default)]
pub struct MyBot {
    rules: Rules,
}

impl Bot for MyBot {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        // Reach, frame data and speeds of this match.
        self.rules = info.rules.clone();
        Ok(())
    }

    fn tick(&mut self, obs: &Observation) -> Action {
        let r = &self.rules;
        let gap = obs.gap(r.body_width);
        let them = &obs.opponent;

        // Their punch or kick is coming and reaches: guard it.
        let coming = matches!(them.phase, Some(Phase::Startup | Phase::Active));
        if coming && matches!(them.action, Action::Punch | Action::Kick) {
            let reach = if them.action == Action::Kick { r.kick.reach } else { r.punch.reach };
            if gap <= reach + r.walk_forward_speed {
                return Action::Guard;
            }
        }
        // A guard does not stop a throw.
        if gap <= r.throw.reach && them.guarding {
            return Action::Throw;
        }
        if gap <= r.punch.reach {
            Action::Punch
        } else if gap <= r.kick.reach {
            Action::Kick
        } else {
            Action::Forward
        }
    }
}

// Makes this crate a component of the `fighter` world when built for wasm32.
arena_sdk::export_bot!(MyBot);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{Ring, opponents};

    use super::*;

    /// Every submission must beat the dummy that never moves.
    #[test]
    fn beats_the_dummy_from_both_sides() {
        for side in Side::BOTH {
            let report = Ring::new().side(side).fight(&mut MyBot::default(), &mut opponents::idle_dummy());
            assert!(report.won(), "{}", report.summary());
        }
    }

    /// Plays every sparring partner and writes the replays to
    /// target/replays/ to watch them (`cargo test -- --nocapture` prints
    /// each match).
    #[test]
    fn spars_with_everyone() {
        for mut opponent in opponents::all() {
            let report = Ring::new().seed(1).fight(&mut MyBot::default(), &mut opponent);
            println!("{}", report.summary());
            let path = format!("target/replays/{}-vs-{}.replay", "{{name}}", opponent.name());
            report.save(&path).expect("cannot write the replay");
            report.replay().verify().expect("the replay re-simulates");
        }
    }
}
