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
    // The player's bundle is served when built, gzipped to a browser that
    // takes it.
    let (status, body) = get(&server.addr, "/web/arena_web.wasm");
    if web_bundle().join("arena_web.wasm").is_file() {
        assert_eq!(status, 200, "{body}");
        let mut s = std::net::TcpStream::connect(&server.addr).unwrap();
        std::io::Write::write_all(
            &mut s,
            b"GET /web/fonts/DejaVuSans.ttf HTTP/1.1\r\nHost: test\r\nAccept-Encoding: br, gzip\r\nConnection: close\r\n\r\n",
        )
        .unwrap();
        let mut answer = Vec::new();
        let _ = std::io::Read::read_to_end(&mut s, &mut answer);
        let head = String::from_utf8_lossy(&answer[..answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap()])
            .to_ascii_lowercase();
        assert!(head.contains("content-encoding: gzip") && head.contains("content-type: font/ttf"), "{head}");
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

/// A form field: name, file name, bytes.
type Field<'a> = (&'a str, Option<&'a str>, &'a [u8]);

/// A `multipart/form-data` POST of `fields` to `path`.
fn form_post(path: &str, fields: &[Field<'_>]) -> Vec<u8> {
    let request = form_request(fields);
    let text = String::from_utf8_lossy(&request).into_owned();
    let head_end = text.find("\r\n").unwrap();
    let mut out = format!("POST {path} HTTP/1.1").into_bytes();
    out.extend_from_slice(&request[head_end..]);
    out
}

#[test]
fn the_playground_plays_a_match_stores_nothing_and_refuses_what_it_cannot_play() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("reg");
    let examples = bot("dummy").parent().unwrap().to_owned();
    let server = Served::start(dir.path(), &registry, &["--examples", path(&examples), "--rate-limit", "0"]);
    let rusher = std::fs::read(bot("rusher")).unwrap();
    let fields: [Field<'_>; 3] =
        [("name", None, b"my-rusher"), ("author", None, b"ada"), ("wasm", Some("bot.wasm"), &rusher)];
    let (status, body) = http(&server.addr, &form_post("/api/v1/play?opponent=example:dummy", &fields));
    assert_eq!(status, 200, "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!((answer["you"].as_str(), answer["opponent"].as_str()), (Some("my-rusher"), Some("dummy")), "{body}");
    assert!(answer["result"].as_str().unwrap().starts_with("winner: my-rusher"), "{body}");
    assert_eq!(answer["fuel"].as_array().unwrap().len(), 2, "both sandboxed bots' fuel: {body}");
    let replay = server.client(None).fetch(answer["replay"].as_str().unwrap()).unwrap();
    let replay = arena_sim::Replay::from_bytes(&replay).unwrap();
    replay.verify().unwrap();
    assert_eq!(replay.seed, answer["seed"].as_u64().unwrap());
    assert!(replay.seed < 1 << 53, "a script reads the seed exactly: {}", replay.seed);
    check(
        &server.addr,
        &[
            (answer["watch"].as_str().unwrap(), 200, r#"<canvas id="arena""#),
            (&format!("{}?embed=1", answer["watch"].as_str().unwrap()), 200, r#"<main class="embedded">"#),
            ("/play", 200, r#"<option value="example:dummy">dummy (example bot)</option>"#),
            ("/watch/play/0123", 404, "play it again"),
        ],
    );
    // Nothing is stored.
    assert!(server.client(None).bots().unwrap().entrants.is_empty());
    let (_, opponents) = get(&server.addr, "/api/v1/play/opponents");
    assert!(opponents.contains(r#""id":"example:rusher""#), "{opponents}");
    assert!(!opponents.contains("hostile"), "the hostile bots' folder is not an opponent: {opponents}");

    // What it cannot play, it says why.
    let cases: [(&str, &[Field<'_>], u16, &str); 4] = [
        ("/api/v1/play", &fields, 400, "choose an opponent"),
        ("/api/v1/play?opponent=example:..%2Fhostile%2Floop", &fields, 400, "there is no opponent"),
        ("/api/v1/play?opponent=entrant:nobody", &fields, 400, "there is no opponent"),
        (
            "/api/v1/play?opponent=example:dummy",
            &[("name", None, b"x"), ("author", None, b"ada"), ("wasm", Some("bot.wasm"), b"\0asm\x01\0\0\0")],
            422,
            "your bot cannot be loaded",
        ),
    ];
    for (target, fields, status, needle) in cases {
        let (got, body) = http(&server.addr, &form_post(target, fields));
        assert_eq!(got, status, "{target}: {body}");
        assert!(error_of(&body).contains(needle), "{target}: {body}");
    }
}

#[test]
fn the_live_page_follows_a_tournament_and_links_every_game() {
    let dir = tempfile::tempdir().unwrap();
    let out = small_tournament(dir.path());
    let none = Served::start(dir.path(), &dir.path().join("reg0"), &[]);
    check(&none.addr, &[("/live", 404, "arena serve --tournament DIR")]);
    drop(none);
    let server = Served::start(dir.path(), &dir.path().join("reg"), &["--tournament", path(&out)]);
    let state = arena_live::read(&out).unwrap();
    let final_id = state.tournament.matches().last().unwrap().id.clone();
    check(
        &server.addr,
        &[
            ("/live", 200, "Booth cup"),
            ("/live", 200, r#"<svg class="bracket""#),
            ("/live", 200, "Finished: 3 matches."),
            ("/live", 200, &format!(r#"<a href="/watch/match/{final_id}/1">game 1</a>"#)),
            (&format!("/watch/match/{final_id}/1"), 200, &format!(r#"data-replay="/live/replay/{final_id}/1""#)),
            (&format!("/watch/match/{final_id}/9"), 404, "has no game 9"),
            ("/live/avatar/99", 404, "no such picture"),
        ],
    );
    let (status, body) = get(&server.addr, "/live/state");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(&format!(r#""updated_unix_ms":{}"#, state.updated_unix_ms)), "{body}");
    let replay = server.client(None).fetch(&format!("/live/replay/{final_id}/1")).unwrap();
    arena_sim::Replay::from_bytes(&replay).unwrap().verify().unwrap();
}
