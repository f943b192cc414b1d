//! `arena new-bot NAME --lang …`: a ready-to-build bot project from the
//! templates the SDK carries. The project holds everything it builds from
//! (for Rust, its own copy of arena-sdk and arena-sim under `arena/`; for
//! every language the WIT world and GAME.md), so it works wherever `arena` is
//! installed, with no path back to a clone and no network beyond the package
//! registries.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use arena_sdk::source;
use clap::ValueEnum;

/// The languages with a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// A Rust crate on arena-sdk (`cargo test` plays it natively).
    Rust,
    /// A componentize-py module.
    Python,
    /// A componentize-js module (`npm test` runs its decision in Node).
    Js,
    /// A C program (clang and wasi-libc; `make test` runs its decision natively).
    C,
}

/// Where the SDK's copy goes in a Rust project.
const VENDOR_DIR: &str = "arena";

/// Writes the project `NAME/` in the current directory.
pub fn run(name: &str, lang: Lang) -> Result<ExitCode> {
    arena_registry::check_name("name", name)?;
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        bail!(
            "a bot project name must be ASCII letters, digits, `-` or `_` (it becomes a crate or module name); got `{name}`"
        );
    }
    let dir = Path::new(name);
    if dir.exists() {
        bail!("{} already exists; choose another name or remove it", dir.display());
    }
    for (relative, text) in project_files(name, lang) {
        let path = dir.join(&relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!("created {}/", dir.display());
    match lang {
        Lang::Rust => println!(
            "next: cd {name} && cargo test   (plays your bot natively)\n      cargo build --release --target wasm32-wasip2\n      arena validate target/wasm32-wasip2/release/{}.wasm",
            name.replace('-', "_")
        ),
        Lang::Python => println!("next: cd {name} and follow README.md to build {name}.wasm with componentize-py"),
        Lang::Js => println!(
            "next: cd {name} && npm ci && npm test && npm run build\n      arena validate {name}.wasm   (README.md has the details)"
        ),
        Lang::C => println!(
            "next: cd {name} && make test && make\n      arena validate {name}.wasm   (README.md says what to install first)"
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// Every file of the project: (path in the project, text).
fn project_files(name: &str, lang: Lang) -> Vec<(String, String)> {
    let template = match lang {
        Lang::Rust => source::RUST_TEMPLATE,
        Lang::Python => source::PYTHON_TEMPLATE,
        Lang::Js => source::JS_TEMPLATE,
        Lang::C => source::C_TEMPLATE,
    };
    let mut files: Vec<(String, String)> =
        template.iter().map(|(path, text)| (path.to_string(), text.replace("{{name}}", name))).collect();
    files.push(("GAME.md".into(), source::GAME_MD.into()));
    match lang {
        Lang::Rust => {
            for (crate_dir, crate_files) in [("sdk", source::FILES), ("sim", source::SIM_FILES)] {
                for (path, text) in crate_files {
                    let text = if *path == "Cargo.toml" { standalone_manifest(text) } else { text.to_string() };
                    files.push((format!("{VENDOR_DIR}/{crate_dir}/{path}"), text));
                }
            }
        }
        Lang::Python | Lang::Js | Lang::C => {
            let wit =
                source::FILES.iter().find(|(path, _)| *path == "wit/fighter.wit").expect("the SDK carries its WIT");
            files.push(("wit/fighter.wit".into(), wit.1.into()));
        }
    }
    files
}

/// A crate's manifest as it builds outside the repository: without the
/// sections only the repository uses (dev-dependencies, benches, the
/// workspace's lints), arena-sim found beside the SDK.
fn standalone_manifest(manifest: &str) -> String {
    let mut out = String::new();
    let mut keep = true;
    for line in manifest.lines() {
        let header = line.trim_start();
        if header.starts_with('[') {
            keep = !matches!(header, "[dev-dependencies]" | "[[bench]]" | "[lints]");
        }
        if keep {
            out.push_str(&line.replace("path = \"../engine/sim\"", "path = \"../sim\""));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The copied manifests must not lean on the repository: no workspace
    /// inheritance, no path outside the project.
    #[test]
    fn copied_manifests_stand_alone() {
        for (path, text) in project_files("my-bot", Lang::Rust) {
            if !path.ends_with("Cargo.toml") {
                continue;
            }
            assert!(!text.contains(".workspace") && !text.contains("workspace = true"), "{path}:\n{text}");
            assert!(!text.contains("../engine") && !text.contains("{{"), "{path}:\n{text}");
            if path == "Cargo.toml" {
                assert!(text.contains("path = \"arena/sdk\""), "{text}");
            }
        }
    }

    #[test]
    fn each_language_gets_the_rules_and_its_world() {
        for lang in [Lang::Rust, Lang::Python, Lang::Js, Lang::C] {
            let files = project_files("b", lang);
            let has = |p: &str| files.iter().any(|(path, _)| path == p);
            assert!(has("GAME.md") && has("README.md"), "{lang:?}");
            assert!(has("wit/fighter.wit") || has("arena/sdk/wit/fighter.wit"), "{lang:?}");
        }
    }
}
