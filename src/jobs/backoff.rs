//! Retry delays: exponential, capped.

use std::time::Duration;

/// Delay before try `attempts + 1`, after `attempts` failed tries (1-based): base · 2^(attempts-1), at most `max`.
pub fn delay(attempts: i32, base_ms: u64, max_ms: u64) -> Duration {
    let exp = (attempts.max(1) - 1).min(30) as u32;
    Duration::from_millis(base_ms.saturating_mul(1u64 << exp).min(max_ms))
}

#[cfg(test)]
mod tests {
    use super::delay;
    use std::time::Duration;

    #[test]
    fn doubles_then_caps() {
        assert_eq!(delay(1, 100, 10_000), Duration::from_millis(100));
        assert_eq!(delay(2, 100, 10_000), Duration::from_millis(200));
        assert_eq!(delay(4, 100, 10_000), Duration::from_millis(800));
        assert_eq!(delay(20, 100, 10_000), Duration::from_millis(10_000));
        assert_eq!(delay(1000, u64::MAX, u64::MAX), Duration::from_millis(u64::MAX));
    }
}
