//! Submission deadlines: RFC 3339 times, read without a calendar library.

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
    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` (a space may stand for
    /// the `T`; fractions of a second are dropped).
    pub fn parse(text: &str) -> Result<Self, ServerError> {
        let bad = |reason| ServerError::BadTime { text: text.to_owned(), reason };
        let s = text.trim().as_bytes();
        if s.len() < 19 {
            return Err(bad("too short"));
        }
        let num = |range: std::ops::Range<usize>, what| -> Result<i64, ServerError> {
            let part = &s[range];
            if !part.iter().all(u8::is_ascii_digit) {
                return Err(bad(what));
            }
            Ok(part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
        };
        let year = num(0..4, "the year must be four digits")?;
        if s[4] != b'-' || s[7] != b'-' {
            return Err(bad("the date must be YYYY-MM-DD"));
        }
        let month = num(5..7, "the month must be two digits")?;
        let day = num(8..10, "the day must be two digits")?;
        if !matches!(s[10], b'T' | b't' | b' ') {
            return Err(bad("a `T` must separate the date and the time"));
        }
        if s[13] != b':' || s[16] != b':' {
            return Err(bad("the time must be HH:MM:SS"));
        }
        let hour = num(11..13, "the hour must be two digits")?;
        let minute = num(14..16, "the minutes must be two digits")?;
        let second = num(17..19, "the seconds must be two digits")?;
        let mut i = 19;
        if s.get(i) == Some(&b'.') {
            i += 1;
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
        }
        let offset = match s.get(i) {
            Some(b'Z' | b'z') if i + 1 == s.len() => 0,
            Some(sign @ (b'+' | b'-')) if i + 6 == s.len() && s[i + 3] == b':' => {
                let h = num(i + 1..i + 3, "the offset must be ±HH:MM")?;
                let m = num(i + 4..i + 6, "the offset must be ±HH:MM")?;
                if h > 23 || m > 59 {
                    return Err(bad("the offset is out of range"));
                }
                let minutes = h * 60 + m;
                if *sign == b'+' { minutes * 60 } else { -minutes * 60 }
            }
            _ => return Err(bad("it must end with `Z` or an offset like +09:00")),
        };
        if !(1..=12).contains(&month) {
            return Err(bad("the month is out of range"));
        }
        if day < 1 || day > days_in_month(year, month) {
            return Err(bad("the day is out of range"));
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err(bad("the time of day is out of range"));
        }
        let unix = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset;
        Ok(Self { text: text.trim().to_owned(), unix })
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

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
        assert!(err("17:00").contains("too short"));
        assert!(err("2026-05-30T17:00:00").contains("must end with `Z` or an offset"));
        assert!(err("2026-13-01T00:00:00Z").contains("month is out of range"));
        assert!(err("2025-02-29T00:00:00Z").contains("day is out of range"));
        assert!(err("2026-05-30X17:00:00Z").contains("`T`"));
        assert!(err("2026-05-30T25:00:00Z").contains("time of day"));
        assert!(err("tomorrow at five pm!!").contains("RFC 3339"));
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
