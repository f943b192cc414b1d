//! `guard-only`: guards every tick, nothing else. It cannot be hurt except
//! by chip damage and throws, and it never wins: the validation tests use
//! it as a submission that must be refused (it does not beat the dummy).

use arena_sdk::prelude::*;

/// Guards every tick.
#[derive(Clone, Copy, Debug, Default)]
pub struct GuardOnly;

impl Bot for GuardOnly {
    fn tick(&mut self, _: &Observation) -> Action {
        Action::Guard
    }
}

arena_sdk::export_bot!(GuardOnly);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{self, opponents};

    use super::*;

    #[test]
    fn does_not_beat_the_dummy() {
        let report = testing::fight(&mut GuardOnly, &mut opponents::idle_dummy());
        assert!(report.drawn(), "{}", report.summary());
    }

    #[test]
    fn takes_only_chip_from_a_puncher() {
        let report = testing::fight(&mut GuardOnly, &mut opponents::walker_puncher());
        let lost = report.replay().rules.hit_points - report.outcome().rounds[0].hit_points[0];
        // 10 chip per punch: it loses on time, but slowly.
        assert!(lost > 0 && lost % 10 == 0, "{}", report.summary());
    }
}
