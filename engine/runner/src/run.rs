//! Running a tournament: every ready match on the thread pool as soon as
//! both its entrants are known, results fed back in, the live state
//! rewritten after each match.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;

use arena_live::{GameFile, LiveBot, LiveState, STATE_FORMAT};
use arena_registry::{replace_file, write_atomic};
use arena_runtime::{BotProgram, Contestant, Runtime, engine_version};
use arena_sim::{Replay, Rules};
use arena_tournament::{GameRequest, Series, Tournament};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::error::RunnerError;
use arena_tournament_file::TournamentFile;

/// The file name of the final results in the output directory.
pub const RESULTS_FILE: &str = "results.json";

/// How to run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Worker threads; 0 uses every core.
    pub threads: usize,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// Where compiled bots are cached; `None` compiles every time.
    pub cache_dir: Option<PathBuf>,
    /// The wall-clock backstop of one match ([`arena_runtime::DEFAULT_BACKSTOP`]
    /// if `None`): a match past it stops the run with an error naming the
    /// bot; it never decides a result.
    pub backstop: Option<std::time::Duration>,
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct RunReport {
    /// The output directory.
    pub output: PathBuf,
    /// The final tournament state.
    pub tournament: Tournament,
    /// Games played in this run.
    pub games_played: u64,
    /// Games taken from the replays of an earlier, interrupted run.
    pub games_reused: u64,
    /// Bots compiled (not found in the compile cache) in this run.
    pub bots_compiled: u64,
}

/// `results.json`: everything about the finished tournament, and nothing
/// that depends on when or how fast it ran, so two runs compare byte for byte.
#[derive(Serialize)]
struct ResultsFile<'a> {
    format: u32,
    name: &'a str,
    engine: String,
    rules_hash: String,
    tournament: &'a Tournament,
    games: &'a BTreeMap<String, Vec<GameFile>>,
}

/// Everything a worker needs, shared by all of them.
struct Shared {
    runtime: Runtime,
    rules: Rules,
    output: PathBuf,
    /// By entrant index (seed order).
    programs: Vec<BotProgram>,
}

/// What a worker sends back for one match.
struct MatchDone {
    id: String,
    outcome: Result<(Series, Vec<GameFile>, u64, u64), RunnerError>,
}

/// What plays one match: [`play_series`], or in tests one that fails.
type PlaySeries = fn(&Shared, Series) -> Result<(Series, Vec<GameFile>, u64, u64), RunnerError>;

/// Runs (or resumes) the tournament of `file`.
pub fn run(file: &TournamentFile, options: &RunOptions) -> Result<RunReport, RunnerError> {
    run_with(file, options, play_series)
}

fn run_with(file: &TournamentFile, options: &RunOptions, play: PlaySeries) -> Result<RunReport, RunnerError> {
    let output = file.output.clone();
    let io = |action, path: &Path| {
        let path = path.to_owned();
        move |source| RunnerError::Io { action, path, source }
    };
    std::fs::create_dir_all(output.join("replays")).map_err(io("cannot create", &output.join("replays")))?;
    let _lock = lock_output(&output)?;

    let runtime = Runtime::new(&file.rules.limits, options.cache_dir.clone())?
        .with_backstop(options.backstop.unwrap_or(arena_runtime::DEFAULT_BACKSTOP));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| RunnerError::Conflict(format!("cannot start the worker threads: {e}")))?;

    let tournament = Tournament::new(file.config.clone(), file.entrants.iter().map(|e| e.entrant.clone()).collect())?;

    // Compile each distinct bot once, in parallel; copies share it.
    let by_id: HashMap<&str, &arena_tournament_file::EntrantSpec> =
        file.entrants.iter().map(|e| (e.entrant.id.as_str(), e)).collect();
    let mut wasm_paths: Vec<&Path> = file.entrants.iter().map(|e| e.wasm.as_path()).collect();
    wasm_paths.sort();
    wasm_paths.dedup();
    let compiled: HashMap<&Path, BotProgram> = pool.install(|| {
        wasm_paths
            .par_iter()
            .map(|path| {
                let program = runtime.load_file(path, "", "").map_err(|source| RunnerError::Bot {
                    entrant: by_id
                        .values()
                        .find(|e| e.wasm == *path)
                        .map_or_else(String::new, |e| e.entrant.name.clone()),
                    path: path.to_path_buf(),
                    source,
                })?;
                Ok((*path, program))
            })
            .collect::<Result<_, RunnerError>>()
    })?;
    let mut programs = Vec::new();
    let mut bots = Vec::new();
    for entrant in tournament.entrants() {
        let spec = by_id[entrant.id.as_str()];
        let mut program = compiled[spec.wasm.as_path()].clone();
        program.identity.name = entrant.name.clone();
        program.identity.author = entrant.author.clone().unwrap_or_else(|| "unknown".to_owned());
        let avatar = match &spec.avatar {
            Some(path) => Some(copy_avatar(&output, path)?),
            None => None,
        };
        bots.push(LiveBot { sha256: program.identity.sha256.clone(), avatar });
        programs.push(program);
    }
    let bots_compiled = runtime.compiled_count();
    let shared = Arc::new(Shared { runtime, rules: file.rules.clone(), output: output.clone(), programs });

    // The thread that owns the tournament owns it inside the live state,
    // which is written as it is after every match.
    let mut live = LiveState {
        format: STATE_FORMAT,
        name: file.name.clone(),
        updated_unix_ms: 0,
        finished: false,
        tournament,
        bots,
        games: BTreeMap::new(),
        finished_order: Vec::new(),
    };
    write_state(&output, &mut live)?;

    let progress = if options.progress { ProgressBar::new(0) } else { ProgressBar::hidden() };
    progress.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} matches  {msg}")
            .expect("a valid template"),
    );
    let (tx, rx) = mpsc::channel::<MatchDone>();
    let mut running = 0usize;
    let (mut played, mut reused) = (0u64, 0u64);
    let mut failure = None;
    loop {
        if failure.is_none() {
            let ready: Vec<String> = live.tournament.ready_matches().iter().map(|m| m.id.clone()).collect();
            for id in ready {
                let series = live.tournament.start_match(&id)?;
                let (shared, tx) = (shared.clone(), tx.clone());
                running += 1;
                pool.spawn(move || {
                    // A panic must not take the other matches down with it:
                    // it becomes this match's error, and the run stops
                    // cleanly with every finished match on disk.
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| play(&shared, series)))
                        .unwrap_or_else(|panic| {
                            Err(RunnerError::Panicked { id: id.clone(), message: panic_message(&*panic) })
                        })
                        .map_err(|e| match e {
                            e @ RunnerError::Panicked { .. } => e,
                            e => RunnerError::Match { id: id.clone(), source: Box::new(e) },
                        });
                    // The receiver lives until every worker has answered.
                    let _ = tx.send(MatchDone { id, outcome });
                });
            }
        }
        progress.set_length(
            live.tournament.matches().iter().filter(|m| m.entrants().is_some() || m.status.is_done()).count() as u64,
        );
        if running == 0 {
            break;
        }
        // Take every result that is in, then write the state once: with
        // many workers, results arrive faster than the state is worth
        // rewriting, and this thread must not become the bottleneck.
        let first = rx.recv().expect("a worker is running, so the channel is open");
        let mut recorded = false;
        for done in std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok())) {
            running -= 1;
            match done.outcome {
                Ok((series, files, p, r)) => {
                    played += p;
                    reused += r;
                    let result = series.result().expect("a finished series has a result");
                    live.tournament.record_result(&done.id, result)?;
                    live.games.insert(done.id.clone(), files);
                    live.finished_order.push(done.id.clone());
                    progress.inc(1);
                    progress.set_message(done.id);
                    recorded = true;
                }
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        }
        // The live state must not stop the tournament: remember the first
        // failure to write it, finish the matches in flight.
        if recorded && let Err(e) = write_state(&output, &mut live) {
            failure.get_or_insert(e);
        }
    }
    progress.finish_and_clear();
    if let Some(e) = failure {
        return Err(e);
    }
    if !live.tournament.is_finished() {
        return Err(RunnerError::Conflict(
            "no match is ready but the tournament is not finished (a bug in the format)".to_owned(),
        ));
    }
    live.finished = true;
    write_state(&output, &mut live)?;
    // results.json is synced, and names replays: they must be on the disk
    // first, so that after a power cut the results never name a torn one.
    sync_replays(&output, &live.games)?;
    let results = ResultsFile {
        format: 1,
        name: &file.name,
        engine: engine_version(),
        rules_hash: file.rules.content_hash(),
        tournament: &live.tournament,
        games: &live.games,
    };
    let mut json = serde_json::to_vec_pretty(&results).expect("results are plain data");
    json.push(b'\n');
    write_atomic(&output.join(RESULTS_FILE), &json)?;
    Ok(RunReport { output, tournament: live.tournament, games_played: played, games_reused: reused, bots_compiled })
}

/// The name of the lock file in an output directory.
pub const LOCK_FILE: &str = ".arena-run.lock";

/// Takes the output directory for this run: two runs writing one directory
/// would interleave their replays and states. The lock is the operating
/// system's, so it goes away with the process, however it ends; the file
/// says which process holds it.
fn lock_output(output: &Path) -> Result<std::fs::File, RunnerError> {
    use std::io::{Read, Seek, Write};
    let path = output.join(LOCK_FILE);
    let io = |action, source| RunnerError::Io { action, path: path.clone(), source };
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| io("cannot open", e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let who = if holder.is_empty() { "another process".to_owned() } else { holder.to_owned() };
            return Err(RunnerError::Conflict(format!(
                "{} is in use by {who}; wait for that run to end, or give this one another output directory",
                output.display()
            )));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io("cannot lock", e)),
    }
    let me = format!("`arena tournament run` (process {})\n", std::process::id());
    file.set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(me.as_bytes()))
        .map_err(|e| io("cannot write", e))?;
    Ok(file)
}

/// Syncs every replay the results will name, and their directory.
fn sync_replays(output: &Path, games: &BTreeMap<String, Vec<GameFile>>) -> Result<(), RunnerError> {
    let sync = |path: PathBuf| {
        std::fs::File::open(&path).and_then(|f| f.sync_all()).map_err(|source| RunnerError::Io {
            action: "cannot sync",
            path,
            source,
        })
    };
    for game in games.values().flatten() {
        sync(output.join(&game.replay))?;
    }
    sync(output.join("replays"))
}

/// The text of a panic's payload.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_owned())
}

/// Plays (or takes from an earlier run's replays) every game of a series.
fn play_series(shared: &Shared, mut series: Series) -> Result<(Series, Vec<GameFile>, u64, u64), RunnerError> {
    let mut files = Vec::new();
    let (mut played, mut reused) = (0, 0);
    while let Some(game) = series.next_game() {
        let relative = format!("replays/{}-g{}.replay", game.match_id, game.game);
        let path = shared.output.join(&relative);
        let [left, right] = game.sides().map(|e| shared.programs[e.index()].clone());
        let replay = match reusable(&path, &game, shared, [&left, &right]) {
            Some(replay) => {
                reused += 1;
                replay
            }
            None => {
                let replay = shared.runtime.play(
                    &shared.rules,
                    game.seed,
                    game.kind,
                    [Contestant::Wasm(left), Contestant::Wasm(right)],
                )?;
                // Not synced: a replay torn by a crash fails `reusable` and
                // is played again.
                replace_file(&path, &replay.to_bytes())?;
                played += 1;
                replay
            }
        };
        let sides = game.sides();
        files.push(GameFile {
            game: game.game,
            kind: game.kind,
            replay: relative,
            left: sides[0],
            winner: replay.outcome.winner.map(|w| sides[w.index()]),
        });
        series.record_outcome(&replay.outcome)?;
    }
    Ok((series, files, played, reused))
}

/// The replay an interrupted run left for this game, if it is exactly the
/// game that would be played now: same bots, seed, kind, rules and engine,
/// and it re-simulates to its recorded hashes.
fn reusable(path: &Path, game: &GameRequest, shared: &Shared, bots: [&BotProgram; 2]) -> Option<Replay> {
    let bytes = std::fs::read(path).ok()?;
    let replay = Replay::from_bytes(&bytes).ok()?;
    let same = replay.seed == game.seed
        && replay.kind == game.kind
        && replay.rules == shared.rules
        && replay.engine == engine_version()
        && replay.bots[0] == bots[0].identity
        && replay.bots[1] == bots[1].identity;
    (same && replay.verify().is_ok()).then_some(replay)
}

/// Stamps the live state with the time and writes it.
fn write_state(output: &Path, live: &mut LiveState) -> Result<(), RunnerError> {
    live.updated_unix_ms = now_ms();
    arena_live::write(output, live).map_err(|e| match e {
        arena_live::LiveError::Io { path, source } => RunnerError::Io { action: "cannot write", path, source },
        other => RunnerError::Conflict(other.to_string()),
    })
}

/// Copies an avatar into the output directory, so the live state names it
/// relative to itself.
fn copy_avatar(output: &Path, avatar: &Path) -> Result<String, RunnerError> {
    use sha2::Digest;
    let bytes = std::fs::read(avatar).map_err(|source| RunnerError::Io {
        action: "cannot read the avatar",
        path: avatar.to_owned(),
        source,
    })?;
    let digest = sha2::Sha256::digest(&bytes);
    let relative = format!("avatars/{}.png", hex::encode(&digest[..8]));
    write_atomic(&output.join(&relative), &bytes)?;
    Ok(relative)
}

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays every match but the final, whose thread panics.
    fn panics_in_the_final(shared: &Shared, series: Series) -> Result<(Series, Vec<GameFile>, u64, u64), RunnerError> {
        if series.match_id().starts_with("F") {
            panic!("a bug in the final");
        }
        play_series(shared, series)
    }

    #[test]
    fn a_panicking_match_stops_the_run_cleanly_and_the_rerun_resumes() {
        let bots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bots");
        assert!(bots.join("rusher.wasm").exists(), "target/bots is missing: run `cargo xtask bots` first");
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let mut text = format!(
            "name = \"Panic\"\noutput = {:?}\nbest_of = 1\n[format]\ntype = \"single-elimination\"\n",
            out.display().to_string()
        );
        for bot in ["rusher", "zoner", "turtle", "dummy"] {
            text.push_str(&format!(
                "[[entrants]]\nwasm = {:?}\n",
                bots.join(format!("{bot}.wasm")).display().to_string()
            ));
        }
        let file = TournamentFile::parse(&text, tmp.path()).unwrap();
        let options =
            RunOptions { threads: 2, progress: false, cache_dir: Some(tmp.path().join("cache")), backstop: None };

        let err = run_with(&file, &options, panics_in_the_final).unwrap_err();
        let final_id = file_final_id(&out);
        assert!(
            matches!(&err, RunnerError::Panicked { id, message } if *id == final_id && message == "a bug in the final"),
            "{err}"
        );
        assert!(err.to_string().starts_with(&format!("match {final_id} stopped on an internal error")), "{err}");
        // The semi-finals are on disk, the final is not, nothing claims to be finished.
        let state = arena_live::read(&out).unwrap();
        assert!(!state.finished);
        assert_eq!(state.finished_order.len(), 2, "{:?}", state.finished_order);
        assert!(!out.join(RESULTS_FILE).exists());

        let report = run(&file, &options).unwrap();
        assert!(report.tournament.is_finished());
        assert_eq!((report.games_reused, report.games_played), (2, 1));
    }

    /// The id of the final, from the state the failed run left.
    fn file_final_id(out: &std::path::Path) -> String {
        let state = arena_live::read(out).unwrap();
        let ids: Vec<&str> = state.tournament.matches().iter().map(|m| m.id.as_str()).collect();
        ids.iter()
            .find(|id| id.starts_with('F'))
            .map(|id| (*id).to_owned())
            .unwrap_or_else(|| panic!("no final in {ids:?}"))
    }
}
