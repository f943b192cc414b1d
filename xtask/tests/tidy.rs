//! The house checks itself: the shape ARCHITECTURE.md describes is the
//! shape of the code. `cargo metadata` says who depends on what; each rule
//! below is an invariant of ARCHITECTURE.md, and a change that breaks one
//! fails here with the path of dependencies that breaks it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// The workspace's packages: name → (manifest folder, normal dependencies).
struct Graph {
    folders: BTreeMap<String, PathBuf>,
    deps: BTreeMap<String, BTreeSet<String>>,
}

fn graph() -> Graph {
    let out = std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .current_dir(root())
        .args(["metadata", "--format-version", "1", "--locked"])
        .output()
        .unwrap();
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names = BTreeMap::new();
    let mut folders = BTreeMap::new();
    let members: BTreeSet<&str> =
        meta["workspace_members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    for p in meta["packages"].as_array().unwrap() {
        let (id, name) = (p["id"].as_str().unwrap(), p["name"].as_str().unwrap().to_owned());
        if members.contains(id) {
            let manifest = PathBuf::from(p["manifest_path"].as_str().unwrap());
            folders.insert(name.clone(), manifest.parent().unwrap().strip_prefix(root()).unwrap().to_owned());
        }
        names.insert(id.to_owned(), name);
    }
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for node in meta["resolve"]["nodes"].as_array().unwrap() {
        let from = names[node["id"].as_str().unwrap()].clone();
        let normal = node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null()));
        deps.entry(from).or_default().extend(normal.map(|d| names[d["pkg"].as_str().unwrap()].clone()));
    }
    Graph { folders, deps }
}

impl Graph {
    /// The chain of normal dependencies from `from` to `to`, if there is one.
    fn path(&self, from: &str, to: &str) -> Option<Vec<String>> {
        let mut seen = BTreeSet::new();
        let mut queue = std::collections::VecDeque::from([vec![from.to_owned()]]);
        while let Some(path) = queue.pop_front() {
            let last = path.last().unwrap();
            if last == to {
                return Some(path);
            }
            for next in self.deps.get(last).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    queue.push_back(longer);
                }
            }
        }
        None
    }
}

/// Fails if `krate` depends, however indirectly, on any of `forbidden`.
fn check(g: &Graph, krate: &str, forbidden: &[&str], why: &str) {
    assert!(g.deps.contains_key(krate), "no package {krate} in the workspace: update this rule");
    for f in forbidden {
        if let Some(path) = g.path(krate, f) {
            panic!("{krate} must not depend on {f} ({why}), but: {}", path.join(" → "));
        }
    }
}

#[test]
fn crates_depend_only_on_what_architecture_md_allows() {
    let g = graph();
    let engine = ["arena-runtime", "arena-registry", "arena-runner", "arena-server", "arena-live", "arena-cli"];
    let io = ["wasmtime", "tokio", "rayon", "bevy", "axum", "ureq", "notify"];
    check(
        &g,
        "arena-sim",
        &[&engine[..], &io[..], &["arena-tournament"]].concat(),
        "the rules are pure: every bot and the browser compile them",
    );
    check(&g, "arena-tournament", &[&engine[..], &io[..]].concat(), "no I/O, no threads, no clocks");
    check(
        &g,
        "arena-live",
        &["wasmtime", "bevy", "arena-runtime", "arena-runner"],
        "both the runner and the viewer read state.json",
    );
    check(&g, "arena-registry", &["wasmtime", "arena-runtime", "tokio"], "it stores bots, never runs them");
    check(
        &g,
        "arena-tournament-file",
        &["wasmtime", "arena-runtime", "arena-runner"],
        "it reads a file; the fuzz build links it",
    );
    check(&g, "arena-sdk", &["wasmtime", "arena-runtime", "tokio", "rayon"], "every Rust bot compiles it for wasm32");
    check(
        &g,
        "arena-viewer",
        &["wasmtime", "arena-runtime", "arena-runner", "arena-server"],
        "the viewer reads files, it runs no bot",
    );
    check(&g, "arena-runtime", &["bevy", "tokio", "arena-registry", "arena-tournament"], "the sandbox plays one match");
    check(&g, "arena-runner", &["bevy", "tokio", "axum", "arena-server"], "the runner runs tournaments, not servers");
    check(
        &g,
        "arena-client",
        &["arena-server", "tokio", "axum", "wasmtime", "arena-runtime"],
        "a tool that submits does not link the server",
    );
    check(&g, "arena-atomic", &[&engine[..], &["arena-sim"]].concat(), "every crate that writes files uses it");
    check(
        &g,
        "arena-scene",
        // arena-live only for the bracket's layout (the `bracket` feature).
        &[
            &["arena-runtime", "arena-registry", "arena-runner", "arena-server", "arena-cli"][..],
            &io[..],
            &["bevy_math", "bevy_color", "wasm-bindgen", "web-sys"],
        ]
        .concat(),
        "the drawing is plain Rust that both the Bevy viewer and the browser paint",
    );
    check(
        &g,
        "arena-web",
        // arena-live is left out: the workspace's graph unifies
        // arena-scene's `bracket` feature, which the web build turns off.
        &[&["arena-runtime", "arena-registry", "arena-runner", "arena-server", "arena-cli"][..], &io[..]].concat(),
        "the browser's player is the rules and the drawing, compiled to wasm",
    );
}

#[test]
fn the_code_map_names_every_crate_and_every_folder_it_names_exists() {
    let g = graph();
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let headings: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("### `"))
        .filter_map(|l| l.split('`').next())
        .map(|p| p.trim_end_matches('/'))
        .collect();
    for (name, folder) in &g.folders {
        let folder = folder.to_str().unwrap();
        assert!(headings.contains(&folder), "ARCHITECTURE.md's code map has no `### `{folder}`` for {name}");
    }
    for h in &headings {
        assert!(root().join(h).is_dir(), "ARCHITECTURE.md's code map names `{h}`, which is not a folder");
    }
}
