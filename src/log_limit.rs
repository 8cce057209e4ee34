//! Collapses bursts of the same log line: the first occurrence of a key is logged, the
//! repeats inside the next `interval` are only counted, and the first occurrence after
//! the interval is logged again with the number it stands for (`suppressed`).
//!
//! During a broker outage librdkafka reports the same error from the consumer and the
//! producer, for every broker, on every reconnect attempt: several lines a second that
//! say one thing. The metrics still count every occurrence; only the log is thinned.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How often one Kafka client error code may be logged.
pub const KAFKA_CLIENT_ERROR_INTERVAL: Duration = Duration::from_secs(30);

/// Per-key log rate limiter. Keys are few (error codes), so the map is never pruned.
#[derive(Debug)]
pub struct RateLimiter {
    interval: Duration,
    keys: Mutex<HashMap<String, Window>>,
}

#[derive(Debug)]
struct Window {
    logged_at: Instant,
    suppressed: u64,
}

impl RateLimiter {
    pub fn new(interval: Duration) -> Self {
        Self {
            interval,
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// `Some(n)`: log this occurrence, mentioning that `n` earlier ones were not logged.
    /// `None`: do not log it (it is counted towards the next logged line).
    pub fn admit(&self, key: &str) -> Option<u64> {
        self.admit_at(key, Instant::now())
    }

    /// [`admit`](Self::admit) at a given time (for tests).
    pub fn admit_at(&self, key: &str, now: Instant) -> Option<u64> {
        let mut keys = crate::lock(&self.keys);
        match keys.get_mut(key) {
            Some(w) if now.saturating_duration_since(w.logged_at) < self.interval => {
                w.suppressed += 1;
                None
            }
            Some(w) => {
                let suppressed = std::mem::take(&mut w.suppressed);
                w.logged_at = now;
                Some(suppressed)
            }
            None => {
                keys.insert(
                    key.to_string(),
                    Window {
                        logged_at: now,
                        suppressed: 0,
                    },
                );
                Some(0)
            }
        }
    }
}

/// The limiter shared by the consumer's and the producer's error callbacks, keyed by
/// error code: one outage logs one line per code per interval, not one per client and
/// broker and reconnect.
pub fn kafka_client_errors() -> &'static RateLimiter {
    static LIMITER: OnceLock<RateLimiter> = OnceLock::new();
    LIMITER.get_or_init(|| RateLimiter::new(KAFKA_CLIENT_ERROR_INTERVAL))
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn first_occurrence_is_logged_repeats_are_counted_until_the_interval_passes() {
        let limiter = RateLimiter::new(10 * S);
        let t0 = Instant::now();
        assert_eq!(limiter.admit_at("AllBrokersDown", t0), Some(0));
        // An outage: 3 lines a second for 9 seconds.
        let mut logged = 0;
        for i in 1..=27u32 {
            if limiter.admit_at("AllBrokersDown", t0 + i * S / 3).is_some() {
                logged += 1;
            }
        }
        assert_eq!(logged, 0, "repeats inside the interval are not logged");
        // The next one after the interval is logged and stands for the 27 before it.
        assert_eq!(limiter.admit_at("AllBrokersDown", t0 + 10 * S), Some(27));
        // ...and opens a new window.
        assert_eq!(limiter.admit_at("AllBrokersDown", t0 + 11 * S), None);
        assert_eq!(limiter.admit_at("AllBrokersDown", t0 + 25 * S), Some(1));
    }

    #[test]
    fn keys_are_limited_independently() {
        let limiter = RateLimiter::new(10 * S);
        let t0 = Instant::now();
        assert_eq!(limiter.admit_at("AllBrokersDown", t0), Some(0));
        assert_eq!(limiter.admit_at("MessageTimedOut", t0 + S), Some(0));
        assert_eq!(limiter.admit_at("AllBrokersDown", t0 + S), None);
        assert_eq!(limiter.admit_at("MessageTimedOut", t0 + 2 * S), None);
    }

    #[test]
    fn a_quiet_key_logs_every_occurrence() {
        let limiter = RateLimiter::new(10 * S);
        let t0 = Instant::now();
        for i in 0..5u32 {
            assert_eq!(limiter.admit_at("Fatal", t0 + i * 11 * S), Some(0));
        }
    }

    #[test]
    fn a_clock_that_does_not_advance_never_panics() {
        let limiter = RateLimiter::new(10 * S);
        let t0 = Instant::now();
        assert_eq!(limiter.admit_at("x", t0 + S), Some(0));
        // An earlier instant than the last logged one (threads racing for the lock).
        assert_eq!(limiter.admit_at("x", t0), None);
    }
}
