//! Deterministic WASI clocks: time advances with the ticks, never with the
//! host's clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use wasmtime_wasi::{HostMonotonicClock, HostWallClock};

/// Nanoseconds per tick at 60 ticks per second of presentation.
const NANOS_PER_TICK: u64 = 1_000_000_000 / 60;

/// 2025-01-01T00:00:00Z: the wall clock's time at the start of every match.
const EPOCH_SECS: u64 = 1_735_689_600;

/// The match's tick counter, shared by the host (which advances it) and a
/// bot's clocks (which read it).
#[derive(Clone, Debug, Default)]
pub(crate) struct TickClock(Arc<AtomicU64>);

impl TickClock {
    /// Sets the ticks elapsed since the match started.
    pub(crate) fn set(&self, ticks: u64) {
        self.0.store(ticks, Ordering::Relaxed);
    }

    fn nanos(&self) -> u64 {
        self.0.load(Ordering::Relaxed) * NANOS_PER_TICK
    }
}

impl HostWallClock for TickClock {
    fn resolution(&self) -> Duration {
        Duration::from_nanos(NANOS_PER_TICK)
    }

    fn now(&self) -> Duration {
        Duration::from_secs(EPOCH_SECS) + Duration::from_nanos(self.nanos())
    }
}

impl HostMonotonicClock for TickClock {
    fn resolution(&self) -> u64 {
        NANOS_PER_TICK
    }

    fn now(&self) -> u64 {
        self.nanos()
    }
}
