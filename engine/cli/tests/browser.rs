//! The event's web pages in a real browser: headless Chromium (Debian's
//! `chromium`, which `cargo xtask test` installs) driven over the DevTools
//! protocol against `arena serve` on loopback. Needs the bots of
//! `cargo xtask bots` and the replay player of `cargo xtask web`.
//!
//! Without a browser the test says so and passes, unless
//! `ARENA_REQUIRE_BROWSER` is set (as `cargo xtask test` sets it): then a
//! missing browser is a failure. `ARENA_WRITE_SCREENSHOTS=1` writes each
//! page's screenshot into docs/ for the README.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod cdp;
mod support;

use cdp::{Browser, chromium, pixels};
use support::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn browser() -> Option<Browser> {
    match chromium() {
        Some(program) => Some(Browser::launch(program, 1280, 900)),
        None if std::env::var_os("ARENA_REQUIRE_BROWSER").is_some() => {
            panic!("no chromium on the PATH: `cargo xtask test` installs Debian's chromium")
        }
        None => {
            eprintln!("SKIPPED: no chromium on the PATH (`apt-get install chromium`, or run `cargo xtask test`)");
            None
        }
    }
}

fn keep_screenshot(png: &[u8], name: &str) {
    if std::env::var_os("ARENA_WRITE_SCREENSHOTS").is_some() {
        std::fs::write(repo().join("docs").join(format!("web-{name}.png")), png).unwrap();
    }
}

/// Pixels of the screenshot within `tolerance` of `rgb`.
fn count_near(png: &[u8], rgb: [u8; 3], tolerance: i32) -> usize {
    let (_, _, px) = pixels(png);
    px.chunks(4).filter(|p| (0..3).all(|i| (i32::from(p[i]) - i32::from(rgb[i])).abs() <= tolerance)).count()
}

/// Fills the submission form and sends it; returns the answer's text.
fn submit_form(b: &mut Browser, url: &str, token: &str, name: &str, author: &str, wasm: &Path) -> String {
    b.goto(&format!("{url}/submit"));
    b.eval(&format!(
        "(() => {{ const f = document.getElementById('submit-form'); f.token.value = {}; f.name.value = {}; f.author.value = {}; }})()",
        Value::from(token),
        Value::from(name),
        Value::from(author)
    ));
    b.set_file("input[name=wasm]", wasm);
    b.eval(
        "document.getElementById('answer').textContent = ''; document.getElementById('submit-form').requestSubmit()",
    );
    b.wait_for(
        "(() => { const t = document.getElementById('answer').textContent; return !t.startsWith('Uploading') && t; })()",
        "the submission's answer",
    )
    .as_str()
    .unwrap()
    .to_owned()
}

/// Numbers within a hundredth of a pixel, everything else equal.
fn same_list(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() <= 0.011,
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_list(p, q)),
        _ => a == b,
    }
}

#[test]
fn participants_submit_watch_and_step_through_a_replay_in_the_browser() {
    let Some(mut b) = browser() else { return };
    let bundle = repo().join("target/web");
    assert!(bundle.join("arena_web.wasm").is_file(), "target/web/arena_web.wasm is missing: run `cargo xtask web`");
    let dir = tempfile::tempdir().unwrap();
    let tokens = dir.path().join("tokens.txt");
    assert!(arena(dir.path(), &["tokens", "new", "--count", "2", "--out", path(&tokens)]).status.success());
    let tokens = read_tokens(&tokens);
    let registry = dir.path().join("reg");
    let tokens_file = dir.path().join("tokens.txt");
    let cup = small_tournament(dir.path());
    let examples = bot("dummy").parent().unwrap().to_owned();
    let server = Served::start(
        dir.path(),
        &registry,
        &[
            "--tokens",
            path(&tokens_file),
            "--web",
            path(&bundle),
            "--rate-limit",
            "0",
            "--tournament",
            path(&cup),
            "--examples",
            path(&examples),
        ],
    );
    let ada = token_of(&tokens, "player-01").to_owned();

    // A passing bot and a failing one, through the form.
    let answer = submit_form(&mut b, &server.url, &ada, "rusher", "player-01", &bot("rusher"));
    assert!(answer.contains("rusher passed and is stored as version 1"), "{answer}");
    assert!(answer.contains("it beats a dummy that never moves"), "each check is listed: {answer}");
    let watch = b.eval("document.querySelector('#answer a.watch').getAttribute('href')");
    assert_eq!(watch, "/watch/bot/rusher@1");
    keep_screenshot(&b.screenshot(), "submit");
    let answer = submit_form(&mut b, &server.url, &ada, "waiter", "player-01", &bot("guard-only"));
    assert!(answer.contains("waiter was not stored"), "{answer}");
    assert!(answer.contains("✘"), "the failed check is marked: {answer}");
    let failed_watch = b.eval("document.querySelector('#answer a.watch').getAttribute('href')");
    assert!(failed_watch.as_str().unwrap().starts_with("/watch/replay/"), "{failed_watch}");
    let answer =
        submit_form(&mut b, &server.url, "0123456789abcdef0123456789abcdef", "rusher", "player-01", &bot("rusher"));
    assert!(answer.contains("token"), "a wrong token is named: {answer}");

    // The entrants.
    b.goto(&server.url);
    let rows = b.wait_for("document.querySelectorAll('table.entrants tbody tr').length", "the entrants' rows");
    assert_eq!(rows, 1, "only the passing bot is stored");
    let standings = b.eval("document.querySelector('ol.standings').textContent");
    assert!(standings.as_str().unwrap().contains("turtle"), "the attached tournament's standings: {standings}");
    keep_screenshot(&b.screenshot(), "entrants");

    // The validation replay, drawn: fighters in their colours, the HUD's
    // hit-point bars.
    b.goto(&format!("{}/watch/bot/rusher@1", server.url));
    b.wait_for("window.arena && window.arena.frames > 3 && window.arena.status().loaded", "the first frames");
    // The figures of the pages' budget (printed, not asserted: a loaded
    // machine is slower, not wrong).
    let first_frame = b.eval("window.arena.firstFrameMs").as_f64().unwrap();
    let gzipped: u64 = std::fs::read_dir(&bundle)
        .unwrap()
        .chain(std::fs::read_dir(bundle.join("fonts")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "gz"))
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    println!(
        "web: the player's bundle is {:.2} MB gzipped (goal: under 3 MB); the first frame of a replay was drawn \
         {first_frame:.0} ms after the page started (goal: under 1 s on loopback)",
        gzipped as f64 / 1e6
    );
    b.press(" ", "Space", 32, false);
    b.press("Home", "Home", 36, false);
    b.press("ArrowRight", "ArrowRight", 39, true);
    b.press("ArrowRight", "ArrowRight", 39, true);
    let status = b.wait_for(
        "(() => { const s = window.arena.status(); return s.paused && s.position === 120 && s; })()",
        "two seconds stepped",
    );
    assert_eq!((status["round"].as_u64(), status["tick"].as_u64()), (Some(0), Some(120)), "{status}");
    b.wait_for("window.arena.frames > 0 && window.arena.status().position === 120", "the frame at 120");
    let shot = b.screenshot();
    keep_screenshot(&shot, "watch");
    assert!(count_near(&shot, [255, 97, 66], 40) > 300, "the left fighter is drawn in its colour");
    assert!(count_near(&shot, [56, 173, 255], 40) > 300, "the right fighter is drawn in its colour");
    assert!(count_near(&shot, [250, 219, 56], 30) > 2000, "the hit-point bars are drawn");

    // The same frame as the Bevy viewer's screenshot command, compared as
    // display lists (fonts rasterise differently; the shapes must not).
    let browser_list = b.eval("JSON.stringify(window.arena.list)");
    let browser_list: Value = serde_json::from_str(browser_list.as_str().unwrap()).unwrap();
    let replay = dir.path().join("rusher.replay");
    std::fs::write(&replay, server.client(None).replay("rusher@1").unwrap()).unwrap();
    let viewer = Path::new(env!("CARGO_BIN_EXE_arena")).with_file_name("arena-viewer");
    if viewer.is_file() {
        let list_file = dir.path().join("list.json");
        let out = std::process::Command::new(&viewer)
            .args(["screenshot", "replay", path(&replay), "--round", "1", "--tick", "120", "--size", "640x360"])
            .args(["--out", path(&dir.path().join("frame.png")), "--display-list", path(&list_file)])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let viewer_list: Value = serde_json::from_str(&std::fs::read_to_string(&list_file).unwrap()).unwrap();
        assert!(
            same_list(&browser_list, &viewer_list),
            "the browser and the viewer draw different frames:\nbrowser: {browser_list}\nviewer:  {viewer_list}"
        );
    } else {
        eprintln!(
            "NOTE: {} is not built (cargo test --workspace builds it); display lists not compared",
            viewer.display()
        );
    }

    // Keys: a tick at a time, End, the panel.
    b.press("ArrowLeft", "ArrowLeft", 37, false);
    b.wait_for("window.arena.status().position === 119", "a tick back");
    b.press("End", "End", 35, false);
    let s = b
        .wait_for("(() => { const s = window.arena.status(); return s.position === s.length - 1 && s; })()", "the end");
    assert_eq!(s["round"].as_u64().unwrap() + 1, s["rounds"].as_u64().unwrap(), "{s}");
    b.press("Tab", "Tab", 9, false);
    b.wait_for("window.arena.status().panel", "the panel");

    // Bad addresses get pages that say what to fix.
    b.goto(&format!("{}/watch/bot/nobody", server.url));
    let text = b.eval("document.getElementById('error').textContent");
    assert!(text.as_str().unwrap().contains("there is no bot `nobody` here"), "{text}");
    b.goto(&format!("{}{failed}", server.url, failed = failed_watch.as_str().unwrap()));
    b.wait_for("window.arena && window.arena.frames > 1", "the failed bot's validation replay");

    // The live bracket, drawn with the projector's layout.
    b.goto(&format!("{}/live", server.url));
    let boxes = b.wait_for("document.querySelectorAll('svg.bracket text').length", "the bracket's text");
    assert!(boxes.as_u64().unwrap() > 8, "names and scores are drawn: {boxes}");
    let names = b.eval("document.querySelector('svg.bracket').textContent");
    assert!(["rusher", "zoner", "turtle", "dummy"].iter().all(|n| names.as_str().unwrap().contains(n)), "{names}");
    keep_screenshot(&b.screenshot(), "live");
    // The runner rewrites state.json: the page follows.
    b.eval("window.beforeRewrite = true");
    let mut state = arena_live::read(&cup).unwrap();
    state.updated_unix_ms += 1;
    arena_live::write(&cup, &state).unwrap();
    b.wait_for(
        "document.readyState === 'complete' && window.beforeRewrite === undefined",
        "the page to follow the new state",
    );
    let seen = b.eval("document.getElementById('live-status').dataset.updated");
    assert_eq!(seen.as_str().unwrap(), state.updated_unix_ms.to_string(), "the page shows the new state");
    b.eval("document.querySelector('ul.matches a').click()");
    b.wait_for("window.arena && window.arena.frames > 1 && window.arena.status().loaded", "a tournament game");

    // The playground: a bot against an example bot, shown at once.
    b.goto(&format!("{}/play", server.url));
    b.eval(&format!(
        "(() => {{ const f = document.getElementById('play-form'); f.token.value = {}; f.opponent.value = 'example:turtle'; }})()",
        Value::from(ada.as_str())
    ));
    b.set_file("input[name=wasm]", &bot("zoner"));
    b.eval("document.getElementById('play-form').requestSubmit()");
    let verdict = b.wait_for(
        "(() => { const v = document.querySelector('#answer .verdict'); return v && v.textContent; })()",
        "the playground's answer",
    );
    assert!(verdict.as_str().unwrap().contains("my-bot vs turtle"), "{verdict}");
    b.wait_for(
        "(() => { const f = document.querySelector('iframe.match'); return f && f.contentWindow.arena && f.contentWindow.arena.frames > 2; })()",
        "the playground match playing",
    );
    keep_screenshot(&b.screenshot(), "play");
}
