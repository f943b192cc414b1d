//! arena-sim's table of the WIT types (`arena_sim::wit_types!`) against
//! `sdk/wit/fighter.wit` as `wit-parser` reads it.
//!
//! The SDK's and the runtime's conversions, and the runtime's lowering of
//! the observation straight into a bot's memory, are all generated from
//! that table; the lowering writes the fields in the table's order. So the
//! table must list every type of the `types` interface, and each with the
//! WIT's fields (names, types, order) or cases (names, order). This test
//! lives here rather than next to the bindings so that it still runs, and
//! names what is missing, when the bindings no longer compile.

use std::fmt::Write as _;
use std::path::Path;

use wit_parser::{Resolve, Type, TypeDefKind};

/// One type in the WIT's words: `record` or `enum` (or whatever else the
/// WIT has), its kebab-case name, and its members in order, fields as
/// `name: type` and cases as `name`.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    kind: &'static str,
    name: String,
    members: Vec<String>,
}

/// A Rust name or type as the WIT spells it: `hit_points` is `hit-points`,
/// `FighterView` is `fighter-view`, `option < Phase >` is `option<phase>`.
fn kebab(rust: &str) -> String {
    let mut wit = String::new();
    let mut after_lower = false;
    for c in rust.chars().filter(|c| !c.is_whitespace()) {
        if c == '_' {
            wit.push('-');
        } else if c.is_ascii_uppercase() {
            if after_lower {
                wit.push('-');
            }
            wit.push(c.to_ascii_lowercase());
        } else {
            wit.push(c);
        }
        after_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    wit
}

/// What the table says, type by type.
fn table() -> Vec<Shape> {
    let mut shapes = Vec::new();
    macro_rules! shape {
        (enum $name:ident { $($case:ident,)* }) => {
            shapes.push(Shape {
                kind: "enum",
                name: kebab(stringify!($name)),
                members: vec![$(kebab(stringify!($case))),*],
            });
        };
        (record $name:ident { $($field:ident: $ty:tt $(<$arg:tt>)? $(in $within:ident)?,)* $(..)? }) => {
            shapes.push(Shape {
                kind: "record",
                name: kebab(stringify!($name)),
                members: vec![$(format!("{}: {}", kebab(stringify!($field)), kebab(stringify!($ty $(<$arg>)?)))),*],
            });
        };
    }
    arena_sim::wit_types!(shape!());
    shapes
}

/// A field's type as the WIT file writes it.
fn wit_type(resolve: &Resolve, ty: &Type) -> String {
    match ty {
        Type::Bool => "bool".into(),
        Type::U8 => "u8".into(),
        Type::U16 => "u16".into(),
        Type::U32 => "u32".into(),
        Type::U64 => "u64".into(),
        Type::S8 => "s8".into(),
        Type::S16 => "s16".into(),
        Type::S32 => "s32".into(),
        Type::S64 => "s64".into(),
        Type::F32 => "f32".into(),
        Type::F64 => "f64".into(),
        Type::Char => "char".into(),
        Type::String => "string".into(),
        Type::ErrorContext => "error-context".into(),
        Type::Id(id) => {
            let def = &resolve.types[*id];
            match (&def.name, &def.kind) {
                (Some(name), _) => name.clone(),
                (None, TypeDefKind::Option(inner)) => format!("option<{}>", wit_type(resolve, inner)),
                (None, TypeDefKind::List(inner)) => format!("list<{}>", wit_type(resolve, inner)),
                (None, other) => other.as_str().into(),
            }
        }
    }
}

/// What `sdk/wit/fighter.wit` says, type by type, in the file's order.
fn wit() -> Vec<Shape> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sdk/wit");
    let mut resolve = Resolve::new();
    let (package, _) = resolve.push_dir(&dir).unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
    let types = resolve.packages[package].interfaces["types"];
    resolve.interfaces[types]
        .types
        .iter()
        .map(|(name, &id)| {
            let kind = &resolve.types[id].kind;
            let members = match kind {
                TypeDefKind::Record(r) => {
                    r.fields.iter().map(|f| format!("{}: {}", f.name, wit_type(&resolve, &f.ty))).collect()
                }
                TypeDefKind::Enum(e) => e.cases.iter().map(|c| c.name.clone()).collect(),
                TypeDefKind::Variant(v) => v
                    .cases
                    .iter()
                    .map(|c| match &c.ty {
                        Some(ty) => format!("{}({})", c.name, wit_type(&resolve, ty)),
                        None => c.name.clone(),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Shape { kind: kind.as_str(), name: name.clone(), members }
        })
        .collect()
}

#[test]
fn the_table_lists_every_type_field_and_case_of_the_wit_in_order() {
    let table = table();
    let wit = wit();
    let kinds_and_names =
        |shapes: &[Shape]| shapes.iter().map(|s| format!("{} {}", s.kind, s.name)).collect::<Vec<_>>();
    assert_eq!(
        kinds_and_names(&table),
        kinds_and_names(&wit),
        "the types of arena_sim::wit_types! (left) and of interface `types` in sdk/wit/fighter.wit (right)"
    );
    let mut wrong = String::new();
    for (ours, theirs) in table.iter().zip(&wit) {
        if ours.members == theirs.members {
            continue;
        }
        let missing: Vec<_> = theirs.members.iter().filter(|m| !ours.members.contains(m)).collect();
        let extra: Vec<_> = ours.members.iter().filter(|m| !theirs.members.contains(m)).collect();
        writeln!(wrong, "{} {}:", theirs.kind, theirs.name).unwrap();
        if !missing.is_empty() {
            writeln!(wrong, "  in the WIT but not in the table: {missing:?}").unwrap();
        }
        if !extra.is_empty() {
            writeln!(wrong, "  in the table but not in the WIT: {extra:?}").unwrap();
        }
        writeln!(wrong, "  the WIT's order:   {:?}\n  the table's order: {:?}", theirs.members, ours.members).unwrap();
    }
    assert!(
        wrong.is_empty(),
        "arena_sim::wit_types! (engine/sim/src/wit_table.rs) differs from sdk/wit/fighter.wit:\n{wrong}"
    );
}

#[test]
fn names_turn_into_the_wits_spelling() {
    assert_eq!(kebab("hit_points"), "hit-points");
    assert_eq!(kebab("fireball_x"), "fireball-x");
    assert_eq!(kebab("FighterView"), "fighter-view");
    assert_eq!(kebab("Idle"), "idle");
    assert_eq!(kebab(stringify!(option<Phase>)), "option<phase>");
}
