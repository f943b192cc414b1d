//! Deterministic time: the match's tick counter, which a bot's clocks read
//! (`host::clocks`) and its fuel ledger counts thinking ticks by. Time
//! advances with the ticks, never with the host's clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Nanoseconds per tick at 60 ticks per second of presentation.
pub(crate) const NANOS_PER_TICK: u64 = 1_000_000_000 / 60;

/// 2025-01-01T00:00:00Z: the wall clock's time at the start of every match.
pub(crate) const EPOCH_SECS: u64 = 1_735_689_600;

/// The match's tick counter, shared by the host (which advances it) and a
/// bot's store (which reads it).
#[derive(Clone, Debug, Default)]
pub(crate) struct TickClock(Arc<AtomicU64>);

impl TickClock {
    /// Sets the ticks elapsed since the match started.
    pub(crate) fn set(&self, ticks: u64) {
        self.0.store(ticks, Ordering::Relaxed);
    }

    /// The ticks elapsed since the match started.
    pub(crate) fn ticks(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// The same, in nanoseconds of presentation time.
    pub(crate) fn nanos(&self) -> u64 {
        self.ticks() * NANOS_PER_TICK
    }
}
