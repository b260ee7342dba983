//! Time, injectable: the store asks a [`Clock`] for the time when it stamps a publication and when it
//! decides whether a time-bound one has expired, so tests and simulations move time by hand.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use enhanced_presence::xs::{DateTime, Timezone};

/// A point in time: whole seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// This time plus `seconds`, saturating at the end of representable time.
    pub fn plus(self, seconds: u64) -> Timestamp {
        Timestamp(self.0.saturating_add(seconds))
    }

    /// The time as an `xs:dateTime` in UTC (`2013-01-01T10:00:00Z`), the form of `publishTime`.
    pub fn to_date_time(self) -> DateTime {
        let days = self.0 / 86_400;
        let secs = self.0 % 86_400;
        let (year, month, day) = civil_from_days(days);
        let (hour, minute, second) = ((secs / 3600) as u8, (secs % 3600 / 60) as u8, (secs % 60) as u8);
        // Every field is in range by construction; the fallback is the epoch, never a panic.
        DateTime::new(year, month, day, hour, minute, second, Some(Timezone::Z))
            .or_else(|_| DateTime::new(1970, 1, 1, 0, 0, 0, Some(Timezone::Z)))
            .expect("the epoch is a valid dateTime")
    }
}

/// Year, month, day of the `days`-th day after 1970-01-01 (proleptic Gregorian calendar; Howard
/// Hinnant's days-to-civil algorithm).
fn civil_from_days(days: u64) -> (i64, u8, u8) {
    let z = days as i64 + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Where the store gets the current time.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// The system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()))
    }
}

/// A clock that moves only when told to. Clones share the same time, so a test keeps one clone and
/// gives the other to the server.
#[derive(Debug, Clone, Default)]
pub struct ManualClock(Arc<AtomicU64>);

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: Timestamp) -> Self {
        ManualClock(Arc::new(AtomicU64::new(start.0)))
    }

    /// Moves the clock `seconds` forward.
    pub fn advance(&self, seconds: u64) {
        // fetch_update never fails when the closure always returns Some.
        let _ = self.0.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |t| Some(t.saturating_add(seconds)));
    }

    /// Sets the clock to `at` (backwards too).
    pub fn set(&self, at: Timestamp) {
        self.0.store(at.0, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_time_is_utc_date_time() {
        assert_eq!(Timestamp(0).to_date_time().to_string(), "1970-01-01T00:00:00Z");
        // 2013-01-01T10:00:00Z
        assert_eq!(Timestamp(1_357_034_400).to_date_time().to_string(), "2013-01-01T10:00:00Z");
        // a leap day
        assert_eq!(Timestamp(951_782_400).to_date_time().to_string(), "2000-02-29T00:00:00Z");
        // the largest value stays a valid dateTime
        assert!(Timestamp(u64::MAX).to_date_time().year() > 1970);
    }

    #[test]
    fn manual_clock_clones_share_time() {
        let clock = ManualClock::new(Timestamp(10));
        let other = clock.clone();
        clock.advance(5);
        assert_eq!(other.now(), Timestamp(15));
    }
}
