//! Golden files of serialized tournament state: what the runner writes to
//! `state.json` and the viewer reads. Regenerate with `ARENA_BLESS=1`.

mod common;

use std::path::PathBuf;

use arena_tournament::{Format, Tournament, TournamentConfig};
use common::{entrants, run_canonical};
use serde_json::Value;

/// Floats rounded to 6 decimals, so that a last-bit difference in a
/// platform's `exp`/`ln` (the Glicko-2 ratings) does not break the file.
fn rounded(v: Value) -> Value {
    match v {
        Value::Number(n) if n.is_f64() => {
            let x = (n.as_f64().unwrap() * 1e6).round() / 1e6;
            serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(rounded).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, rounded(v))).collect()),
        v => v,
    }
}

fn check_golden(name: &str, t: &Tournament) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    let value = rounded(serde_json::to_value(t).unwrap());
    let text = serde_json::to_string_pretty(&value).unwrap() + "\n";
    if std::env::var_os("ARENA_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with ARENA_BLESS=1 to create it)", path.display()));
    if expected != text {
        let line = expected.lines().zip(text.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{} differs from the state now serialized, first at line {}:\n  golden: {}\n  now:    {}\n\
             (if the change is intended, run with ARENA_BLESS=1)",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            text.lines().nth(line).unwrap_or(""),
        );
    }
    // The golden file reads back as a tournament.
    let back: Tournament = serde_json::from_str(&expected).unwrap();
    assert_eq!(back.matches().len(), t.matches().len());
}

#[test]
fn single_elimination_of_six_before_play() {
    let t = Tournament::new(TournamentConfig::new(Format::SingleElimination).seed(42), entrants(6)).unwrap();
    check_golden("single_elimination_6_fresh.json", &t);
}

#[test]
fn double_elimination_of_six_played() {
    let config = TournamentConfig::new(Format::DoubleElimination { grand_final_reset: true }).seed(42);
    let mut t = Tournament::new(config, entrants(6)).unwrap();
    run_canonical(&mut t, 7);
    check_golden("double_elimination_6_played.json", &t);
}
