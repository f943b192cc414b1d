//! The `arena` command, run the way a user runs it. Needs the bots of
//! `cargo xtask bots` in `target/bots/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bot(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bots");
    let path = [root.join(format!("{name}.wasm")), root.join("hostile").join(format!("{name}.wasm"))]
        .into_iter()
        .find(|p| p.exists());
    path.unwrap_or_else(|| panic!("target/bots/{name}.wasm is missing: run `cargo xtask bots` first"))
}

/// Runs `arena ARGS` in `dir` and returns its output.
fn arena(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_arena"))
        .args(args)
        .current_dir(dir)
        .env("ARENA_CACHE_DIR", std::env::temp_dir().join("arena-cli-test-cache"))
        .env_remove("ARENA_REGISTRY")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_closed_pipe_ends_arena_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // `arena match … | head -0`: the reading end is closed before arena writes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_arena"))
        .args(["match", path(&bot("rusher")), path(&bot("zoner"))])
        .current_dir(dir.path())
        .env("ARENA_CACHE_DIR", std::env::temp_dir().join("arena-cli-test-cache"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let code = out.status.code();
    assert!(matches!(code, Some(0 | 141)), "status {:?}: {}", out.status, stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn rules_prints_the_default_rules_as_toml() {
    let dir = tempfile::tempdir().unwrap();
    let out = arena(dir.path(), &["rules"]);
    assert!(out.status.success());
    let rules = arena_sim::Rules::from_toml(&stdout(&out)).unwrap();
    assert_eq!(rules, arena_sim::Rules::default());
}

#[test]
fn a_match_prints_rounds_and_winner_and_its_replay_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (rusher, zoner) = (bot("rusher"), bot("zoner"));
    let replay = dir.path().join("m.replay");
    let out = arena(dir.path(), &["match", path(&rusher), path(&zoner), "--seed", "5", "--replay", path(&replay)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("rusher (left) vs zoner (right), seed 5"), "{text}");
    assert!(text.contains("round 1: "), "{text}");
    assert!(text.contains("winner: "), "{text}");

    let verify = arena(dir.path(), &["replay", "verify", path(&replay)]);
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(stdout(&verify).contains("every state hash matches"));

    let again = dir.path().join("again.replay");
    let out = arena(dir.path(), &["match", path(&rusher), path(&zoner), "--seed", "5", "--replay", path(&again)]);
    assert!(out.status.success());
    assert_eq!(std::fs::read(&replay).unwrap(), std::fs::read(&again).unwrap(), "same match, same bytes");
}

#[test]
fn a_corrupt_replay_is_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let replay = dir.path().join("m.replay");
    let out = arena(dir.path(), &["match", path(&bot("rusher")), path(&bot("dummy")), "--replay", path(&replay)]);
    assert!(out.status.success());
    let mut bytes = std::fs::read(&replay).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&replay, bytes).unwrap();
    for command in ["verify", "info"] {
        let out = arena(dir.path(), &["replay", command, path(&replay)]);
        assert!(!out.status.success());
        let err = stderr(&out);
        assert!(err.contains("corrupt or truncated"), "{err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    }
}

#[test]
fn validate_accepts_fighters_and_explains_failures() {
    let dir = tempfile::tempdir().unwrap();
    let ok = arena(dir.path(), &["validate", path(&bot("rusher"))]);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert!(stdout(&ok).contains("rusher passes validation"));

    let dummy = arena(dir.path(), &["validate", path(&bot("dummy"))]);
    assert!(!dummy.status.success());
    let text = stdout(&dummy);
    assert!(text.contains("ok   1. it is a component of the `fighter` world"), "{text}");
    assert!(text.contains("ok   2. it is within the size, memory and init limits"), "{text}");
    assert!(
        text.contains("FAIL 3. it beats a dummy that never moves: it did not beat a dummy that never moves"),
        "{text}"
    );
    assert!(text.contains("watch the validation match: arena-viewer replay "), "{text}");
    assert!(stderr(&dummy).contains("does not pass validation"));

    let guard = arena(dir.path(), &["validate", path(&bot("guard-only"))]);
    assert!(!guard.status.success());
    assert!(stdout(&guard).contains("FAIL 3."), "{}", stdout(&guard));

    let wrong = arena(dir.path(), &["validate", path(&bot("wrong-world"))]);
    assert!(!wrong.status.success());
    let text = stdout(&wrong);
    assert!(text.contains("FAIL 1. it is a component of the `fighter` world"), "{text}");
    assert!(!text.contains(" 2. "), "validation stops at the first failure: {text}");
}

#[test]
fn submit_stores_versions_and_bots_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("reg");
    let submit = |file: &Path, name: &str, author: &str| {
        arena(dir.path(), &["submit", path(file), "--name", name, "--author", author, "--registry", path(&registry)])
    };
    let first = submit(&bot("rusher"), "rusher", "ada");
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("submitted rusher version 1 by ada"), "{}", stdout(&first));
    let second = submit(&bot("zoner"), "rusher", "ada");
    assert!(stdout(&second).contains("submitted rusher version 2 by ada"), "{}", stdout(&second));

    let taken = submit(&bot("zoner"), "rusher", "bob");
    assert!(!taken.status.success());
    assert!(stderr(&taken).contains("the name `rusher` is already taken by ada"), "{}", stderr(&taken));

    let refused = submit(&bot("dummy"), "dummy", "ada");
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("dummy was not submitted"), "{}", stderr(&refused));

    let bad_name = submit(&bot("rusher"), "../evil", "ada");
    assert!(!bad_name.status.success());
    assert!(stderr(&bad_name).contains("name `../evil` is not allowed"), "{}", stderr(&bad_name));

    let list = arena(dir.path(), &["bots", "--registry", path(&registry)]);
    let text = stdout(&list);
    assert_eq!(text.lines().filter(|l| l.starts_with("rusher ")).count(), 2, "{text}");
    assert!(!text.contains("dummy"), "a refused bot is not stored: {text}");

    // A damaged index stops every reader with the way out, which works.
    std::fs::write(registry.join("index.json"), b"{ \"format\": 1, \"ent").unwrap();
    let damaged = arena(dir.path(), &["bots", "--registry", path(&registry)]);
    assert!(!damaged.status.success());
    assert!(stderr(&damaged).contains("`arena registry rebuild --registry DIR`"), "{}", stderr(&damaged));
    let rebuild = arena(dir.path(), &["registry", "rebuild", "--registry", path(&registry)]);
    assert!(rebuild.status.success(), "{}", stderr(&rebuild));
    assert!(stdout(&rebuild).contains("1 entrants, 2 versions"), "{}", stdout(&rebuild));
    assert!(stdout(&rebuild).contains("index.json.damaged"), "{}", stdout(&rebuild));
    assert_eq!(stdout(&arena(dir.path(), &["bots", "--registry", path(&registry)])), text);

    // Registry names work wherever a bot is named.
    let out = arena(dir.path(), &["match", "rusher@1", path(&bot("dummy")), "--registry", path(&registry)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("winner: rusher"), "{}", stdout(&out));
    let missing = arena(dir.path(), &["match", "nobody", path(&bot("dummy")), "--registry", path(&registry)]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("neither a .wasm file nor a bot in the registry"), "{}", stderr(&missing));
}

#[test]
fn new_bot_writes_a_ready_project_from_the_template() {
    let dir = tempfile::tempdir().unwrap();
    for (name, lang, files) in [
        ("my-bot", "rust", &["Cargo.toml", "src/lib.rs", "README.md"][..]),
        ("py-bot", "python", &["app.py", "test_app.py", "README.md"][..]),
    ] {
        let out = arena(dir.path(), &["new-bot", name, "--lang", lang]);
        assert!(out.status.success(), "{}", stderr(&out));
        for f in files {
            let text = std::fs::read_to_string(dir.path().join(name).join(f)).unwrap();
            assert!(!text.contains("{{"), "{name}/{f} still has a placeholder");
        }
    }
    let manifest = std::fs::read_to_string(dir.path().join("my-bot/Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"my-bot\""), "{manifest}");
    let sdk = manifest.lines().find(|l| l.starts_with("arena-sdk")).unwrap();
    let path = sdk.split('"').nth(1).unwrap();
    let project = dir.path().join("my-bot");
    assert!(project.join(path).join("wit/fighter.wit").exists(), "the SDK path must point into the project: {sdk}");
    assert!(project.join("arena/sim/src/lib.rs").exists() && project.join("GAME.md").exists());
    assert!(dir.path().join("py-bot/wit/fighter.wit").exists());

    let again = arena(dir.path(), &["new-bot", "my-bot"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
}

/// A bot's words reach the terminal with their control characters escaped:
/// `bad-init`'s error tries to clear the screen and forge a winner line.
#[test]
fn bot_text_is_printed_with_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let replay = dir.path().join("m.replay");
    let out = arena(dir.path(), &["match", path(&bot("bad-init")), path(&bot("rusher")), "--replay", path(&replay)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info = arena(dir.path(), &["replay", "info", path(&replay)]);
    let validate = arena(dir.path(), &["validate", path(&bot("bad-init"))]);
    for (what, text) in [("match", stdout(&out)), ("replay info", stdout(&info)), ("validate", stdout(&validate))] {
        assert!(!text.contains('\u{1b}'), "{what} printed a raw escape: {text}");
        assert!(text.contains("\\u{1b}[2J"), "{what} should show the escape: {text}");
        assert!(!text.lines().any(|l| l.starts_with("winner: bad-init")), "{what} printed a forged line: {text}");
    }
}
