//! The per-participant rate limit: at most N submissions in any minute.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most participants (tokens, or addresses when the server is open)
/// remembered at once.
const MAX_KEYS: usize = 16_384;

/// A sliding-window limit per key (a participant's handle, or the address
/// of the machine when the server is open).
#[derive(Debug)]
pub(crate) struct RateLimit {
    per_window: u32,
    window: Duration,
    seen: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimit {
    /// At most `per_minute` a minute; 0 turns the limit off.
    pub(crate) fn per_minute(per_minute: u32) -> Self {
        Self::new(per_minute, Duration::from_secs(60))
    }

    fn new(per_window: u32, window: Duration) -> Self {
        Self { per_window, window, seen: Mutex::new(HashMap::new()) }
    }

    /// Counts one attempt by `key` at `now`; `Err(wait)` when over the
    /// limit, with how long until the next attempt is allowed.
    pub(crate) fn check(&self, key: &str, now: Instant) -> Result<(), Duration> {
        if self.per_window == 0 {
            return Ok(());
        }
        let mut seen = self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !seen.contains_key(key) && seen.len() >= MAX_KEYS {
            // Forget keys that have been quiet for a window; if that frees
            // nothing, a flood of clients is under way, and a new one waits
            // rather than growing the map without end.
            seen.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < self.window));
            if seen.len() >= MAX_KEYS {
                return Err(self.window);
            }
        }
        let times = seen.entry(key.to_owned()).or_default();
        while times.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            times.pop_front();
        }
        if times.len() >= self.per_window as usize {
            let oldest = *times.front().expect("at least one attempt in the window");
            return Err(self.window.saturating_sub(now.duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_per_key_and_frees_up_after_the_window() {
        let limit = RateLimit::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert!(limit.check("ada", t0).is_ok());
        assert!(limit.check("ada", t0 + Duration::from_secs(1)).is_ok());
        let wait = limit.check("ada", t0 + Duration::from_secs(10)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(50));
        assert!(limit.check("bob", t0 + Duration::from_secs(10)).is_ok(), "another participant is not limited");
        assert!(limit.check("ada", t0 + Duration::from_secs(60)).is_ok(), "the first attempt left the window");
    }

    #[test]
    fn the_map_of_clients_is_bounded() {
        let limit = RateLimit::new(5, Duration::from_secs(60));
        let t0 = Instant::now();
        for i in 0..MAX_KEYS {
            assert!(limit.check(&format!("10.0.{}.{}", i / 256, i % 256), t0).is_ok());
        }
        assert!(limit.check("one-too-many", t0).is_err(), "a full map takes no new client while all are active");
        assert!(limit.check("10.0.0.1", t0).is_ok(), "a known client still counts");
        let later = t0 + Duration::from_secs(61);
        assert!(limit.check("one-too-many", later).is_ok(), "quiet clients are forgotten when room is needed");
        assert!(limit.seen.lock().unwrap().len() <= MAX_KEYS);
    }

    #[test]
    fn zero_means_no_limit() {
        let limit = RateLimit::per_minute(0);
        let t0 = Instant::now();
        assert!((0..100).all(|_| limit.check("ada", t0).is_ok()));
    }
}
