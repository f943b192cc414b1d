//! Bots in every language with a template: each `arena new-bot` project
//! builds outside the repository with its documented command and passes
//! `arena validate`, and the JavaScript and C example bots fight the Rust
//! rusher the same way every time.
//!
//! A missing toolchain (cargo's wasm32-wasip2 target, componentize-py,
//! Node.js and npm, clang and make) skips its language with the reason
//! printed, unless `CI` is set: there every language must build (`cargo
//! xtask test` installs what it can first). Needs `cargo xtask bots` for
//! the example bots.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether a missing tool must fail the test rather than skip a language.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Skips (prints why and returns false) or, under CI, fails.
fn available(what: &str, missing: Option<String>) -> bool {
    match missing {
        None => true,
        Some(reason) if in_ci() => panic!("{what}: {reason} (CI is set, so every language must build)"),
        Some(reason) => {
            eprintln!("skipping {what}: {reason}");
            false
        }
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// The programs of `programs` that are not on the PATH, as a reason.
fn missing_programs(programs: &[&str]) -> Option<String> {
    let missing: Vec<&str> = programs.iter().copied().filter(|p| !on_path(p)).collect();
    (!missing.is_empty()).then(|| format!("{} not on the PATH", missing.join(", ")))
}

fn arena(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_arena"));
    cmd.current_dir(dir).env_remove("ARENA_REGISTRY");
    if std::env::var_os("ARENA_CACHE_DIR").is_none() {
        cmd.env("ARENA_CACHE_DIR", std::env::temp_dir().join("arena-cli-test-cache"));
    }
    cmd
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Runs `cmd`, failing the test with its output if it fails.
fn run(what: &str, cmd: &mut Command) -> Output {
    let started = std::time::Instant::now();
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: cannot run {cmd:?}: {e}"));
    assert!(out.status.success(), "{what}: {cmd:?} failed ({}):\n{}", out.status, text(&out));
    eprintln!("{what}: {:.1} s", started.elapsed().as_secs_f64());
    out
}

/// A tool's command in a fresh project: no target folder or build target
/// of the caller's, and not the clippy wrapper `cargo xtask test` lints the
/// workspace with.
fn tool(program: impl AsRef<std::ffi::OsStr>, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir);
    for var in ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET", "RUSTC_WORKSPACE_WRAPPER", "CLIPPY_ARGS"] {
        cmd.env_remove(var);
    }
    cmd
}

/// componentize-py, on the PATH or in pip's scripts folders.
fn componentize_py() -> Option<PathBuf> {
    if on_path("componentize-py") {
        return Some("componentize-py".into());
    }
    let python = ["python3", "python"].into_iter().find(|p| on_path(p))?;
    let script = "import site, sysconfig; print(sysconfig.get_path('scripts')); print(site.USER_BASE + '/bin')";
    let out = Command::new(python).args(["-c", script]).output().ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|d| Path::new(d.trim()).join("componentize-py"))
        .find(|p| p.is_file())
}

fn has_wasip2_target() -> bool {
    Command::new("rustc").args(["--print", "sysroot"]).output().ok().is_some_and(|o| {
        Path::new(String::from_utf8_lossy(&o.stdout).trim()).join("lib/rustlib/wasm32-wasip2").is_dir()
    })
}

/// Builds the project `dir` of `lang` with its README's commands (and its
/// local tests, where they need nothing more) and returns its component,
/// or `None` if its toolchain is absent.
fn build_project(lang: &str, name: &str, dir: &Path) -> Option<PathBuf> {
    match lang {
        "rust" => {
            let missing = missing_programs(&["cargo"])
                .or_else(|| (!has_wasip2_target()).then(|| "no wasm32-wasip2 target".into()));
            if !available("the Rust template", missing) {
                return None;
            }
            run(
                "rust: cargo build --release --target wasm32-wasip2",
                tool("cargo", dir).args(["build", "--release", "--target", "wasm32-wasip2"]),
            );
            Some(dir.join("target/wasm32-wasip2/release").join(format!("{}.wasm", name.replace('-', "_"))))
        }
        "python" => {
            let found = componentize_py();
            if !available("the Python template", found.is_none().then(|| "componentize-py is not installed".into())) {
                return None;
            }
            let wasm = dir.join(format!("{name}.wasm"));
            run(
                "python: componentize-py componentize",
                tool(found.unwrap(), dir).args(["-d", "wit", "-w", "fighter", "componentize", "app", "-o"]).arg(&wasm),
            );
            Some(wasm)
        }
        "js" => {
            if !available("the JavaScript template", missing_programs(&["node", "npm"])) {
                return None;
            }
            run("js: npm ci", tool("npm", dir).args(["ci", "--no-audit", "--no-fund"]));
            run("js: npm test", tool("npm", dir).arg("test"));
            run("js: npm run build", tool("npm", dir).args(["run", "build"]));
            Some(dir.join(format!("{name}.wasm")))
        }
        "c" => {
            if !available("the C template", missing_programs(&["clang", "make", "cc", "cargo"])) {
                return None;
            }
            run("c: make test", tool("make", dir).arg("test"));
            run("c: make", &mut tool("make", dir));
            Some(dir.join(format!("{name}.wasm")))
        }
        _ => unreachable!("no template for {lang}"),
    }
}

/// Every template, written where no parent folder is the repository (no
/// workspace, no `.cargo/config.toml`, no path back), builds with its one
/// command and passes validation.
#[test]
fn every_template_builds_outside_the_repository_and_passes_validation() {
    let root = tempfile::Builder::new().prefix("arena-templates-").tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    assert!(!root.path().starts_with(&repo), "{} is inside the repository", root.path().display());
    // Every language is tried, whichever fails first.
    let mut failed = Vec::new();
    for lang in ["rust", "python", "js", "c"] {
        let one = || {
            let name = format!("tpl-{lang}");
            let made = arena(root.path()).args(["new-bot", &name, "--lang", lang]).output().unwrap();
            assert!(made.status.success(), "new-bot --lang {lang}: {}", text(&made));
            let dir = root.path().join(&name);
            let Some(wasm) = build_project(lang, &name, &dir) else { return };
            assert!(wasm.is_file(), "{lang}: the build left no {}", wasm.display());
            let out = run(&format!("{lang}: arena validate"), arena(&dir).arg("validate").arg(&wasm));
            assert!(text(&out).contains("passes validation"), "{lang}:\n{}", text(&out));
        };
        if std::panic::catch_unwind(one).is_err() {
            failed.push(lang);
        }
    }
    assert!(failed.is_empty(), "these templates failed (see above): {}", failed.join(", "));
}

fn example_bot(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bots").join(format!("{name}.wasm"));
    let missing = (!path.is_file()).then(|| format!("{} is missing: run `cargo xtask bots` first", path.display()));
    available(name, missing).then_some(path)
}

/// The example bots in JavaScript and C pass validation, and a match of
/// each against the Rust rusher plays the same twice: same rounds, same
/// winner, same replay bytes.
#[test]
fn js_and_c_example_bots_validate_and_fight_the_rusher_the_same_twice() {
    let dir = tempfile::tempdir().unwrap();
    let rusher = example_bot("rusher").expect("target/bots/rusher.wasm: run `cargo xtask bots` first");
    for name in ["js-rusher", "c-rusher"] {
        let Some(bot) = example_bot(name) else { continue };
        let out = run(&format!("{name}: arena validate"), arena(dir.path()).arg("validate").arg(&bot));
        assert!(text(&out).contains(&format!("{name} passes validation")), "{}", text(&out));

        let fight = |n: u32| {
            let replay = dir.path().join(format!("{name}-{n}.replay"));
            let out = run(
                &format!("{name}: arena match, run {n}"),
                arena(dir.path()).arg("match").arg(&bot).arg(&rusher).args(["--seed", "11", "--replay"]).arg(&replay),
            );
            // Everything but the line that names the replay's file.
            let shown: Vec<String> = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter(|l| !l.starts_with("replay: "))
                .map(str::to_owned)
                .collect();
            (shown.join("\n"), std::fs::read(&replay).unwrap())
        };
        let (first, first_replay) = fight(1);
        let (second, second_replay) = fight(2);
        assert!(first.contains("round 1: ") && first.contains("rusher: fuel per tick"), "{first}");
        assert_eq!(first, second, "{name} vs rusher played differently on a second run");
        assert!(first_replay == second_replay, "{name} vs rusher: the two replays differ");
        eprintln!("{name} vs rusher:\n{first}");
    }
}
