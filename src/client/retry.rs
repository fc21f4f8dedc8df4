//! The official SDK's retry schedule: HTTP 429 and network errors are retried
//! up to 4 times, waiting 1 s, 2 s, 4 s, 8 s, each ±20 % jitter.

use std::time::Duration;

#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 4, so 5 attempts in all).
    pub max_retries: u32,
    /// Wait before the first retry (default 1 s); doubles for each later one.
    pub initial_delay: Duration,
}

const BACKOFF_FACTOR: f64 = 2.0;
const JITTER_FRACTION: f64 = 0.2;

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            initial_delay: Duration::from_millis(1000),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based), with `unit_random` in
    /// [0, 1) choosing where in the ±20 % band it lands.
    pub fn delay_for(&self, retry: u32, unit_random: f64) -> Duration {
        let exponent = i32::try_from(retry.saturating_sub(1)).unwrap_or(i32::MAX);
        let base = self.initial_delay.as_secs_f64() * BACKOFF_FACTOR.powi(exponent);
        if !base.is_finite() {
            return Duration::MAX;
        }
        let jitter = base * JITTER_FRACTION * (unit_random * 2.0 - 1.0);
        // A large `maxRetries` doubles past what a Duration holds: wait "forever" then, not panic.
        Duration::try_from_secs_f64((base + jitter).max(0.0)).unwrap_or(Duration::MAX)
    }

    /// The wait before retry `retry`, with fresh randomness.
    pub fn jittered_delay(&self, retry: u32) -> Duration {
        self.delay_for(retry, rand::random::<f64>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_from_one_second() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_for(1, 0.5), Duration::from_secs(1));
        assert_eq!(p.delay_for(2, 0.5), Duration::from_secs(2));
        assert_eq!(p.delay_for(3, 0.5), Duration::from_secs(4));
        assert_eq!(p.delay_for(4, 0.5), Duration::from_secs(8));
    }

    #[test]
    fn late_retries_saturate_instead_of_overflowing() {
        let p = RetryPolicy { max_retries: u32::MAX, initial_delay: Duration::from_secs(1) };
        assert_eq!(p.delay_for(5000, 0.5), Duration::MAX);
        assert_eq!(p.delay_for(u32::MAX, 0.0), Duration::MAX);
        let zero = RetryPolicy { max_retries: 3, initial_delay: Duration::ZERO };
        assert_eq!(zero.delay_for(300, 0.9), Duration::ZERO);
    }

    #[test]
    fn jitter_stays_within_twenty_percent() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_for(1, 0.0), Duration::from_millis(800));
        let top = p.delay_for(1, 0.999_999).as_secs_f64();
        assert!(top < 1.2 && top > 1.199);
        for _ in 0..1000 {
            let d = p.jittered_delay(2).as_secs_f64();
            assert!((1.6..=2.4).contains(&d), "{d}");
        }
    }
}
