//! Whole tournaments with the example bots of `cargo xtask bots`.

use std::path::{Path, PathBuf};

use arena_runner::{RESULTS_FILE, RunOptions, TournamentFile, run};
use arena_tournament::{MatchStatus, TieBreak};

fn bots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bots");
    assert!(dir.join("rusher.wasm").exists(), "target/bots is missing: run `cargo xtask bots` first");
    dir
}

/// A tournament file over the Rust example bots, written into `out`.
fn tournament(out: &Path, format: &str, bots: &[&str]) -> TournamentFile {
    let bots_dir = bots_dir();
    let mut text =
        format!("name = \"Test\"\noutput = {:?}\nseed = 7\nbest_of = 3\n{format}\n", out.display().to_string());
    for b in bots {
        text.push_str(&format!(
            "[[entrants]]\nwasm = {:?}\n",
            bots_dir.join(format!("{b}.wasm")).display().to_string()
        ));
    }
    TournamentFile::parse(&text, out).unwrap()
}

fn options(threads: usize, cache: &Path) -> RunOptions {
    RunOptions { threads, progress: false, cache_dir: Some(cache.to_owned()), backstop: None }
}

const FIELD: &[&str] = &["champion", "zoner", "rusher", "turtle", "random", "dummy"];

#[test]
fn results_are_byte_identical_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let format = "[format]\ntype = \"double-elimination\"";
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    let a = run(&tournament(&one, format, FIELD), &options(1, &cache)).unwrap();
    let b = run(&tournament(&two, format, FIELD), &options(2, &cache)).unwrap();
    assert!(a.tournament.is_finished());
    assert_eq!(a.games_played, b.games_played);
    let results = |dir: &Path| std::fs::read(dir.join(RESULTS_FILE)).unwrap();
    assert_eq!(results(&one), results(&two), "results.json must not depend on --threads");
    // And every replay of the run is the same bytes, the fuel each bot
    // spent on each tick included.
    for entry in std::fs::read_dir(one.join("replays")).unwrap() {
        let name = entry.unwrap().file_name();
        let bytes = std::fs::read(one.join("replays").join(&name)).unwrap();
        assert_eq!(bytes, std::fs::read(two.join("replays").join(&name)).unwrap(), "{name:?}");
        let replay = arena_sim::Replay::from_bytes(&bytes).unwrap();
        for side in arena_sim::Side::BOTH {
            assert!(replay.fuel(side).is_some_and(|f| f.peak > 0), "{name:?}: no fuel recorded for the {side} bot");
        }
    }
    let state = arena_live::read(&one).unwrap();
    assert!(state.finished);
    assert_eq!(state.games.values().map(Vec::len).sum::<usize>() as u64, a.games_played);
}

#[test]
fn an_interrupted_run_resumes_and_ends_with_the_same_results() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let format = "[format]\ntype = \"round-robin\"";
    let clean = tmp.path().join("clean");
    let full = run(&tournament(&clean, format, FIELD), &options(2, &cache)).unwrap();

    // An interrupted run: some replays written, one cut short mid-write, no
    // results yet.
    let resumed = tmp.path().join("resumed");
    std::fs::create_dir_all(&resumed).unwrap();
    let mut replays: Vec<PathBuf> =
        std::fs::read_dir(clean.join("replays")).unwrap().map(|e| e.unwrap().path()).collect();
    replays.sort();
    std::fs::create_dir_all(resumed.join("replays")).unwrap();
    let kept = replays.len() / 2;
    for path in &replays[..kept] {
        std::fs::copy(path, resumed.join("replays").join(path.file_name().unwrap())).unwrap();
    }
    let torn = &replays[kept];
    let bytes = std::fs::read(torn).unwrap();
    std::fs::write(resumed.join("replays").join(torn.file_name().unwrap()), &bytes[..bytes.len() / 3]).unwrap();

    let again = run(&tournament(&resumed, format, FIELD), &options(2, &cache)).unwrap();
    assert_eq!(again.games_reused, kept as u64, "every whole replay is reused");
    assert_eq!(again.games_played, full.games_played - kept as u64, "the torn one is played again");
    assert_eq!(std::fs::read(clean.join(RESULTS_FILE)).unwrap(), std::fs::read(resumed.join(RESULTS_FILE)).unwrap());
}

#[test]
fn a_drawn_series_never_eliminates_both() {
    // Two copies of the same deterministic bot mirror each other exactly:
    // every game is drawn, and the tie-breaks must still pick one.
    let tmp = tempfile::tempdir().unwrap();
    let bots = bots_dir();
    let text = format!(
        "name = \"Mirror\"\noutput = \"out\"\nseed = 3\nbest_of = 1\n[format]\ntype = \"single-elimination\"\n[[entrants]]\nwasm = {:?}\ncopies = 2\n",
        bots.join("rusher.wasm").display().to_string()
    );
    let file = TournamentFile::parse(&text, tmp.path()).unwrap();
    let report = run(&file, &options(1, &tmp.path().join("cache"))).unwrap();
    let finals: Vec<_> = report.tournament.matches().iter().filter(|m| m.status == MatchStatus::Finished).collect();
    assert_eq!(finals.len(), 1);
    let m = finals[0];
    assert!(m.winner.is_some() && m.loser.is_some() && m.winner != m.loser);
    assert_eq!(m.tie_break(), Some(TieBreak::Coin), "mirror bots tie on hit points, damage and sudden death");
    let top = &report.tournament.standings().rows;
    assert_eq!(top.iter().filter(|s| s.place == 1).count(), 1, "exactly one winner");
}

#[test]
fn show_draws_the_bracket_and_standings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(
        &tournament(&out, "[format]\ntype = \"single-elimination\"", &FIELD[..4]),
        &options(2, &tmp.path().join("cache")),
    )
    .unwrap();
    let text = arena_runner::render(&arena_live::read(&out).unwrap());
    assert!(text.starts_with("Test (finished)"), "{text}");
    assert!(text.contains("Semi-final") && text.contains("Final"), "{text}");
    assert!(text.contains("Final standings"), "{text}");
    for b in &FIELD[..4] {
        assert!(text.contains(b), "{b} should be shown:\n{text}");
    }
}

#[test]
fn a_failed_write_stops_the_run_with_a_clear_error_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let format = "[format]\ntype = \"round-robin\"";
    let field = &FIELD[..4];
    let clean = tmp.path().join("clean");
    run(&tournament(&clean, format, field), &options(1, &cache)).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(clean.join("replays")).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();

    // A replay that cannot be written, as on a full disk: a non-empty
    // directory stands where the file must go.
    let broken = tmp.path().join("broken");
    let blocked = broken.join("replays").join(&names[names.len() / 2]);
    std::fs::create_dir_all(blocked.join("in-the-way")).unwrap();
    let err = run(&tournament(&broken, format, field), &options(1, &cache)).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("cannot write") && message.contains(&*names[names.len() / 2].to_string_lossy()),
        "{message}"
    );
    let state = arena_live::read(&broken).expect("the live state written so far stays readable");
    assert!(!state.finished);
    assert!(!broken.join(RESULTS_FILE).exists());

    // Make room, run again: it resumes, and ends as a clean run does.
    std::fs::remove_dir_all(&blocked).unwrap();
    let resumed = run(&tournament(&broken, format, field), &options(1, &cache)).unwrap();
    assert!(resumed.games_reused > 0, "the games written before the failure are reused");
    assert_eq!(std::fs::read(clean.join(RESULTS_FILE)).unwrap(), std::fs::read(broken.join(RESULTS_FILE)).unwrap());
}

/// Hostile bots that are hungry for the host's memory, instances and work
/// play beside ordinary ones, at 1, 2 and 16 threads: nothing they do
/// reaches another match, so the results are the same bytes, and no
/// ordinary bot ever faults.
#[test]
fn hostile_bots_change_nothing_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    // Small budgets keep the flooding bots' matches short.
    let format = "[format]\ntype = \"round-robin\"\n[rules.limits]\ntick_fuel = 300000\nmax_think_ticks = 4\ninit_fuel = 30000000";
    let field = [
        "rusher",
        "zoner",
        "random",
        "hostile/pool-hungry",
        "hostile/many-memories",
        "hostile/random-flood",
        "hostile/stream-flood",
        "hostile/clock-spin",
    ];
    let file = |dir: &Path| {
        let mut text =
            format!("name = \"Hostile\"\noutput = {:?}\nseed = 9\nbest_of = 1\n{format}\n", dir.display().to_string());
        for b in field {
            let copies = if b == "hostile/pool-hungry" { 3 } else { 1 };
            text.push_str(&format!(
                "[[entrants]]\nwasm = {:?}\ncopies = {copies}\n",
                bots_dir().join(format!("{b}.wasm")).display().to_string()
            ));
        }
        TournamentFile::parse(&text, dir).unwrap()
    };
    let mut results = Vec::new();
    for threads in [1, 2, 16] {
        let dir = tmp.path().join(format!("t{threads}"));
        let report = run(&file(&dir), &options(threads, &cache)).unwrap();
        assert!(report.tournament.is_finished());
        results.push(std::fs::read(dir.join(RESULTS_FILE)).unwrap());
        if threads == 16 {
            let ordinary = |bot: &str| ["rusher", "zoner", "random"].contains(&bot) || bot.starts_with("pool-hungry");
            for entry in std::fs::read_dir(dir.join("replays")).unwrap() {
                let bytes = std::fs::read(entry.unwrap().path()).unwrap();
                let replay = arena_sim::Replay::from_bytes(&bytes).unwrap();
                for fault in &replay.faults {
                    let bot = &replay.bots[fault.side.index()].name;
                    assert!(!ordinary(bot), "{bot} faulted: {} ({})", fault.message, fault.kind);
                }
            }
        }
    }
    assert_eq!(results[0], results[1], "results.json must not depend on --threads (1 vs 2)");
    assert_eq!(results[0], results[2], "results.json must not depend on --threads (1 vs 16)");
}

/// A `state.json` that names an entrant that does not exist (damaged or
/// crafted) is refused with a message when read, and `show` never panics.
#[test]
fn a_state_naming_a_missing_entrant_is_refused_when_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("t");
    run(
        &tournament(&dir, "[format]\ntype = \"single-elimination\"", &["rusher", "dummy"]),
        &options(1, &tmp.path().join("cache")),
    )
    .unwrap();
    let path = dir.join(arena_live::STATE_FILE);
    let mut state: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let matches = state["tournament"]["matches"].as_array_mut().unwrap();
    let finished = matches.iter_mut().find(|m| !m["winner"].is_null()).expect("a finished match");
    finished["winner"] = serde_json::json!(99);
    std::fs::write(&path, serde_json::to_vec(&state).unwrap()).unwrap();
    let err = arena_live::read(&dir).unwrap_err().to_string();
    assert!(err.contains("names entrant 99, but there are only 2"), "{err}");
}

/// Two runs on one output directory would interleave: the second is refused
/// with a message naming the first.
#[test]
fn a_second_run_on_the_same_directory_is_refused_naming_the_first() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("t");
    std::fs::create_dir_all(&dir).unwrap();
    let mut held = std::fs::File::create(dir.join(arena_runner::LOCK_FILE)).unwrap();
    held.lock().unwrap();
    held.write_all(b"`arena tournament run` (process 4242)\n").unwrap();
    let file = tournament(&dir, "[format]\ntype = \"single-elimination\"", &["rusher", "dummy"]);
    let err = run(&file, &options(1, &tmp.path().join("cache"))).unwrap_err().to_string();
    assert!(err.contains("is in use by `arena tournament run` (process 4242)"), "{err}");
    drop(held);
    run(&file, &options(1, &tmp.path().join("cache"))).unwrap();
}
