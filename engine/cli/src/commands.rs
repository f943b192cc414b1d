//! The commands of `arena`, each a function from its arguments to an exit
//! code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use arena_registry::Registry;
use arena_registry::form::Upload;
use arena_runtime::{Contestant, Runtime, Validation};
use arena_sim::{MatchKind, Replay, RoundEnd, Rules, Side, printable};
use clap::{Parser, Subcommand};

use crate::new_bot::Lang;

#[derive(Parser)]
#[command(
    name = "arena",
    version,
    about = "Arena: WebAssembly fighting bots, sandboxed, deterministic, in tournaments."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Play one match between two bots and print each round and the winner.
    Match {
        /// The left bot: a .wasm file or a registry name (`name` or `name@version`).
        a: String,
        /// The right bot, likewise.
        b: String,
        /// The match seed (bots' random numbers derive from it).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Rules file (TOML); the defaults of GAME.md otherwise.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Where to write the replay.
        #[arg(long)]
        replay: Option<PathBuf>,
        /// Registry to find bots by name in.
        #[arg(long, env = "ARENA_REGISTRY", default_value = "arena-registry")]
        registry: PathBuf,
    },
    /// Check a bot as a submission would be checked, without storing it.
    Validate {
        /// The bot's .wasm file.
        bot: PathBuf,
        /// Rules file (TOML); the defaults otherwise.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Where to write the validation match's replay.
        #[arg(long)]
        replay: Option<PathBuf>,
    },
    /// Validate a bot and store it in the registry as a new version.
    Submit {
        /// The bot's .wasm file.
        bot: PathBuf,
        /// The bot's name.
        #[arg(long)]
        name: String,
        /// Your handle.
        #[arg(long)]
        author: String,
        /// A PNG avatar shown beside your bot in the viewer.
        #[arg(long)]
        avatar: Option<PathBuf>,
        /// The registry directory.
        #[arg(long, env = "ARENA_REGISTRY", default_value = "arena-registry")]
        registry: PathBuf,
        /// Rules file (TOML) to validate under; the defaults otherwise.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Submit to the event's server (`http://HOST:PORT`) instead of a registry directory.
        #[arg(long, env = "ARENA_SERVER")]
        server: Option<String>,
        /// Your token for the server (the organiser gives you one).
        #[arg(long, env = "ARENA_TOKEN", hide_env_values = true)]
        token: Option<String>,
    },
    /// List the registry's bots, versions, hashes and validation results.
    Bots {
        /// The registry directory.
        #[arg(long, env = "ARENA_REGISTRY", default_value = "arena-registry")]
        registry: PathBuf,
        /// List the bots on the event's server (`http://HOST:PORT`) instead.
        #[arg(long, env = "ARENA_SERVER")]
        server: Option<String>,
    },
    /// Look after a registry directory.
    Registry {
        #[command(subcommand)]
        command: RegistryCommand,
    },
    /// Serve a registry to the room: participants submit with `arena submit --server`.
    Serve(crate::remote::ServeArgs),
    /// Make participants' tokens for `arena serve --tokens`.
    Tokens {
        #[command(subcommand)]
        command: crate::remote::TokensCommand,
    },
    /// Look at or check a replay file.
    Replay {
        #[command(subcommand)]
        command: ReplayCommand,
    },
    /// Print the default rules as TOML (a starting point for a rules file).
    Rules,
    /// Run a tournament, or show one's bracket and standings.
    Tournament {
        #[command(subcommand)]
        command: TournamentCommand,
    },
    /// Create a ready-to-build bot project.
    NewBot {
        /// The bot's name (also the directory created).
        name: String,
        /// The language of the template.
        #[arg(long, value_enum, default_value_t = Lang::Rust)]
        lang: Lang,
    },
}

#[derive(Subcommand)]
enum RegistryCommand {
    /// Make `index.json` again from the stored records and files (after a
    /// crash, a bad copy or a hand edit); the damaged index is kept aside.
    Rebuild {
        /// The registry directory.
        #[arg(long, env = "ARENA_REGISTRY", default_value = "arena-registry")]
        registry: PathBuf,
    },
}

#[derive(Subcommand)]
enum ReplayCommand {
    /// Print what a replay holds: bots, rules hash, rounds, faults, logs.
    Info {
        /// The replay file.
        file: PathBuf,
    },
    /// Re-simulate a replay and check every round's state hash.
    Verify {
        /// The replay file.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum TournamentCommand {
    /// Run (or resume) the tournament of a TOML file on every core.
    Run {
        /// The tournament file.
        file: PathBuf,
        /// Worker threads (default: every core). Results never depend on it.
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Stop the run if one match takes longer than this many seconds of
        /// wall-clock time (a bot found host work fuel does not charge; it
        /// never decides a result).
        #[arg(long, value_name = "SECONDS", default_value_t = arena_runtime::DEFAULT_BACKSTOP.as_secs())]
        backstop: u64,
    },
    /// Draw a tournament's bracket or standings from its output directory.
    Show {
        /// The tournament's output directory (it holds state.json).
        dir: PathBuf,
    },
}

/// Parses the command line and runs the command.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Match { a, b, seed, rules, replay, registry } => {
            play_match(&a, &b, seed, rules.as_deref(), replay.as_deref(), &registry)
        }
        Command::Validate { bot, rules, replay } => validate(&bot, rules.as_deref(), replay.as_deref()),
        Command::Submit { bot, name, author, avatar, server: Some(server), token, rules, .. } => {
            crate::remote::submit(&server, token.as_deref(), &bot, &name, &author, avatar.as_deref(), rules.is_some())
        }
        Command::Submit { bot, name, author, avatar, registry, rules, server: None, .. } => {
            submit(&bot, &name, &author, avatar.as_deref(), &registry, rules.as_deref())
        }
        Command::Bots { server: Some(server), .. } => crate::remote::bots(&server, None),
        Command::Bots { registry, server: None } => list_bots(&registry),
        Command::Registry { command: RegistryCommand::Rebuild { registry } } => rebuild_registry(&registry),
        Command::Serve(args) => crate::remote::serve(args),
        Command::Tokens { command } => crate::remote::tokens(command),
        Command::Replay { command: ReplayCommand::Info { file } } => replay_info(&file),
        Command::Replay { command: ReplayCommand::Verify { file } } => replay_verify(&file),
        Command::Rules => {
            print!("{}", Rules::default().to_toml());
            Ok(ExitCode::SUCCESS)
        }
        Command::Tournament { command: TournamentCommand::Run { file, threads, backstop } } => {
            tournament_run(&file, threads, backstop)
        }
        Command::Tournament { command: TournamentCommand::Show { dir } } => tournament_show(&dir),
        Command::NewBot { name, lang } => crate::new_bot::run(&name, lang),
    }
}

fn load_rules(path: Option<&Path>) -> Result<Rules> {
    let Some(path) = path else { return Ok(Rules::default()) };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read the rules file {}", path.display()))?;
    Rules::from_toml(&text).with_context(|| format!("the rules file {} is not valid", path.display()))
}

fn runtime(rules: &Rules) -> Result<Runtime> {
    Ok(Runtime::new(&rules.limits, Runtime::default_cache_dir())?)
}

/// A bot named on the command line: a .wasm path, else a registry name.
fn load_bot(runtime: &Runtime, reference: &str, registry: &Path) -> Result<arena_runtime::BotProgram> {
    let path = Path::new(reference);
    if path.exists() || reference.ends_with(".wasm") {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or(reference);
        return runtime
            .load_file(path, name, "local")
            .with_context(|| format!("cannot load the bot {}", path.display()));
    }
    let reg = Registry::open(registry)?;
    let index = reg.index()?;
    let Some((entrant, version)) = index.find(reference) else {
        bail!(
            "`{reference}` is neither a .wasm file nor a bot in the registry {}; `arena bots --registry {}` lists the bots there",
            registry.display(),
            registry.display()
        );
    };
    runtime
        .load_file(&reg.path_of(&version.wasm), &entrant.name, &entrant.author)
        .with_context(|| format!("cannot load {}@{} from the registry", entrant.name, version.version))
}

fn play_match(
    a: &str,
    b: &str,
    seed: u64,
    rules: Option<&Path>,
    out: Option<&Path>,
    registry: &Path,
) -> Result<ExitCode> {
    let rules = load_rules(rules)?;
    let rt = runtime(&rules)?;
    let left = load_bot(&rt, a, registry)?;
    let right = load_bot(&rt, b, registry)?;
    let names = [left.identity.name.clone(), right.identity.name.clone()];
    println!("{} (left) vs {} (right), seed {seed}", names[0], names[1]);
    let replay = rt.play(&rules, seed, MatchKind::Normal, [Contestant::Wasm(left), Contestant::Wasm(right)])?;
    print_rounds(&replay, &names);
    print_faults(&replay, &names);
    print_fuel(&replay, &names);
    println!("{}", printable(&replay.result_line()));
    if let Some(out) = out {
        write_replay(out, &replay)?;
        println!("replay: {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_rounds(replay: &Replay, names: &[String; 2]) {
    for (i, r) in replay.outcome.rounds.iter().enumerate() {
        let how = match r.end {
            RoundEnd::KnockOut => "by knock-out",
            RoundEnd::TimeOut => "on time",
            RoundEnd::Fault => "by a fault",
            RoundEnd::FirstHit => "by the first hit",
        };
        let result = match r.winner {
            Some(side) => format!("{} wins {how}", names[side.index()]),
            None => format!("drawn {how}"),
        };
        println!(
            "round {}: {result} at tick {} (hit points {} vs {})",
            i + 1,
            r.ticks,
            r.hit_points[0],
            r.hit_points[1]
        );
    }
}

fn write_replay(path: &Path, replay: &Replay) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    arena_registry::write_atomic(path, &replay.to_bytes())?;
    Ok(())
}

fn read_wasm(path: &Path, rules: &Rules) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    // Refuse a file far over the cap before reading it whole; the
    // validation names the cap.
    if meta.len() > rules.limits.max_module_bytes.saturating_mul(2) {
        bail!(
            "{} is {} bytes, far over the module size cap of {} bytes (rules: limits.max_module_bytes)",
            path.display(),
            meta.len(),
            rules.limits.max_module_bytes
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Runs the checks and prints them; returns the validation and where its
/// replay was written.
fn run_validation(
    bot: &Path,
    name: &str,
    author: &str,
    rules: &Rules,
    replay_out: Option<&Path>,
) -> Result<(Validation, Option<PathBuf>)> {
    let wasm = read_wasm(bot, rules)?;
    let rt = runtime(rules)?;
    let v = rt.validate(&wasm, name, author, rules);
    let replay_path = match &v.replay {
        Some(replay) => Some(write_validation_replay(replay, name, &v, replay_out)?),
        None => None,
    };
    print_checks(&v, replay_path.as_deref());
    Ok((v, replay_path))
}

/// Writes a validation match's replay to `out`, or to a temporary file.
fn write_validation_replay(replay: &Replay, name: &str, v: &Validation, out: Option<&Path>) -> Result<PathBuf> {
    let path = match out {
        Some(p) => p.to_owned(),
        None => {
            let sha = v.identity.as_ref().map_or("", |i| &i.sha256[..12]);
            std::env::temp_dir()
                .join("arena")
                .join(format!("validation-{}-{sha}.replay", crate::remote::file_safe(name)))
        }
    };
    write_replay(&path, replay)?;
    Ok(path)
}

/// The checks, one line each, the bot's fuel, and where to watch the match.
fn print_checks(v: &Validation, replay_path: Option<&Path>) {
    for (i, c) in v.checks.iter().enumerate() {
        let mark = if c.passed { "ok  " } else { "FAIL" };
        println!("{mark} {}. {}: {}", i + 1, c.check.describe(), printable(&c.message));
    }
    if let Some(replay) = &v.replay {
        print_fuel(replay, &replay.bots.clone().map(|b| printable(&b.name).into_owned()));
    }
    if let Some(path) = replay_path {
        let fail = v.failure().is_some();
        println!(
            "{} the validation match: arena-viewer replay {}",
            if fail { "watch" } else { "replay of" },
            path.display()
        );
    }
}

fn validate(bot: &Path, rules: Option<&Path>, replay: Option<&Path>) -> Result<ExitCode> {
    let rules = load_rules(rules)?;
    let name = bot.file_stem().and_then(|s| s.to_str()).unwrap_or("bot").to_owned();
    let (v, _) = run_validation(bot, &name, "local", &rules, replay)?;
    if v.passed() {
        println!("{name} passes validation");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("error: {name} does not pass validation: fix check {} and try again", v.checks.len());
        Ok(ExitCode::FAILURE)
    }
}

/// Checks a submission's name and handle and reads and checks its avatar,
/// before anything slower happens: what a remote submission can check
/// before it uploads (the server checks again; a local submission has
/// `precheck` do it once).
pub fn check_submission(name: &str, author: &str, avatar: Option<&Path>) -> Result<Option<Vec<u8>>> {
    arena_registry::check_name("name", name)?;
    arena_registry::check_name("author", author)?;
    let avatar = read_avatar(avatar)?;
    if let Some(bytes) = &avatar {
        arena_registry::check_avatar(bytes)?;
    }
    Ok(avatar)
}

fn read_avatar(avatar: Option<&Path>) -> Result<Option<Vec<u8>>> {
    let Some(p) = avatar else { return Ok(None) };
    let bytes = std::fs::read(p).with_context(|| format!("cannot read the avatar {}", p.display()))?;
    Ok(Some(bytes))
}

fn submit(
    bot: &Path,
    name: &str,
    author: &str,
    avatar: Option<&Path>,
    registry: &Path,
    rules: Option<&Path>,
) -> Result<ExitCode> {
    let reg = Registry::open(registry)?;
    let rules = load_rules(rules)?;
    let mut upload =
        Upload { name: name.to_owned(), author: author.to_owned(), wasm: Vec::new(), avatar: read_avatar(avatar)? };
    // The server's own path: the quick checks (names, avatar, registry)
    // before the bot is read, then validate and store.
    arena_server::submission::precheck(&reg, &upload)?;
    upload.wasm = read_wasm(bot, &rules)?;
    let done = arena_server::submission::validate_and_store(&runtime(&rules)?, &rules, &reg, &upload)?;
    let replay = done.validation.replay.as_ref();
    let replay_path = match replay {
        Some(replay) => Some(write_validation_replay(replay, name, &done.validation, None)?),
        None => None,
    };
    print_checks(&done.validation, replay_path.as_deref());
    let Some(stored) = done.stored else {
        eprintln!("error: {name} was not submitted: it does not pass validation");
        return Ok(ExitCode::FAILURE);
    };
    println!(
        "submitted {name} version {} by {author} (sha256 {}) to {}",
        stored.version,
        &stored.sha256[..16],
        registry.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The registry's bots as a table, one line per version (local and remote
/// listings alike).
pub fn print_index(index: &arena_registry::Index) {
    println!("{:<24} {:<16} {:>7} {:<16} {:>9}  validation", "bot", "author", "version", "sha256", "size");
    for e in &index.entrants {
        for v in &e.versions {
            let verdict = if v.validation.passed {
                "passed".to_owned()
            } else {
                let failed = v.validation.checks.iter().find(|c| !c.passed);
                format!("FAILED {}", failed.map_or("", |c| c.check.as_str()))
            };
            println!(
                "{:<24} {:<16} {:>7} {:<16} {:>9}  {verdict}",
                e.name,
                e.author,
                v.version,
                crate::remote::short_hash(&v.sha256, 16),
                v.size
            );
        }
    }
    if index.locked {
        println!("submissions are closed (the registry is locked)");
    }
}

fn list_bots(registry: &Path) -> Result<ExitCode> {
    let reg = Registry::open(registry)?;
    let index = reg.index()?;
    if index.entrants.is_empty() {
        println!(
            "no bots in {} yet; add one with `arena submit BOT.wasm --name NAME --author HANDLE`",
            registry.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    print_index(&index);
    Ok(ExitCode::SUCCESS)
}

fn rebuild_registry(dir: &Path) -> Result<ExitCode> {
    let registry = Registry::open_existing(dir)?;
    let rebuilt = registry.rebuild_index()?;
    for problem in &rebuilt.problems {
        println!("warning: {problem}");
    }
    if rebuilt.recorded > 0 {
        println!("recorded {} versions that had no record yet", rebuilt.recorded);
    }
    println!(
        "rebuilt {}: {} entrants, {} versions; `arena bots --registry {}` lists them",
        dir.join("index.json").display(),
        rebuilt.entrants,
        rebuilt.versions,
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn read_replay(file: &Path) -> Result<Replay> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    Replay::from_bytes(&bytes).with_context(|| format!("cannot open the replay {}", file.display()))
}

/// A replay's faults, one line each; the message is the bot's doing, so
/// it is escaped.
fn print_faults(replay: &Replay, names: &[String; 2]) {
    for f in &replay.faults {
        let who = &names[f.side.index()];
        println!("fault: {who} in round {} at tick {} ({}): {}", f.round, f.tick, f.kind, printable(&f.message));
    }
}

/// Each sandboxed bot's fuel per tick, and a warning naming the first tick
/// it was suspended on (native fighters have no fuel and no line).
fn print_fuel(replay: &Replay, names: &[String; 2]) {
    for side in Side::BOTH {
        let Some(fuel) = replay.fuel(side) else { continue };
        let name = &names[side.index()];
        println!("{name}: {}", fuel.summary());
        if let Some(warning) = fuel.warning() {
            println!("warning: {name} was {warning}");
        }
    }
}

fn replay_info(file: &Path) -> Result<ExitCode> {
    let replay = read_replay(file)?;
    // Everything in a replay file may come from a bot or a crafted file.
    let names = replay.bots.clone().map(|b| printable(&b.name).into_owned());
    println!("engine: {}", printable(&replay.engine));
    println!("rules: {}", replay.rules.content_hash());
    println!("seed: {}", replay.seed);
    for side in Side::BOTH {
        let b = &replay.bots[side.index()];
        println!("{side}: {} by {} (sha256 {})", names[side.index()], printable(&b.author), printable(&b.sha256));
    }
    print_rounds(&replay, &names);
    match replay.outcome.winner {
        Some(side) => println!("winner: {}", names[side.index()]),
        None => println!("the match is a draw"),
    }
    print_faults(&replay, &names);
    print_fuel(&replay, &names);
    println!("log lines: {}", replay.logs.len());
    for l in replay.logs.iter().take(20) {
        println!("  [{} r{} t{}] {}", names[l.side.index()], l.round, l.tick, printable(&l.text));
    }
    Ok(ExitCode::SUCCESS)
}

fn replay_verify(file: &Path) -> Result<ExitCode> {
    let replay = read_replay(file)?;
    replay.verify().with_context(|| format!("{} does not verify", file.display()))?;
    println!("{}: {} rounds re-simulated, every state hash matches", file.display(), replay.rounds.len());
    Ok(ExitCode::SUCCESS)
}

fn tournament_run(file: &Path, threads: usize, backstop: u64) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let tournament = arena_runner::TournamentFile::load(file)?;
    println!(
        "{}: {} entrants, best of {}, output {}",
        tournament.name,
        tournament.entrants.len(),
        tournament.config.best_of,
        tournament.output.display()
    );
    let options = arena_runner::RunOptions {
        threads,
        progress: std::io::stderr().is_terminal(),
        cache_dir: Runtime::default_cache_dir(),
        backstop: Some(std::time::Duration::from_secs(backstop)),
    };
    let started = std::time::Instant::now();
    let report = arena_runner::run(&tournament, &options)?;
    let state = arena_live::read(&report.output)?;
    print!("{}", arena_runner::render(&state));
    println!(
        "\n{} games played, {} reused from an earlier run, {} bots compiled, in {:.1} s",
        report.games_played,
        report.games_reused,
        report.bots_compiled,
        started.elapsed().as_secs_f64()
    );
    println!("results: {}", report.output.join(arena_runner::RESULTS_FILE).display());
    println!("replays: {}", report.output.join("replays").display());
    println!("watch it: arena-viewer live {}", report.output.display());
    Ok(ExitCode::SUCCESS)
}

fn tournament_show(dir: &Path) -> Result<ExitCode> {
    let state = arena_live::read(dir)?;
    print!("{}", arena_runner::render(&state));
    Ok(ExitCode::SUCCESS)
}
