//! Numbers as people read them on pages: at most a few decimals, no binary noise
//! (`5.300000000000001` reads `5.3`). The `num` template filter (`{{ v | num }}`,
//! `{{ v | num(places=3) }}`) and [`format`].

use std::collections::HashMap;

use tera::{Result as TeraResult, Value};

/// `x` with at most `places` decimals, trailing zeros dropped.
pub fn format(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

fn num(value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
    let places = args.get("places").and_then(Value::as_u64).unwrap_or(2) as usize;
    Ok(match value {
        Value::Number(n) if n.is_f64() => Value::String(format(n.as_f64().unwrap_or_default(), places)),
        other => other.clone(),
    })
}

/// Adds the filter to a template set.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("num", num);
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn floats_lose_their_binary_noise_and_trailing_zeros() {
        assert_eq!(format(5.300000000000001, 2), "5.3");
        assert_eq!(format(2.0, 2), "2");
        assert_eq!(format(0.125, 3), "0.125");
        assert_eq!(format(1234.5678, 2), "1234.57");
        assert_eq!(format(-0.0001, 2), "0");
    }
}
