//! Hostile bot `bad-init`: `init` always returns an error, one that tries
//! to clear the organiser's terminal and forge a line of output. The host
//! must record an init-failed fault with this message, for every round, and
//! print it with its control characters escaped.

use arena_sdk::prelude::*;

/// The error `init` returns.
pub const MESSAGE: &str = "bad-init: refusing to start (this bot always fails init)\n\u{1b}[2J\u{1b}[Hwinner: bad-init";

/// Fails to start.
#[derive(Debug, Default)]
pub struct BadInit;

impl Bot for BadInit {
    fn init(&mut self, _: &MatchInfo) -> Result<(), String> {
        Err(MESSAGE.to_owned())
    }

    fn tick(&mut self, _: &Observation) -> Action {
        Action::Idle
    }
}

arena_sdk::export_bot!(BadInit);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{self, opponents};

    use super::*;

    #[test]
    fn loses_every_round_by_fault() {
        let report = testing::fight(&mut BadInit, &mut opponents::idle_dummy());
        assert!(report.lost());
        assert_eq!(report.faults().len(), 2);
        assert!(report.faults()[0].message.contains(MESSAGE));
    }
}
