//! Counting failed guesses of voting codes per address. Honest voters who share an address (a
//! library, a school) are never slowed down by each other's valid ballots: only unknown codes count.
//!
//! The address is the TCP peer. `X-Forwarded-For` is ignored: behind no trusted proxy it is
//! whatever the client wants it to be.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct GuessLimiter {
    max_failures: u32,
    window: Duration,
    failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl GuessLimiter {
    pub fn new(max_failures: u32, window: Duration) -> Self {
        GuessLimiter {
            max_failures,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether this address has used up its failed guesses for now.
    pub fn is_blocked(&self, addr: IpAddr) -> bool {
        let now = Instant::now();
        let failures = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.get(&addr).is_some_and(|(count, since)| {
            *count >= self.max_failures && now.duration_since(*since) < self.window
        })
    }

    pub fn record_failure(&self, addr: IpAddr) {
        let now = Instant::now();
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Forget old windows so the map cannot grow without bound.
        if failures.len() > 100_000 {
            let window = self.window;
            failures.retain(|_, (_, since)| now.duration_since(*since) < window);
        }
        let entry = failures.entry(addr).or_insert((0, now));
        if now.duration_since(entry.1) >= self.window {
            *entry = (0, now);
        }
        entry.0 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_allowed_failures_only_that_address() {
        let limiter = GuessLimiter::new(3, Duration::from_secs(60));
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        for _ in 0..3 {
            assert!(!limiter.is_blocked(a));
            limiter.record_failure(a);
        }
        assert!(limiter.is_blocked(a));
        assert!(!limiter.is_blocked(b));
    }
}
