//! Conversion of f64 scores to integer engine costs with a power-of-two scale.
//!
//! Multiplying by a power of two is exact in f64, so the only error is the final rounding to an integer:
//! at most half a quantum per score. Choosing the scale from the largest |value| keeps the largest value exact
//! (53 significant bits) while bounding every cost by 2^bits, which is what the overflow analysis of the engine needs.

/// A power-of-two scale: `cost = round(value * factor)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale {
    /// 2^k; exact to multiply by.
    pub factor: f64,
}

impl Scale {
    /// Largest power of two such that `max_abs * factor < 2^bits` (factor 1 when everything is zero).
    pub fn for_max(max_abs: f64, bits: u32) -> Scale {
        debug_assert!(max_abs.is_finite() && bits <= 62);
        if max_abs == 0.0 {
            return Scale { factor: 1.0 };
        }
        // e with 2^(e-1) <= max_abs < 2^e.
        let e = exponent(max_abs);
        // Clamp so the factor stays finite for absurdly small (subnormal-range) scores.
        Scale {
            factor: pow2((bits as i32 - e).min(1000)),
        }
    }

    /// Rounding step in value units (each value moves by at most half of it).
    pub fn quantum(&self) -> f64 {
        1.0 / self.factor
    }

    /// Integer cost of `v`; |result| <= 2^bits for the values the scale was chosen for.
    #[inline]
    pub fn quantise(&self, v: f64) -> i64 {
        (v * self.factor).round() as i64
    }
}

/// e such that 2^(e-1) <= x < 2^e, for finite x > 0 (subnormals included).
fn exponent(x: f64) -> i32 {
    let mut e = 0i32;
    let mut y = x;
    // Normalise with exact power-of-two steps; at most ~2100 halvings/doublings for extreme inputs.
    while y >= 1.0 {
        y *= 0.5;
        e += 1;
    }
    while y < 0.5 {
        y *= 2.0;
        e -= 1;
    }
    e
}

/// 2^k as f64, for k in the range a finite score can require (products stay exact).
fn pow2(k: i32) -> f64 {
    // Two steps so that very small or large k do not overflow a single powi.
    let h = k / 2;
    2f64.powi(h) * 2f64.powi(k - h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_value_is_exact_and_bounded() {
        for &m in &[1.0, 0.75, 3.3e-7, 123456.789, 1e300, 1e-250] {
            let s = Scale::for_max(m, 53);
            let q = s.quantise(m);
            assert!((q as f64) < 2f64.powi(53), "{m}");
            assert!((q as f64) >= 2f64.powi(52), "{m}");
            assert_eq!(q as f64 / s.factor, m, "largest value must round-trip exactly");
        }
    }

    #[test]
    fn quantum_bounds_error() {
        let s = Scale::for_max(1.0, 20);
        for v in [0.1, 0.123456789, -0.5, 0.999999] {
            let back = s.quantise(v) as f64 / s.factor;
            assert!((back - v).abs() <= s.quantum() / 2.0);
        }
    }
}
