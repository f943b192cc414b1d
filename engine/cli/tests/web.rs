//! The event's web pages over plain HTTP (no browser): each page answers,
//! names are escaped, and every bad address gets a page that says what to
//! fix. Needs the bots of `cargo xtask bots`; the replay player's bundle
//! (`cargo xtask web`) only where said.

use std::path::PathBuf;

mod support;

use support::*;

fn get(addr: &str, path: &str) -> (u16, String) {
    http(addr, format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").as_bytes())
}

fn web_bundle() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/web")
}

/// `(path, status, what the page must say)`.
fn check(addr: &str, cases: &[(&str, u16, &str)]) {
    for (path, status, needle) in cases {
        let (got, body) = get(addr, path);
        assert_eq!(got, *status, "GET {path}: {body}");
        assert!(body.contains(needle), "GET {path} should say {needle:?}:\n{body}");
        assert!(!body.contains("panicked") && !body.contains("RUST_BACKTRACE"), "GET {path}: {body}");
    }
}

#[test]
fn the_pages_list_the_entrants_and_answer_every_bad_address_with_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("reg");
    let server = Served::start(dir.path(), &registry, &["--web", path(&web_bundle())]);
    let client = server.client(None);
    let wasm = std::fs::read(bot("rusher")).unwrap();
    let passed = client.submit("김 rusher", "ada", &wasm, None).unwrap();
    assert!(passed.passed, "{passed:?}");
    let failed = client.submit("waiter", "bob", &std::fs::read(bot("guard-only")).unwrap(), None).unwrap();
    assert!(!failed.passed, "{failed:?}");
    let sha = failed.sha256.clone().unwrap();
    let name = "%EA%B9%80%20rusher";
    check(
        &server.addr,
        &[
            ("/", 200, "김 rusher"),
            ("/", 200, r#"<a href="/watch/bot/%EA%B9%80%20rusher@1">watch</a>"#),
            ("/", 200, "<td>ada</td>"),
            (&format!("/bots/{name}"), 200, "it beats a dummy that never moves"),
            (&format!("/bots/{name}"), 200, r#"data-replay="/api/v1/bots/%EA%B9%80%20rusher@1/replay""#),
            (&format!("/watch/bot/{name}@1"), 200, r#"<canvas id="arena""#),
            (&format!("/watch/replay/{sha}"), 200, &format!(r#"data-replay="/api/v1/replays/{sha}""#)),
            ("/submit", 200, r#"<input name="wasm" type="file""#),
            ("/web/player.js", 200, "arena_frame"),
            ("/web/style.css", 200, "@font-face"),
            ("/bots/nobody", 404, "there is no bot `nobody` here"),
            (&format!("/watch/bot/{name}@7"), 404, "there is no bot"),
            ("/watch/replay/abc", 404, "64 lowercase hex digits"),
            (&format!("/watch/replay/{}", "0".repeat(64)), 404, "submit it again"),
            ("/web/../Cargo.toml", 404, "there is no"),
            ("/web/index.json", 404, "there is no /web/index.json here"),
            ("/web/fonts/passwd", 404, "there is no font passwd here"),
            ("/nowhere", 404, "the entrants are at /"),
        ],
    );
    // The API keeps answering JSON, and its unknown paths too.
    let (status, body) = get(&server.addr, "/api/v1/nowhere");
    assert_eq!(status, 404);
    assert!(error_of(&body).contains("GET /api/v1 lists the endpoints"), "{body}");
    // The player's bundle is served when built.
    let (status, body) = get(&server.addr, "/web/arena_web.wasm");
    if web_bundle().join("arena_web.wasm").is_file() {
        assert_eq!(status, 200, "{body}");
    } else {
        assert_eq!(status, 503);
        assert!(body.contains("cargo xtask web"), "{body}");
    }
}

#[test]
fn a_name_is_shown_never_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("reg");
    let server = Served::start(dir.path(), &registry, &[]);
    let wasm = std::fs::read(bot("rusher")).unwrap();
    let answer = server.client(None).submit("rusher", "<b>ada</b>&co", &wasm, None);
    match answer {
        Ok(a) => {
            assert!(a.passed, "{a:?}");
            check(&server.addr, &[("/", 200, "&lt;b&gt;ada&lt;/b&gt;&amp;co"), ("/bots/rusher", 200, "&lt;b&gt;ada")]);
            let (_, body) = get(&server.addr, "/");
            assert!(!body.contains("<b>ada</b>"), "{body}");
        }
        // A registry that refuses such a handle is as safe.
        Err(e) => assert!(e.to_string().contains("author"), "{e}"),
    }
}
