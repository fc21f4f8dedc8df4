//! The client's clock: token lifetimes and cache ages are measured with it.
//!
//! It is the monotonic system clock plus an offset that only tests move
//! (`advance`), so a test can let an hour pass for the SDK without waiting
//! and without tuning itself to the speed of the machine.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

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

#[cfg(test)]
mod tests {
    use super::*;

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
