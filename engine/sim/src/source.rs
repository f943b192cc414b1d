//! This crate's own sources, so that `arena new-bot` can write a bot project
//! that builds wherever `arena` is installed, with no path back to a clone.
//! Behind the `source` feature: only the CLI asks for it.

/// Every file of the crate a bot's build needs: (path in the crate, text).
/// The manifest is as in the repository; `arena new-bot` drops what only the
/// repository uses (dev-dependencies, benches, workspace lints).
pub const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../Cargo.toml")),
    ("src/action.rs", include_str!("action.rs")),
    ("src/attack.rs", include_str!("attack.rs")),
    ("src/avatar.rs", include_str!("avatar.rs")),
    ("src/bout.rs", include_str!("bout.rs")),
    ("src/error.rs", include_str!("error.rs")),
    ("src/fighter.rs", include_str!("fighter.rs")),
    ("src/fuel.rs", include_str!("fuel.rs")),
    ("src/game.rs", include_str!("game.rs")),
    ("src/hash.rs", include_str!("hash.rs")),
    ("src/lib.rs", include_str!("lib.rs")),
    ("src/lookahead.rs", include_str!("lookahead.rs")),
    ("src/observation.rs", include_str!("observation.rs")),
    ("src/replay.rs", include_str!("replay.rs")),
    ("src/round.rs", include_str!("round.rs")),
    ("src/rules.rs", include_str!("rules.rs")),
    ("src/source.rs", include_str!("source.rs")),
    ("src/sparring.rs", include_str!("sparring.rs")),
    ("src/text.rs", include_str!("text.rs")),
    ("src/walk.rs", include_str!("walk.rs")),
    ("src/wit_table.rs", include_str!("wit_table.rs")),
];

#[cfg(test)]
mod tests {
    /// A source file left out of [`super::FILES`] would break every bot
    /// project `arena new-bot` writes.
    #[test]
    fn every_source_file_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| format!("src/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> =
            super::FILES.iter().map(|(p, _)| p.to_string()).filter(|p| p.starts_with("src/")).collect();
        listed.sort();
        assert_eq!(listed, on_disk);
    }
}
