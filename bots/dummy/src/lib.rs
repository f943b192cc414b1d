//! `dummy`: never acts. The stationary dummy every submission must beat in
//! validation (`arena validate`), as a component.

use arena_sdk::prelude::*;

/// Idles every tick.
#[derive(Clone, Copy, Debug, Default)]
pub struct Dummy;

impl Bot for Dummy {
    fn tick(&mut self, _: &Observation) -> Action {
        Action::Idle
    }
}

arena_sdk::export_bot!(Dummy);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{self, opponents};

    use super::*;

    #[test]
    fn loses_to_a_kicker() {
        let report = testing::fight(&mut Dummy, &mut opponents::kicker());
        assert!(report.lost(), "{}", report.summary());
        assert_eq!(report.round_wins(), (0, 2));
    }
}
