//! The client's clock: token lifetimes and cache ages are measured with it.
//!
//! It is the monotonic system clock plus an offset that only tests move
//! (`advance`), so a test can let an hour pass for the SDK without waiting
//! and without tuning itself to the speed of the machine.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

#[derive(Debug)]
pub struct Clock {
    /// Nanoseconds added to the system clock.
    offset_nanos: AtomicU64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock { offset_nanos: AtomicU64::new(0) }
    }
}

impl Clock {
    pub fn now(&self) -> Instant {
        let offset = Duration::from_nanos(self.offset_nanos.load(Ordering::SeqCst));
        let real = Instant::now();
        real.checked_add(offset).unwrap_or(real)
    }

    /// Moves this clock forward (tests only: nothing in the SDK calls it).
    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        let _ = self
            .offset_nanos
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |o| Some(o.saturating_add(nanos)));
    }
}

/// A wall-clock instant as UTC calendar fields, for the dates signed requests carry
/// (OCI's `date` header, Alibaba Cloud's `Timestamp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// 0 is Sunday.
    pub weekday: u32,
}

impl From<SystemTime> for UtcTime {
    fn from(time: SystemTime) -> Self {
        let secs = time
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 2));
        let (days, secs_of_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // 1970-01-01 was a Thursday.
        let weekday = (days + 4).rem_euclid(7);
        UtcTime {
            year,
            month: month as u32,
            day: day as u32,
            hour: (secs_of_day / 3600) as u32,
            minute: (secs_of_day / 60 % 60) as u32,
            second: (secs_of_day % 60) as u32,
            weekday: weekday as u32,
        }
    }
}

impl UtcTime {
    /// `Tue, 14 Nov 2023 22:13:20 GMT` (HTTP dates, RFC 7231 IMF-fixdate).
    pub fn rfc1123(&self) -> String {
        const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            DAYS[self.weekday as usize % 7],
            self.day,
            MONTHS[(self.month as usize + 11) % 12],
            self.year,
            self.hour,
            self.minute,
            self.second
        )
    }

    /// `2023-11-14T22:13:20Z` (ISO 8601 to the second).
    pub fn iso8601(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_match_known_instants() {
        let at = |secs| UtcTime::from(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(1_700_000_000).rfc1123(), "Tue, 14 Nov 2023 22:13:20 GMT");
        assert_eq!(at(1_700_000_000).iso8601(), "2023-11-14T22:13:20Z");
        assert_eq!(at(0).rfc1123(), "Thu, 01 Jan 1970 00:00:00 GMT");
        // a leap day
        assert_eq!(at(951_782_400).iso8601(), "2000-02-29T00:00:00Z");
        assert_eq!(at(951_782_400).rfc1123(), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn advancing_moves_now_forward_and_saturates() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clock.now() >= before + Duration::from_secs(3600));
        clock.advance(Duration::MAX);
        let _ = clock.now(); // no overflow panic
    }
}
