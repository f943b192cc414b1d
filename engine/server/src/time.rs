//! Submission deadlines: RFC 3339 times (read by jiff), and durations in words.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::ServerError;

/// A moment given as RFC 3339 text (`2026-05-30T17:00:00+09:00`), kept with
/// the text so that messages show it the way the organiser wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// The text as given.
    pub text: String,
    /// Seconds since the Unix epoch (UTC).
    pub unix: i64,
}

impl Deadline {
    /// Parses an RFC 3339 time, `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`,
    /// with jiff (fractions of a second are dropped). A time without an
    /// offset is refused: "17:00" means something else in every room.
    pub fn parse(text: &str) -> Result<Self, ServerError> {
        let trimmed = text.trim();
        let bad = |reason: String| ServerError::BadTime { text: trimmed.to_owned(), reason };
        let at: jiff::Timestamp = trimmed.parse().map_err(|e: jiff::Error| {
            // jiff's message names the part it could not read.
            let reason = e.to_string();
            if trimmed.len() >= 19 && !trimmed.ends_with(['Z', 'z']) && !trimmed[19..].contains(['+', '-']) {
                bad("it must end with `Z` or an offset like +09:00".to_owned())
            } else {
                bad(reason)
            }
        })?;
        Ok(Self { text: trimmed.to_owned(), unix: at.as_second() })
    }

    /// How long until the deadline (zero once it has passed).
    pub fn remaining(&self) -> Duration {
        let now = unix_now();
        Duration::from_secs(u64::try_from(self.unix.saturating_sub(now)).unwrap_or(0))
    }

    /// Whether the deadline has passed.
    pub fn has_passed(&self) -> bool {
        unix_now() >= self.unix
    }
}

/// Seconds since the Unix epoch now.
pub fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// A duration in words: "2 h 5 min", "3 min 20 s", "45 s".
pub fn describe(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3600, s % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_become_unix_seconds() {
        assert_eq!(Deadline::parse("1970-01-01T00:00:00Z").unwrap().unix, 0);
        assert_eq!(Deadline::parse("2000-03-01T00:00:00Z").unwrap().unix, 951_868_800);
        assert_eq!(Deadline::parse("2026-05-30T17:00:00+09:00").unwrap().unix, 1_780_128_000);
        assert_eq!(Deadline::parse("2026-05-30T08:00:00.250Z").unwrap().unix, 1_780_128_000);
        assert_eq!(Deadline::parse("2026-05-29 23:00:00-09:00").unwrap().unix, 1_780_128_000);
        assert_eq!(Deadline::parse("2024-02-29T00:00:00Z").unwrap().unix, 1_709_164_800);
    }

    #[test]
    fn malformed_times_say_what_is_wrong() {
        let err = |t: &str| Deadline::parse(t).unwrap_err().to_string();
        for (text, says) in [
            ("17:00", "RFC 3339"),
            ("2026-05-30T17:00:00", "must end with `Z` or an offset"),
            ("2026-13-01T00:00:00Z", "month"),
            ("2025-02-29T00:00:00Z", "day"),
            ("2026-05-30X17:00:00Z", "2026-05-30X17:00:00Z"),
            ("2026-05-30T25:00:00Z", "hour"),
            ("tomorrow at five pm!!", "RFC 3339"),
        ] {
            let e = err(text);
            assert!(e.contains(says) && e.contains("write it like"), "{text}: {e}");
        }
    }

    #[test]
    fn a_past_deadline_has_passed() {
        let past = Deadline::parse("2001-01-01T00:00:00Z").unwrap();
        assert!(past.has_passed());
        assert_eq!(past.remaining(), Duration::ZERO);
        let future = Deadline::parse("2999-01-01T00:00:00Z").unwrap();
        assert!(!future.has_passed());
        assert!(future.remaining() > Duration::from_secs(86_400 * 365));
    }

    #[test]
    fn durations_read_as_words() {
        assert_eq!(describe(Duration::from_secs(45)), "45 s");
        assert_eq!(describe(Duration::from_secs(200)), "3 min 20 s");
        assert_eq!(describe(Duration::from_secs(7500)), "2 h 5 min");
    }
}
