//! The SDK's own sources and the bot templates, so that `arena new-bot`
//! writes a project that builds wherever `arena` is installed: the project
//! carries its copy of this crate and of arena-sim, and needs nothing but
//! the package registry. Behind the `source` feature: only the CLI asks for
//! it.

/// Every file of this crate a bot's build needs: (path in the crate, text).
/// The manifest is as in the repository; `arena new-bot` points its
/// arena-sim path at the copy beside it and drops the workspace lints.
pub const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../Cargo.toml")),
    ("src/lib.rs", include_str!("lib.rs")),
    ("src/convert.rs", include_str!("convert.rs")),
    ("src/source.rs", include_str!("source.rs")),
    ("src/testing.rs", include_str!("testing.rs")),
    ("wit/fighter.wit", include_str!("../wit/fighter.wit")),
];

/// arena-sim's files, as [`FILES`] are this crate's.
pub use arena_sim::source::FILES as SIM_FILES;

/// The rules of the fight for bot authors (GAME.md), written into every
/// project.
pub const GAME_MD: &str = include_str!("../GAME.md");

/// The Rust template: (path in the project, text with `{{name}}`).
pub const RUST_TEMPLATE: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../templates/rust/Cargo.toml")),
    ("README.md", include_str!("../templates/rust/README.md")),
    ("src/lib.rs", include_str!("../templates/rust/src/lib.rs")),
    (".gitignore", include_str!("../templates/rust/.gitignore")),
];

/// The Python template: (path in the project, text with `{{name}}`).
pub const PYTHON_TEMPLATE: &[(&str, &str)] = &[
    ("app.py", include_str!("../templates/python/app.py")),
    ("test_app.py", include_str!("../templates/python/test_app.py")),
    ("README.md", include_str!("../templates/python/README.md")),
    (".gitignore", include_str!("../templates/python/.gitignore")),
];

/// The JavaScript template (componentize-js): (path in the project, text
/// with `{{name}}`). The lock file pins every npm package of the build.
pub const JS_TEMPLATE: &[(&str, &str)] = &[
    ("package.json", include_str!("../templates/js/package.json")),
    ("package-lock.json", include_str!("../templates/js/package-lock.json")),
    ("bot.js", include_str!("../templates/js/bot.js")),
    ("bot.test.js", include_str!("../templates/js/bot.test.js")),
    ("README.md", include_str!("../templates/js/README.md")),
    (".gitignore", include_str!("../templates/js/.gitignore")),
];

/// The C template (clang, wasi-libc, and a small Rust helper that runs
/// wit-bindgen and wit-component): (path in the project, text with
/// `{{name}}`).
pub const C_TEMPLATE: &[(&str, &str)] = &[
    ("Makefile", include_str!("../templates/c/Makefile")),
    ("bot.c", include_str!("../templates/c/bot.c")),
    ("bot.h", include_str!("../templates/c/bot.h")),
    ("test_bot.c", include_str!("../templates/c/test_bot.c")),
    ("README.md", include_str!("../templates/c/README.md")),
    (".gitignore", include_str!("../templates/c/.gitignore")),
    ("componentize/Cargo.toml", include_str!("../templates/c/componentize/Cargo.toml")),
    ("componentize/Cargo.lock", include_str!("../templates/c/componentize/Cargo.lock")),
    ("componentize/src/main.rs", include_str!("../templates/c/componentize/src/main.rs")),
];

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn files_under(root: &Path, dir: &str) -> Vec<String> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                out.extend(files_under(root, &name));
            } else {
                out.push(name);
            }
        }
        out.sort();
        out
    }

    fn listed(files: &[(&str, &str)], prefix: &str) -> Vec<String> {
        let mut out: Vec<String> = files.iter().map(|(p, _)| format!("{prefix}{p}")).collect();
        out.sort();
        out
    }

    /// A file left out of a list would break every project `arena new-bot`
    /// writes.
    #[test]
    fn every_file_is_listed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let ours: Vec<String> =
            listed(super::FILES, "").into_iter().filter(|p| p.starts_with("src/") || p.starts_with("wit/")).collect();
        let mut on_disk = files_under(root, "src");
        on_disk.extend(files_under(root, "wit"));
        on_disk.sort();
        assert_eq!(ours, on_disk);
        assert_eq!(listed(super::RUST_TEMPLATE, "templates/rust/"), files_under(root, "templates/rust"));
        assert_eq!(listed(super::PYTHON_TEMPLATE, "templates/python/"), files_under(root, "templates/python"));
        assert_eq!(listed(super::JS_TEMPLATE, "templates/js/"), files_under(root, "templates/js"));
        assert_eq!(listed(super::C_TEMPLATE, "templates/c/"), files_under(root, "templates/c"));
    }
}
