//! Rules: the defaults are GAME.md's numbers; loading, validation and the
//! content hash.

use arena_sim::{AttackData, Rules, RulesError};

/// The SHA-256 of the default rules' canonical JSON. It changes whenever a
/// default, a rule's name or the rules' layout changes, and every replay
/// records it: change it only together with GAME.md and say so.
const DEFAULT_RULES_HASH: &str = "43a97436ea17497979f02f3d10d6691db7a3dc04155fea521abfe419e24967e4";

#[test]
fn defaults_are_game_md() {
    let r = Rules::default();
    assert_eq!((r.stage_width, r.body_width, r.start_x), (1000, 60, 300));
    assert_eq!((r.ticks_per_second, r.round_ticks), (60, 1800));
    assert_eq!((r.rounds_to_win, r.max_rounds), (2, 5));
    assert_eq!((r.hit_points, r.max_energy), (1000, 1000));
    assert_eq!((r.energy_per_tick, r.energy_on_hit, r.energy_on_guard), (1, 60, 30));
    assert_eq!((r.walk_forward_speed, r.walk_back_speed), (6, 4));
    assert_eq!((r.jump_ticks, r.jump_speed), (36, 8));
    assert_eq!((r.hit_pushback, r.guard_pushback), (20, 10));
    assert_eq!(r.counter_hit_bonus_percent, 20);
    assert_eq!((r.fireball_speed, r.fireball_cost), (8, 500));
    let row = |a: AttackData| (a.startup, a.active, a.recovery, a.reach, a.damage, a.chip, a.hit_stun, a.block_stun);
    assert_eq!(row(r.punch), (4, 2, 8, 70, 50, 10, 14, 8));
    assert_eq!(row(r.kick), (9, 3, 16, 110, 90, 18, 20, 12));
    assert_eq!((r.throw.startup, r.throw.active, r.throw.recovery, r.throw.reach), (5, 1, 20, 20));
    assert_eq!((r.throw.damage, r.throw.hit_stun), (120, 30));
    assert_eq!((r.fireball.startup, r.fireball.recovery), (12, 20));
    assert_eq!((r.fireball.damage, r.fireball.chip, r.fireball.hit_stun, r.fireball.block_stun), (100, 20, 18, 10));
    assert_eq!(r.punch.total_ticks(), 14);
    r.validate().unwrap();
}

#[test]
fn toml_and_json_round_trip() {
    let mut r = Rules { round_ticks: 999, ..Rules::default() };
    r.kick.damage = 77;
    r.limits.tick_fuel = 123;
    let toml = r.to_toml();
    assert_eq!(Rules::from_toml(&toml).unwrap(), r);
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(Rules::from_json(&json).unwrap(), r);
    assert_eq!(Rules::from_toml(&Rules::default().to_toml()).unwrap(), Rules::default());
    // Every field is written out.
    for name in ["stage_width", "fireball_cost", "[punch]", "block_stun", "[limits]", "max_log_bytes"] {
        assert!(toml.contains(name), "{name} missing from\n{toml}");
    }
}

#[test]
fn partial_files_keep_the_defaults() {
    assert_eq!(Rules::from_toml("").unwrap(), Rules::default());
    assert_eq!(Rules::from_json("{}").unwrap(), Rules::default());

    let r = Rules::from_toml("round_ticks = 600\nhit_points = 500\n").unwrap();
    assert_eq!(r, Rules { round_ticks: 600, hit_points: 500, ..Rules::default() });

    // A partial attack table keeps that attack's other numbers.
    let r = Rules::from_toml("[kick]\ndamage = 100\n\n[limits]\ntick_fuel = 7\n").unwrap();
    let mut want = Rules::default();
    want.kick.damage = 100;
    want.limits.tick_fuel = 7;
    assert_eq!(r, want);
    let r = Rules::from_json(r#"{"throw": {"reach": 25}, "fireball": {"chip": 0}}"#).unwrap();
    assert_eq!((r.throw.reach, r.throw.damage, r.throw.startup), (25, 120, 5));
    assert_eq!((r.fireball.chip, r.fireball.damage), (0, 100));
    assert_eq!(r.punch, Rules::default().punch);
}

fn parse_error(result: Result<Rules, RulesError>) -> String {
    match result {
        Err(RulesError::Parse(m)) => m,
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn unknown_fields_are_named() {
    let m = parse_error(Rules::from_toml("round_tiks = 600\n"));
    assert!(m.contains("round_tiks"), "{m}");
    assert!(m.contains("line 1"), "{m}");
    let m = parse_error(Rules::from_toml("[punch]\nreach = 80\nrech = 90\n"));
    assert!(m.contains("rech"), "{m}");
    let m = parse_error(Rules::from_toml("[limits]\nfuel = 1\n"));
    assert!(m.contains("fuel"), "{m}");
    let m = parse_error(Rules::from_json(r#"{"kick": {"dammage": 1}}"#));
    assert!(m.contains("dammage"), "{m}");
    let m = parse_error(Rules::from_toml("hit_points = \"lots\"\n"));
    assert!(m.contains("hit_points"), "{m}");
}

fn invalid_field(result: Result<Rules, RulesError>) -> (String, i64, String) {
    match result {
        Err(e @ RulesError::Invalid { .. }) => {
            let message = e.to_string();
            let RulesError::Invalid { field, value, .. } = e else { unreachable!() };
            (field, value, message)
        }
        other => panic!("expected an invalid-value error, got {other:?}"),
    }
}

#[test]
fn invalid_values_are_named() {
    for (text, field, value) in [
        ("hit_points = 0", "hit_points", 0),
        ("round_ticks = 0", "round_ticks", 0),
        ("[punch]\nreach = -1", "punch.reach", -1),
        ("[kick]\nstartup = 0", "kick.startup", 0),
        ("body_width = 400", "body_width", 400),
        ("jump_ticks = 35", "jump_ticks", 35),
        ("max_rounds = 1", "max_rounds", 1),
        ("walk_forward_speed = 16", "walk_forward_speed", 16),
        ("fireball_speed = 0", "fireball_speed", 0),
        ("counter_hit_bonus_percent = 1001", "counter_hit_bonus_percent", 1001),
        ("start_x = 2000000000", "start_x", 2_000_000_000),
        ("start_x = -2000000000", "start_x", -2_000_000_000),
        ("start_x = 480", "start_x", 480),
        ("[limits]\nmax_stack_bytes = 1000", "limits.max_stack_bytes", 1000),
    ] {
        let (got_field, got_value, message) = invalid_field(Rules::from_toml(text));
        assert_eq!((got_field.as_str(), got_value), (field, value), "{text}");
        assert!(message.contains(&format!("`{field}`")), "the message names the field: {message}");
    }
    let (field, _, message) = invalid_field(Rules::from_json(r#"{"hit_points": 0}"#));
    assert_eq!(field, "hit_points");
    assert_eq!(message, "rule `hit_points` = 0 must be greater than 0");

    let mut r = Rules::default();
    r.punch.reach = -1;
    assert_eq!(invalid_field(r.validate().map(|_| r.clone())).0, "punch.reach");
}

#[test]
fn content_hash_is_pinned() {
    assert_eq!(
        Rules::default().content_hash(),
        DEFAULT_RULES_HASH,
        "the default rules changed: if that is intended, update GAME.md and DEFAULT_RULES_HASH together"
    );
    assert_eq!(Rules::default().content_hash(), Rules::default().content_hash());
    let back = Rules::from_toml(&Rules::default().to_toml()).unwrap();
    assert_eq!(back.content_hash(), DEFAULT_RULES_HASH);
}

/// Every number in the rules, as a JSON path.
fn leaves(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                leaves(v, p, out);
            }
        }
        _ => out.push(path),
    }
}

#[test]
fn content_hash_changes_with_every_rule() {
    let base = serde_json::to_value(Rules::default()).unwrap();
    let mut paths = Vec::new();
    leaves(&base, String::new(), &mut paths);
    assert!(paths.len() >= 21 + 4 * 8 + 9, "all rules found: {paths:?}");
    let mut seen = std::collections::BTreeSet::new();
    seen.insert(Rules::default().content_hash());
    for path in &paths {
        let mut v = base.clone();
        let leaf = path.split('.').fold(&mut v, |v, k| &mut v[k]);
        *leaf = serde_json::json!(leaf.as_i64().unwrap() + 1);
        let changed: Rules = serde_json::from_value(v).unwrap();
        assert_ne!(changed, Rules::default(), "{path}");
        assert!(seen.insert(changed.content_hash()), "changing {path} did not change the hash");
    }
}
