//! A per-client rate limit (token bucket): each client address may make `per_minute` requests
//! in a burst, refilled evenly over a minute. Small on purpose: one mutex, one map, pruned when
//! it grows, so a flood of addresses cannot fill the memory.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// Past this many tracked addresses, those with a full bucket (idle) are forgotten.
const PRUNE_ABOVE: usize = 10_000;

/// The limiter.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at_ms: i64,
}

impl RateLimiter {
    /// Allows `per_minute` requests per client and minute (at least one).
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute: f64::from(per_minute.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `client`'s bucket at `now_ms`: `Err(seconds)` to wait when empty.
    pub fn check(&self, client: IpAddr, now_ms: i64) -> Result<(), u64> {
        let key = client_key(client);
        let capacity = self.per_minute;
        let per_ms = capacity / 60_000.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| b.tokens + (now_ms - b.at_ms) as f64 * per_ms < capacity);
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: capacity,
            at_ms: now_ms,
        });
        let elapsed = (now_ms - bucket.at_ms).max(0) as f64;
        bucket.tokens = (bucket.tokens + elapsed * per_ms).min(capacity);
        bucket.at_ms = now_ms.max(bucket.at_ms);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait_ms = (1.0 - bucket.tokens) / per_ms;
            Err((wait_ms / 1000.0).ceil().max(1.0) as u64)
        }
    }
}

/// IPv6 clients get a whole /64 each (a phone may change the rest at will), so the limit is
/// per /64; IPv4 per address. An IPv4 address written as IPv6 (`::ffff:a.b.c.d`, as a dual-stack
/// listener or proxy gives it) is the IPv4 address: cut to its /64 it would be one bucket for
/// every IPv4 client.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        ip @ IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let mut segments = v6.segments();
            segments[4..].fill(0);
            IpAddr::V6(segments.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn a_burst_then_one_per_interval() {
        let limiter = RateLimiter::new(3);
        let a = ip("10.0.0.1");
        assert_eq!(limiter.check(a, 0), Ok(()));
        assert_eq!(limiter.check(a, 0), Ok(()));
        assert_eq!(limiter.check(a, 0), Ok(()));
        // Empty: one token comes back every 20 s.
        assert_eq!(limiter.check(a, 0), Err(20));
        assert_eq!(limiter.check(a, 15_000), Err(5));
        assert_eq!(limiter.check(a, 20_000), Ok(()));
        assert_eq!(limiter.check(a, 20_000), Err(20));
        // Another client is not affected.
        assert_eq!(limiter.check(ip("10.0.0.2"), 20_000), Ok(()));
        // A long pause refills to the burst, no more.
        for _ in 0..3 {
            assert_eq!(limiter.check(a, 10_000_000), Ok(()));
        }
        assert!(limiter.check(a, 10_000_000).is_err());
    }

    #[test]
    fn ipv6_clients_are_limited_by_their_64() {
        let limiter = RateLimiter::new(1);
        assert_eq!(limiter.check(ip("2001:db8:1:2::1"), 0), Ok(()));
        assert!(limiter.check(ip("2001:db8:1:2:ffff::9"), 0).is_err());
        assert_eq!(limiter.check(ip("2001:db8:1:3::1"), 0), Ok(()));
    }

    #[test]
    fn ipv4_mapped_clients_are_limited_by_their_own_address() {
        let limiter = RateLimiter::new(1);
        assert_eq!(limiter.check(ip("::ffff:10.0.0.1"), 0), Ok(()));
        assert_eq!(limiter.check(ip("::ffff:10.0.0.2"), 0), Ok(()));
        assert_eq!(limiter.check(ip("::ffff:192.0.2.9"), 0), Ok(()));
        // The same client, written either way, is one bucket.
        assert!(limiter.check(ip("10.0.0.1"), 0).is_err());
        assert!(limiter.check(ip("::ffff:10.0.0.2"), 0).is_err());
    }

    #[test]
    fn a_flood_of_addresses_is_pruned() {
        let limiter = RateLimiter::new(10);
        for n in 0..=(PRUNE_ABOVE as u32 + 1) {
            let _ = limiter.check(IpAddr::V4(n.into()), 0);
        }
        // A minute later every bucket is full again, so they are all forgotten.
        let _ = limiter.check(ip("10.9.9.9"), 60_000);
        assert_eq!(limiter.buckets.lock().unwrap().len(), 1);
    }
}
