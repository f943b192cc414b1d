//! `arena serve` and `arena submit --server`, run the way an organiser and
//! participants run them, on loopback only (127.0.0.1, a free port). Needs
//! the bots of `cargo xtask bots` in `target/bots/`.
//!
//! Every wait here is on a condition (a line the server prints, an answer),
//! bounded by a timeout; every request loop is bounded in count.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::sync::{Arc, Barrier, Condvar, Mutex};
use std::time::{Duration, Instant};

use arena_registry::Registry;
use arena_server::ClientError;
use arena_server::api::SubmitAnswer;
use arena_sim::Replay;

mod support;

use support::*;

/// The validation replay path a submit printed.
fn printed_replay(out: &str) -> PathBuf {
    let line = out
        .lines()
        .find(|l| l.contains("the validation match: arena-viewer replay "))
        .unwrap_or_else(|| panic!("{out}"));
    PathBuf::from(line.rsplit_once("arena-viewer replay ").unwrap().1)
}

fn check_lines(out: &str) -> Vec<String> {
    out.lines().filter(|l| l.starts_with("ok  ") || l.starts_with("FAIL")).map(str::to_owned).collect()
}

/// Sends a `len`-byte body of zeros after `head`, from another thread,
/// while this one reads the answer; returns the answer and how many body
/// bytes went out before the server stopped the upload.
fn stream_upload(addr: &str, head: &str, len: u64, chunked: bool) -> ((u16, String), u64) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    let mut writer = s.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let chunk = vec![0u8; 64 << 10];
        let mut sent = 0u64;
        while sent < len {
            let result = if chunked {
                writer
                    .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                    .and_then(|()| writer.write_all(&chunk))
                    .and_then(|()| writer.write_all(b"\r\n"))
            } else {
                writer.write_all(&chunk)
            };
            if result.is_err() {
                break;
            }
            sent += chunk.len() as u64;
        }
        sent
    });
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let _ = s.shutdown(std::net::Shutdown::Both);
    let sent = sender.join().unwrap();
    (parse_answer(&buf), sent)
}

#[test]
fn submit_list_and_fetch_the_replay_through_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("reg");
    let mut server = Served::start(dir.path(), &registry, &[]);
    server.wait_err(|l| l.contains("WARNING: the server is OPEN"));
    let url = server.url.clone();

    let avatar = dir.path().join("ada.png");
    // A 16×16 PNG's header is all the server reads of it.
    std::fs::write(&avatar, b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0 a tiny picture")
        .unwrap();
    let out = arena(
        dir.path(),
        &[
            "submit",
            path(&bot("rusher")),
            "--name",
            "rusher",
            "--author",
            "ada",
            "--avatar",
            path(&avatar),
            "--server",
            &url,
        ],
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("ok   3. it beats a dummy that never moves"), "{text}");
    assert!(text.contains("submitted rusher version 1 by ada (sha256 "), "{text}");
    assert!(text.contains(&format!(") to {url}")), "{text}");
    assert!(text.contains("waited "), "{text}");
    let verify = arena(dir.path(), &["replay", "verify", path(&printed_replay(&text))]);
    assert!(verify.status.success(), "{}", stderr(&verify));

    // A failing bot: the same checks, messages and exit code as the local
    // command, and its replay to watch.
    let remote =
        arena(dir.path(), &["submit", path(&bot("dummy")), "--name", "dummy", "--author", "bob", "--server", &url]);
    let local_registry = dir.path().join("local");
    let local = arena(
        dir.path(),
        &["submit", path(&bot("dummy")), "--name", "dummy", "--author", "bob", "--registry", path(&local_registry)],
    );
    assert_eq!(remote.status.code(), Some(1));
    assert_eq!(remote.status.code(), local.status.code());
    assert_eq!(check_lines(&stdout(&remote)), check_lines(&stdout(&local)));
    assert!(check_lines(&stdout(&remote)).last().unwrap().starts_with("FAIL 3."), "{}", stdout(&remote));
    assert!(
        stderr(&remote).contains("error: dummy was not submitted: it does not pass validation"),
        "{}",
        stderr(&remote)
    );
    let watch = printed_replay(&stdout(&remote));
    assert!(stdout(&remote).contains("watch the validation match"), "{}", stdout(&remote));
    assert!(Replay::from_bytes(&std::fs::read(&watch).unwrap()).is_ok());

    let list = arena(dir.path(), &["bots", "--server", &url]);
    assert!(list.status.success(), "{}", stderr(&list));
    let listed = stdout(&list);
    let row = listed.lines().find(|l| l.starts_with("rusher ")).unwrap_or_else(|| panic!("{listed}"));
    assert!(row.contains(" ada ") && row.ends_with("passed"), "{row}");
    assert!(!listed.contains("dummy"), "a failing bot is not stored: {listed}");
    let local_list = arena(dir.path(), &["bots", "--registry", path(&registry)]);
    assert_eq!(stdout(&local_list), listed, "the same listing, local or remote");

    let client = server.client(None);
    let v = client.validation("rusher").unwrap();
    assert!(v.validation.passed);
    assert_eq!((v.name.as_str(), v.author.as_str(), v.version), ("rusher", "ada", 1));
    let replay = Replay::from_bytes(&client.replay("rusher@1").unwrap()).unwrap();
    assert_eq!(replay.bots[0].name, "rusher");
    replay.verify().unwrap();
    assert_eq!(client.fetch("/api/v1/bots/rusher/avatar").unwrap(), std::fs::read(&avatar).unwrap());
    // Names and handles in any script, through the API's paths.
    let korean = client.submit("김철수의 봇", "김철수", &std::fs::read(bot("rusher")).unwrap(), None).unwrap();
    assert!(korean.passed, "{korean:?}");
    assert_eq!(client.validation("김철수의 봇@1").unwrap().author, "김철수");
    let missing = client.validation("nobody").unwrap_err().to_string();
    assert!(missing.contains("there is no bot `nobody` on this server"), "{missing}");
    drop(server);
    let gone = arena(dir.path(), &["bots", "--server", &url]);
    assert_eq!(gone.status.code(), Some(1));
    assert!(stderr(&gone).contains(&format!("cannot reach the submission server at {url}")), "{}", stderr(&gone));

    // On disk, as a local registry.
    let index = Registry::open(&registry).unwrap().index().unwrap();
    assert_eq!(index.latest("rusher").unwrap().sha256, v.sha256);
}

#[test]
fn tokens_bind_submissions_to_their_handles_and_the_organiser_closes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.txt");
    let made = arena(dir.path(), &["tokens", "new", "--handle", "ada", "--handle", "bob", "--out", path(&file)]);
    assert!(made.status.success(), "{}", stderr(&made));
    let again = arena(dir.path(), &["tokens", "new", "--count", "3", "--out", path(&file)]);
    assert!(!again.status.success(), "an existing tokens file is never overwritten");
    let tokens = read_tokens(&file);
    assert_eq!(tokens.len(), 3, "the organiser's and two participants'");
    let registry = dir.path().join("reg");
    let mut server = Served::start(dir.path(), &registry, &["--tokens", path(&file)]);
    let url = server.url.clone();
    let rusher = bot("rusher");
    let submit = |extra: &[&str]| {
        let mut args = vec!["submit", path(&rusher), "--name", "rusher", "--server", &url];
        args.extend_from_slice(extra);
        arena(dir.path(), &args)
    };

    let none = submit(&["--author", "ada"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stderr(&none).contains("this server needs a token: pass --token TOKEN"), "{}", stderr(&none));
    let wrong = submit(&["--author", "ada", "--token", "0123456789abcdef0123456789abcdef"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("the token is not valid on this server"), "{}", stderr(&wrong));
    let other = submit(&["--author", "bob", "--token", token_of(&tokens, "ada")]);
    assert_eq!(other.status.code(), Some(1));
    assert!(
        stderr(&other).contains("your token is for the author `ada`, so it cannot submit as `bob`: pass --author ada"),
        "{}",
        stderr(&other)
    );
    let own = submit(&["--author", "ada", "--token", token_of(&tokens, "ada")]);
    assert!(own.status.success(), "{}{}", stdout(&own), stderr(&own));
    assert!(stdout(&own).contains("submitted rusher version 1 by ada"), "{}", stdout(&own));
    // The name is ada's now.
    let taken = arena(
        dir.path(),
        &[
            "submit",
            path(&rusher),
            "--name",
            "rusher",
            "--author",
            "bob",
            "--server",
            &url,
            "--token",
            token_of(&tokens, "bob"),
        ],
    );
    assert!(
        stderr(&taken).contains("the name `rusher` is already taken by ada; choose another name"),
        "{}",
        stderr(&taken)
    );

    // Only the organiser closes; then nothing more is accepted and the
    // registry is locked.
    let refused = server.client(Some(token_of(&tokens, "bob"))).close_submissions().unwrap_err();
    assert!(refused.to_string().contains("only the organiser's token"), "{refused}");
    let closed = server.client(Some(token_of(&tokens, "@admin"))).close_submissions().unwrap();
    assert!(closed.closed && closed.locked);
    let late = submit(&["--author", "ada", "--token", token_of(&tokens, "ada")]);
    assert_eq!(late.status.code(), Some(1));
    assert!(stderr(&late).contains("submissions are closed"), "{}", stderr(&late));
    assert!(Registry::open(&registry).unwrap().index().unwrap().locked);
    let list = arena(dir.path(), &["bots", "--server", &url]);
    assert!(stdout(&list).contains("submissions are closed (the registry is locked)"), "{}", stdout(&list));
    assert!(!server.client(None).health().unwrap().submissions_open);
    server.wait_err(|l| l.contains("submissions closed (the organiser closed them)"));
}

#[test]
fn the_rate_limit_holds_per_token() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.txt");
    assert!(arena(dir.path(), &["tokens", "new", "--count", "2", "--out", path(&file)]).status.success());
    let tokens = read_tokens(&file);
    let server = Served::start(dir.path(), &dir.path().join("reg"), &["--tokens", path(&file), "--rate-limit", "2"]);
    let (one, two) =
        (server.client(Some(token_of(&tokens, "player-01"))), server.client(Some(token_of(&tokens, "player-02"))));
    // Cheap attempts (not wasm) count as much as real ones.
    for _ in 0..2 {
        let e = one.submit("x", "player-01", b"not wasm", None).unwrap_err().to_string();
        assert!(e.contains("not a WebAssembly file"), "{e}");
    }
    let limited = one.submit("x", "player-01", b"not wasm", None).unwrap_err().to_string();
    assert!(
        limited.contains("too many submissions: at most 2 a minute for each participant; try again in"),
        "{limited}"
    );
    let e = two.submit("y", "player-02", b"not wasm", None).unwrap_err().to_string();
    assert!(e.contains("not a WebAssembly file"), "another participant is not held back: {e}");
}

#[test]
fn a_past_deadline_or_one_that_passes_closes_submissions_and_locks_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let past = dir.path().join("past");
    let server = Served::start(dir.path(), &past, &["--close-at", "2001-01-01T00:00:00Z"]);
    let out =
        arena(dir.path(), &["submit", path(&bot("rusher")), "--name", "r", "--author", "ada", "--server", &server.url]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("submissions are closed (the deadline was 2001-01-01T00:00:00Z)"),
        "{}",
        stderr(&out)
    );
    drop(server);

    // A deadline a few seconds away: the server closes by itself.
    let soon = dir.path().join("soon");
    let close_at = rfc3339(arena_server::time::unix_now() + 3);
    let mut server = Served::start(dir.path(), &soon, &["--close-at", &close_at]);
    assert!(server.client(None).health().unwrap().close_at.is_some());
    server.wait_err(|l| l.contains(&format!("submissions closed (the deadline {close_at} has passed)")));
    assert!(Registry::open(&soon).unwrap().index().unwrap().locked);
    let e = server.client(None).submit("r", "ada", &std::fs::read(bot("rusher")).unwrap(), None).unwrap_err();
    assert!(e.to_string().contains("submissions are closed"), "{e}");
}

/// Unix seconds as RFC 3339 UTC.
fn rfc3339(unix: i64) -> String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[test]
fn fifty_concurrent_submissions_all_land_exactly_once() {
    const N: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.txt");
    assert!(arena(dir.path(), &["tokens", "new", "--count", "50", "--out", path(&file)]).status.success());
    let tokens = read_tokens(&file);
    let registry = dir.path().join("reg");
    let server = Served::start(dir.path(), &registry, &["--tokens", path(&file)]);
    let wasm = Arc::new(std::fs::read(bot("rusher")).unwrap());
    let barrier = Arc::new(Barrier::new(N));
    // Submissions answered so far, and a signal for each.
    let answered = Arc::new((Mutex::new(0usize), Condvar::new()));
    let start = Instant::now();
    let answers: Vec<(SubmitAnswer, Duration)> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..=N)
            .map(|i| {
                let handle = format!("player-{i:02}");
                let client = server.client(Some(token_of(&tokens, &handle)));
                let (wasm, barrier, answered) = (wasm.clone(), barrier.clone(), answered.clone());
                s.spawn(move || {
                    barrier.wait();
                    let t = Instant::now();
                    // One address may have 32 uploads in flight; on a busy
                    // machine 50 clients can overlap that much, and the
                    // server then asks them to come back. A refused client
                    // waits until another is answered (its upload, and so
                    // its place, is done), then tries again.
                    let answer = loop {
                        let seen = *answered.0.lock().unwrap();
                        match client.submit(&format!("bot-{i:02}"), &handle, &wasm, None) {
                            Err(ClientError::Refused { status: 429, message })
                                if message.contains("uploads in progress") =>
                            {
                                let (count, freed) = &*answered;
                                let (_guard, waited) =
                                    freed.wait_timeout_while(count.lock().unwrap(), PATIENCE, |n| *n == seen).unwrap();
                                assert!(!waited.timed_out(), "refused, and no other submission was answered");
                            }
                            other => break other.unwrap(),
                        }
                    };
                    let (count, freed) = &*answered;
                    *count.lock().unwrap() += 1;
                    freed.notify_all();
                    (answer, t.elapsed())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = start.elapsed();
    assert!(elapsed < PATIENCE, "50 submissions took {elapsed:?}");
    assert!(
        answers.iter().any(|(a, _)| a.queued_ms > 0),
        "with more submissions than workers, some waited for a worker"
    );
    for (a, _) in &answers {
        assert!(a.passed, "{a:?}");
        assert_eq!(a.stored.as_ref().unwrap().version, 1, "{a:?}");
    }
    let index = Registry::open(&registry).unwrap().index().unwrap();
    assert_eq!(index.entrants.len(), N);
    assert_eq!(index.entrants.iter().map(|e| e.versions.len()).sum::<usize>(), N, "each exactly once");
    for i in 1..=N {
        let e = index.entrant(&format!("bot-{i:02}")).unwrap();
        assert_eq!((e.author.as_str(), e.versions.len()), (format!("player-{i:02}").as_str(), 1));
    }
    assert_eq!(server.client(None).bots().unwrap(), index, "the server lists what is on disk");

    let mut waits: Vec<f64> = answers.iter().map(|(a, _)| a.waited_ms as f64 / 1000.0).collect();
    waits.sort_by(f64::total_cmp);
    let mut walls: Vec<f64> = answers.iter().map(|(_, d)| d.as_secs_f64()).collect();
    walls.sort_by(f64::total_cmp);
    let workers = server.client(None).health().unwrap().workers;
    println!(
        "load: {N} concurrent submissions in {:.2} s = {:.1} submissions/s ({workers} validation workers); \
         wait reported by the server: p50 {:.2} s, p95 {:.2} s, max {:.2} s; seen by the clients: p95 {:.2} s",
        elapsed.as_secs_f64(),
        N as f64 / elapsed.as_secs_f64(),
        percentile(&waits, 50.0),
        percentile(&waits, 95.0),
        percentile(&waits, 100.0),
        percentile(&walls, 95.0),
    );
}

#[test]
fn a_server_killed_during_a_burst_loses_nothing_it_acknowledged() {
    const N: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("reg");
    let mut server = Served::start(dir.path(), &registry, &["--rate-limit", "0"]);
    let wasm = Arc::new(std::fs::read(bot("rusher")).unwrap());
    let (tx, rx) = channel();
    let submitters: Vec<_> = (0..N)
        .map(|i| {
            let (client, wasm, tx) = (server.client(None), wasm.clone(), tx.clone());
            std::thread::spawn(move || {
                let name = format!("k-{i:02}");
                let result = client.submit(&name, "ada", &wasm, None);
                let _ = tx.send((name, result.map_err(|e| e.to_string())));
            })
        })
        .collect();
    drop(tx);
    // Kill it (SIGKILL: no chance to tidy up) once a few are acknowledged
    // and the rest are queued or being written.
    let mut acknowledged = Vec::new();
    let mut refused = Vec::new();
    while acknowledged.len() < 3 {
        let (name, result) = rx.recv_timeout(PATIENCE).expect("the first submissions are answered");
        match result {
            Ok(a) if a.passed => acknowledged.push((name, a.stored.unwrap())),
            other => refused.push((name, other)),
        }
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    for (name, result) in rx.iter() {
        if let Ok(a) = result
            && a.passed
        {
            acknowledged.push((name, a.stored.unwrap()));
        }
    }
    for s in submitters {
        s.join().unwrap();
    }
    assert!(refused.is_empty(), "{refused:?}");
    assert!(acknowledged.len() < N, "the kill came during the burst");

    // The index parses, holds every acknowledged submission, and every
    // entry in it is whole.
    let reg = Registry::open(&registry).unwrap();
    let index = reg.index().unwrap();
    for (name, stored) in &acknowledged {
        let (e, v) = index.find(name).unwrap_or_else(|| panic!("{name} was acknowledged but is not in the index"));
        assert_eq!((e.versions.len(), v.version, &v.sha256), (1, stored.version, &stored.sha256));
    }
    for e in &index.entrants {
        assert_eq!(e.versions.len(), 1, "{} is there once", e.name);
        let v = &e.versions[0];
        assert_eq!(std::fs::read(reg.path_of(&v.wasm)).unwrap(), *wasm, "{}: the wasm is whole", e.name);
        let replay = std::fs::read(reg.path_of(v.validation_replay.as_ref().unwrap())).unwrap();
        Replay::from_bytes(&replay).unwrap();
    }

    // Restarted, it serves the same registry and takes submissions again.
    let again = Served::start(dir.path(), &registry, &["--rate-limit", "0"]);
    assert_eq!(again.client(None).bots().unwrap(), index);
    let more = again.client(None).submit("after", "ada", &wasm, None).unwrap();
    assert!(more.passed);
    println!(
        "killed after {} of {N} acknowledged; the restarted server has {} entrants",
        acknowledged.len(),
        index.entrants.len()
    );
}

#[test]
fn bad_uploads_are_refused_with_their_reason_and_the_server_stays_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Served::start(dir.path(), &dir.path().join("reg"), &["--rate-limit", "0"]);
    let addr = server.addr.clone();
    let rusher = std::fs::read(bot("rusher")).unwrap();

    // An empty body.
    let (status, body) = http(
        &addr,
        b"POST /api/v1/submissions?name=x&author=ada HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    );
    assert_eq!(status, 400, "{body}");
    assert!(error_of(&body).contains("the upload is empty"), "{body}");
    assert!(server.is_up());

    // 1 GB, announced: refused from its length, before a byte of it is read.
    let head = "POST /api/v1/submissions?name=big&author=ada HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\
                Content-Type: application/wasm\r\nContent-Length: 1073741824\r\n\r\n";
    let ((status, body), sent) = stream_upload(&addr, head, 1 << 30, false);
    assert_eq!(status, 413, "{body}");
    assert!(error_of(&body).contains("the upload is 1073741824 bytes, over this server's cap"), "{body}");
    assert!(sent < 1 << 30, "the server stopped the upload ({sent} bytes went out)");
    println!("1 GB announced: refused after {sent} bytes went out");
    assert!(server.is_up());

    // 1 GB, chunked (no length): read up to the cap, no further.
    let head = "POST /api/v1/submissions?name=big&author=ada HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\
                Content-Type: application/wasm\r\nTransfer-Encoding: chunked\r\n\r\n";
    let ((status, body), sent) = stream_upload(&addr, head, 1 << 30, true);
    assert_eq!(status, 413, "{body}");
    assert!(error_of(&body).contains("the bot is over the module size cap of"), "{body}");
    assert!(sent < 1 << 30, "the server stopped the upload ({sent} bytes went out)");
    println!("1 GB chunked: refused after {sent} bytes went out");
    assert!(server.is_up());

    // Not a wasm file, through the CLI.
    let notes = dir.path().join("notes.wasm");
    std::fs::write(&notes, "these are my notes, not a bot").unwrap();
    let out =
        arena(dir.path(), &["submit", path(&notes), "--name", "notes", "--author", "ada", "--server", &server.url]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the upload is not a WebAssembly file"), "{}", stderr(&out));

    // A component of the wrong world: validation's first check says so.
    let out = arena(
        dir.path(),
        &["submit", path(&bot("wrong-world")), "--name", "ww", "--author", "ada", "--server", &server.url],
    );
    assert_eq!(out.status.code(), Some(1));
    let checks = check_lines(&stdout(&out));
    assert_eq!(checks.len(), 1, "{}", stdout(&out));
    assert!(checks[0].starts_with("FAIL 1. it is a component of the `fighter` world:"), "{checks:?}");
    assert!(stderr(&out).contains("error: ww was not submitted"), "{}", stderr(&out));

    // Names with path separators or control characters.
    for (name, reason) in
        [("../../etc/passwd", "it contains `/`"), ("bad\u{1b}[31mname", "it contains control characters")]
    {
        let (status, body) = http(
            &addr,
            &form_request(&[
                ("name", None, name.as_bytes()),
                ("author", None, b"ada"),
                ("wasm", Some("b.wasm"), &rusher),
            ]),
        );
        assert_eq!(status, 400, "{body}");
        assert!(error_of(&body).contains(reason), "{body}");
    }
    let (status, body) = http(
        &addr,
        &form_request(&[("name", None, b"ok"), ("author", None, b"a\\b"), ("wasm", Some("b.wasm"), &rusher)]),
    );
    assert_eq!(status, 400, "{body}");
    assert!(error_of(&body).contains("author `a\\\\b` is not allowed"), "{body}");

    // A huge avatar.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(3 << 20, 0);
    let (status, body) = http(
        &addr,
        &form_request(&[
            ("name", None, b"pic"),
            ("author", None, b"ada"),
            ("wasm", Some("b.wasm"), &rusher),
            ("avatar", Some("a.png"), &png),
        ]),
    );
    assert_eq!(status, 413, "{body}");
    assert!(error_of(&body).contains("the avatar is over the cap of 1048576 bytes"), "{body}");

    // A form without its file, a stranger field, an unknown endpoint.
    let (status, body) = http(&addr, &form_request(&[("name", None, b"x"), ("author", None, b"ada")]));
    assert_eq!(status, 400);
    assert!(error_of(&body).contains("the form has no `wasm` field"), "{body}");
    let (status, body) =
        http(&addr, &form_request(&[("name", None, b"x"), ("author", None, b"ada"), ("exe", None, b"1")]));
    assert_eq!(status, 400);
    assert!(error_of(&body).contains("a field `exe` this server does not know"), "{body}");
    let (status, body) = http(&addr, b"GET /api/v1/nothing HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 404);
    assert!(error_of(&body).contains("GET /api/v1 lists the endpoints"), "{body}");

    // An upload that stalls is cut off by the upload timeout.
    let slow = Served::start(dir.path(), &dir.path().join("slow"), &["--upload-timeout", "2", "--upload-memory", "1"]);
    let mut stalled = TcpStream::connect(&slow.addr).unwrap();
    stalled.set_read_timeout(Some(PATIENCE)).unwrap();
    stalled
        .write_all(b"POST /api/v1/submissions?name=s&author=ada HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: 1000\r\n\r\n\0asm")
        .unwrap();
    let mut buf = Vec::new();
    let _ = stalled.read_to_end(&mut buf);
    let (status, body) = parse_answer(&buf);
    assert_eq!(status, 408, "{body}");
    assert!(error_of(&body).contains("the upload took longer than 2 s"), "{body}");
    assert!(slow.is_up());

    // Uploads in memory are bounded (here by one upload at the cap): while
    // one big upload holds the room, another waits (1 s, half the upload
    // timeout), then hears "busy".
    let head = |len: u64| {
        format!(
            "POST /api/v1/submissions?name=m&author=ada HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\
             Expect: 100-continue\r\nContent-Length: {len}\r\n\r\n"
        )
    };
    let mut first = TcpStream::connect(&slow.addr).unwrap();
    first.set_read_timeout(Some(PATIENCE)).unwrap();
    first.write_all(head(60 << 20).as_bytes()).unwrap();
    let mut continued = [0u8; 25];
    first.read_exact(&mut continued).unwrap();
    assert_eq!(&continued, b"HTTP/1.1 100 Continue\r\n\r\n", "the first upload has its room and may start");
    let (status, body) = http(&slow.addr, head(10 << 20).as_bytes());
    assert_eq!(status, 503, "{body}");
    assert!(error_of(&body).contains("the server is busy receiving other uploads; try again in a minute"), "{body}");
    let mut buf = Vec::new();
    let _ = first.read_to_end(&mut buf);
    assert_eq!(parse_answer(&buf).0, 408, "the first upload never came");
    assert!(slow.is_up());

    // Still up, nothing stored, and still taking good bots.
    assert!(server.is_up());
    assert!(server.client(None).bots().unwrap().entrants.is_empty());
    let ok = server.client(None).submit("fine", "ada", &rusher, None).unwrap();
    assert!(ok.passed, "{ok:?}");
    server.wait_err(|l| l.contains("submit: stored fine version 1 by ada"));
}

#[test]
fn a_full_queue_answers_busy_and_takes_submissions_again_once_it_drains() {
    let dir = tempfile::tempdir().unwrap();
    let server = Served::start(
        dir.path(),
        &dir.path().join("reg"),
        &["--workers", "1", "--queue", "0", "--upload-timeout", "3", "--rate-limit", "0"],
    );
    let rusher = std::fs::read(bot("rusher")).unwrap();

    // One submission in progress fills a server of one worker and no queue.
    let mut first = TcpStream::connect(&server.addr).unwrap();
    first.set_read_timeout(Some(PATIENCE)).unwrap();
    first
        .write_all(
            b"POST /api/v1/submissions?name=first&author=ada HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\
              Expect: 100-continue\r\nContent-Length: 1000\r\n\r\n",
        )
        .unwrap();
    let mut continued = [0u8; 25];
    first.read_exact(&mut continued).unwrap();
    assert_eq!(&continued, b"HTTP/1.1 100 Continue\r\n\r\n");

    let (status, body) = http(
        &server.addr,
        &form_request(&[("name", None, b"second"), ("author", None, b"bob"), ("wasm", Some("b.wasm"), &rusher)]),
    );
    assert_eq!(status, 503, "{body}");
    assert!(
        error_of(&body).contains(
            "the server is busy: 1 submissions are being received, validated or waiting; try again in a minute"
        ),
        "{body}"
    );

    // The stalled upload times out; its place is free again.
    let mut buf = Vec::new();
    let _ = first.read_to_end(&mut buf);
    assert_eq!(parse_answer(&buf).0, 408);
    let ok = server.client(None).submit("second", "bob", &rusher, None).unwrap();
    assert!(ok.passed, "{ok:?}");
    let names: Vec<_> = server.client(None).bots().unwrap().entrants.into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["second"]);
}

/// Every hostile bot's validation comes back (fuel bounds each one, and the
/// wall-clock backstop bounds anything fuel misses), so the workers are
/// never held and a deadline that passes meanwhile still locks the registry.
#[test]
fn hostile_bots_are_validated_in_bounded_time_and_the_deadline_still_locks() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("reg");
    let close_at = rfc3339(arena_server::time::unix_now() + 6);
    let mut server = Served::start(
        dir.path(),
        &registry,
        &["--close-at", &close_at, "--workers", "2", "--rate-limit", "0", "--backstop", "3"],
    );
    let hostile = [
        "random-flood",
        "stream-flood",
        "poll-flood",
        "clock-spin",
        "init-flood",
        "handle-flood",
        "many-memories",
        "many-tables",
        "infinite-loop",
    ];
    let answers: Vec<(&str, Result<SubmitAnswer, String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = hostile
            .iter()
            .map(|name| {
                let client = server.client(None);
                s.spawn(move || {
                    let wasm = std::fs::read(bot(name)).unwrap();
                    (*name, client.submit(name, "mallory", &wasm, None).map_err(|e| e.to_string()))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (name, answer) in answers {
        match answer {
            Ok(a) => assert!(!a.passed, "{name} must not pass: {a:?}"),
            // Submissions that arrive after the deadline are refused.
            Err(e) => assert!(e.contains("submissions are closed"), "{name}: {e}"),
        }
    }
    server.wait_err(|l| l.contains(&format!("submissions closed (the deadline {close_at} has passed)")));
    assert!(Registry::open(&registry).unwrap().index().unwrap().locked);
    assert!(server.is_up());
}

/// A client that opens many slow uploads (a large Content-Length, one byte
/// sent) holds at most a few of them; the rest are answered and closed at
/// once, so the server keeps answering everyone else.
#[test]
fn health_answers_quickly_beside_1500_slow_uploads_from_one_address() {
    let dir = tempfile::tempdir().unwrap();
    let server = Served::start(dir.path(), &dir.path().join("reg"), &["--rate-limit", "0"]);
    let mut slow = Vec::new();
    for _ in 0..1500 {
        let mut s = TcpStream::connect(&server.addr).unwrap();
        s.write_all(
            b"POST /api/v1/submissions?name=slow&author=ada HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\nx",
        )
        .unwrap();
        slow.push(s);
    }
    // Most are refused with a clear answer and closed.
    let mut refused = 0;
    for s in slow.iter_mut().rev().take(20) {
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        let (status, body) = parse_answer(&buf);
        if status == 429 {
            assert!(error_of(&body).contains("uploads in progress"), "{body}");
            refused += 1;
        }
    }
    assert_eq!(refused, 20, "the last uploads of the burst are refused");
    for _ in 0..5 {
        let asked = Instant::now();
        assert!(server.is_up());
        let took = asked.elapsed();
        assert!(took < Duration::from_secs(1), "health took {took:?} beside the slow uploads");
    }
    drop(slow);
}
