//! Submissions across the room: `arena serve`, `arena tokens new`, and the
//! `--server URL` forms of `arena submit` and `arena bots`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use arena_client::Client;
use arena_client::api::{AuthMode, SubmitAnswer};
use arena_server::{Deadline, ServerConfig, Startup, Tokens};
use arena_sim::Rules;
use arena_sim::printable;

/// The options of `arena serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The registry directory the server stores bots in (created if missing).
    #[arg(long, env = "ARENA_REGISTRY", default_value = "arena-registry")]
    registry: PathBuf,
    /// The address to listen on: 0.0.0.0 is every network of this machine;
    /// port 0 picks a free port.
    #[arg(long, default_value = "0.0.0.0:8080")]
    bind: SocketAddr,
    /// The participants' tokens (`arena tokens new`); without it the server
    /// is open: anyone who reaches it submits under any handle.
    #[arg(long)]
    tokens: Option<PathBuf>,
    /// When submissions close, in RFC 3339 (2026-05-30T17:00:00+09:00); the
    /// registry is then locked for the tournament.
    #[arg(long)]
    close_at: Option<String>,
    /// Rules file (TOML) to validate under; the defaults otherwise.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Validations that run at once (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
    /// Submissions that may wait for a validation worker before the server
    /// answers "busy".
    #[arg(long, default_value_t = 200)]
    queue: usize,
    /// Submissions each participant may make per minute (0: no limit).
    #[arg(long, default_value_t = 10)]
    rate_limit: u32,
    /// Seconds an upload may take to arrive.
    #[arg(long, default_value_t = 120)]
    upload_timeout: u64,
    /// MiB of uploads held in memory at once; more wait for room (up to half
    /// the upload timeout), then hear "busy".
    #[arg(long, default_value_t = 1024)]
    upload_memory: u64,
    /// Seconds of wall-clock time a validation match may take before it is
    /// stopped as a host error (fuel bounds every bot long before; this is
    /// the backstop that keeps a worker from being held).
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    backstop: u64,
    /// The replay player for the web pages, as `cargo xtask web` builds it
    /// (default: `web/` beside the folder of this `arena`, which is where
    /// the xtask puts it: target/web).
    #[arg(long, value_name = "DIR")]
    web: Option<PathBuf>,
    /// A tournament's output folder (`arena tournament run` writes it) for
    /// the /live page to follow as the runner rewrites its state.json.
    #[arg(long, value_name = "DIR")]
    tournament: Option<PathBuf>,
    /// Example bots (`NAME.wasm`) that playground matches may be against,
    /// besides the registered entrants (default: `bots/` beside the folder
    /// of this `arena`, where `cargo xtask bots` puts them: target/bots).
    #[arg(long, value_name = "DIR")]
    examples: Option<PathBuf>,
}

/// `arena tokens …`.
#[derive(clap::Subcommand)]
pub enum TokensCommand {
    /// Make a tokens file: an organiser's token (@admin) and one token per
    /// participant, for `arena serve --tokens FILE`.
    New {
        /// How many participants (their handles are player-01, player-02, …
        /// unless given with --handle).
        #[arg(long)]
        count: Option<usize>,
        /// A participant's handle (repeat for each); with --count, the rest
        /// are numbered.
        #[arg(long = "handle")]
        handles: Vec<String>,
        /// The file to write (never overwritten); standard output otherwise.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn load_rules(path: Option<&Path>) -> Result<Rules> {
    let Some(path) = path else { return Ok(Rules::default()) };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read the rules file {}", path.display()))?;
    Rules::from_toml(&text).with_context(|| format!("the rules file {} is not valid", path.display()))
}

/// `arena serve`.
pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    let mut config = ServerConfig::new(&args.registry);
    config.rules = load_rules(args.rules.as_deref())?;
    config.tokens = args.tokens.as_deref().map(Tokens::load).transpose()?;
    config.close_at = args.close_at.as_deref().map(Deadline::parse).transpose()?;
    if let Some(w) = args.workers {
        if w == 0 {
            bail!("--workers must be at least 1");
        }
        config.workers = w;
    }
    config.queue = args.queue;
    config.rate_limit_per_minute = args.rate_limit;
    config.upload_timeout = Duration::from_secs(args.upload_timeout.max(1));
    config.upload_memory = args.upload_memory.saturating_mul(1 << 20);
    config.validation_backstop = Duration::from_secs(args.backstop);
    config.web_dir = args.web.or_else(|| beside_exe("web"));
    config.tournament_dir = args.tournament.clone();
    config.examples_dir = args.examples.clone().or_else(|| beside_exe("bots"));
    let tokens_file = args.tokens.clone();
    arena_server::serve_blocking(config, args.bind, |s| banner(s, tokens_file.as_deref()))?;
    println!("arena serve: stopped");
    Ok(ExitCode::SUCCESS)
}

/// `target/NAME` for an `arena` built in `target/debug` or
/// `target/release`: where `cargo xtask` puts the web player and the bots.
fn beside_exe(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.join(name)).filter(|d| d.is_dir())
}

fn banner(s: &Startup, tokens_file: Option<&Path>) {
    let host = if s.addr.ip().is_unspecified() {
        format!("THIS-MACHINE'S-ADDRESS:{}", s.addr.port())
    } else {
        s.addr.to_string()
    };
    println!("arena serve: listening on http://{}", s.addr);
    println!("registry: {} ({} bots, {} versions)", s.registry.display(), s.entrants, s.versions);
    match &s.web_dir {
        Some(dir) => println!("web pages: http://{host}/ (the replay player from {})", dir.display()),
        None => println!(
            "web pages: http://{host}/ (replays will not play in them: the player is not built; run `cargo xtask web` or pass --web DIR)"
        ),
    }
    println!(
        "validation: {} at once, up to {} more waiting; uploads up to {} bytes; {}",
        s.workers,
        s.queue,
        s.max_upload_bytes,
        if s.rate_limit_per_minute == 0 {
            "no rate limit".to_owned()
        } else {
            format!("at most {} submissions a minute per participant", s.rate_limit_per_minute)
        }
    );
    match (s.auth, tokens_file) {
        (AuthMode::Tokens, Some(f)) => println!("tokens: {} ({} participants)", f.display(), s.participants),
        _ => {
            eprintln!("**************************************************************************");
            eprintln!("WARNING: the server is OPEN (no --tokens): anyone who can reach it can");
            eprintln!("submit under any author handle. A bot's name belongs to the author who");
            eprintln!("first submitted it, but in open mode that author is only a word anyone");
            eprintln!("can type. For an event, make tokens with");
            eprintln!("`arena tokens new --count N --out tokens.txt` and pass --tokens tokens.txt.");
            eprintln!("**************************************************************************");
        }
    }
    if let Some(f) = &s.admin_token_file {
        println!("organiser's token (closes submissions): in {}", f.display());
    }
    match (&s.close_at, s.submissions_open) {
        (_, false) => println!("submissions are CLOSED: the registry is locked"),
        (Some(d), true) => println!(
            "submissions close at {} (in {}); then the registry is locked",
            d.text,
            arena_server::time::describe(d.remaining())
        ),
        (None, true) => {
            println!("no deadline: close submissions with POST /api/v1/admin/close and the organiser's token")
        }
    }
    let token = if s.auth == AuthMode::Tokens { " --token TOKEN" } else { "" };
    println!("participants: arena submit BOT.wasm --name NAME --author HANDLE --server http://{host}{token}");
    println!("stop with Ctrl-C");
}

/// `arena tokens new`.
pub fn tokens(command: TokensCommand) -> Result<ExitCode> {
    let TokensCommand::New { count, mut handles, out } = command;
    let count = count.unwrap_or(0);
    if count == 0 && handles.is_empty() {
        bail!("say how many participants with --count N, or name them with --handle NAME (repeated)");
    }
    let mut n = 1;
    while handles.len() < count {
        let h = format!("player-{n:02}");
        if !handles.contains(&h) {
            handles.push(h);
        }
        n += 1;
    }
    let text = arena_server::tokens_file(&handles)?;
    match out {
        Some(path) => {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options.open(&path).with_context(|| {
                format!("cannot create {} (an existing tokens file is never overwritten)", path.display())
            })?;
            std::io::Write::write_all(&mut file, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            println!(
                "wrote {} tokens to {}: give each participant their line, then run `arena serve --tokens {}`",
                handles.len(),
                path.display(),
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `arena submit BOT.wasm --server URL`: the local command's checks,
/// messages and exit codes, with the validation done by the server.
pub fn submit(
    server: &str,
    token: Option<&str>,
    bot: &Path,
    name: &str,
    author: &str,
    avatar: Option<&Path>,
    rules_given: bool,
) -> Result<ExitCode> {
    if rules_given {
        bail!("--rules is for local submissions: the server at {server} validates under its own rules; drop --rules");
    }
    let avatar = crate::commands::check_submission(name, author, avatar)?;
    let meta = std::fs::metadata(bot).with_context(|| format!("cannot read {}", bot.display()))?;
    let client = Client::new(server, token)?;
    let health = client.health()?;
    // Refuse a file over the server's cap before reading or sending it.
    if meta.len() > health.max_module_bytes {
        bail!(
            "{} is {} bytes, over the module size cap of {} bytes (rules: limits.max_module_bytes); build in release \
             mode, strip debug info (`strip = true` in your Cargo profile), and drop unused dependencies",
            bot.display(),
            meta.len(),
            health.max_module_bytes
        );
    }
    let wasm = std::fs::read(bot).with_context(|| format!("cannot read {}", bot.display()))?;
    println!("submitting {name} to {} …", client.url());
    let answer = client.submit(name, author, &wasm, avatar.as_deref())?;
    print_checks(&client, &answer, name);
    println!("{}", waited(&answer));
    match &answer.stored {
        Some(v) if answer.passed => {
            println!(
                "submitted {name} version {} by {author} (sha256 {}) to {}",
                v.version,
                short_hash(&v.sha256, 16),
                client.url()
            );
            Ok(ExitCode::SUCCESS)
        }
        _ => {
            eprintln!("error: {name} was not submitted: it does not pass validation");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// How long the participant waited, in words.
fn waited(a: &SubmitAnswer) -> String {
    let s = |ms: u64| format!("{:.1} s", ms as f64 / 1000.0);
    format!(
        "waited {} ({} for a free validation worker, {} validating)",
        s(a.waited_ms),
        s(a.queued_ms),
        s(a.validation_ms)
    )
}

/// Prints the checks as the local command does, fetching the validation
/// replay to where the local command writes it.
fn print_checks(client: &Client, a: &SubmitAnswer, name: &str) {
    // Everything in the answer is the server's word: the file name is made
    // of the name the participant gave and hex digits only.
    let replay_path = match (&a.replay, &a.sha256) {
        (Some(url), Some(sha)) => {
            let path = std::env::temp_dir().join("arena").join(format!(
                "validation-{}-{}.replay",
                file_safe(name),
                short_hash(sha, 12)
            ));
            match client.fetch(url).map_err(anyhow::Error::from).and_then(|bytes| write_file(&path, &bytes)) {
                Ok(()) => Some(path),
                Err(e) => {
                    eprintln!("warning: could not fetch the validation replay: {e:#}");
                    None
                }
            }
        }
        _ => None,
    };
    for (i, c) in a.checks.iter().enumerate() {
        let mark = if c.passed { "ok  " } else { "FAIL" };
        println!("{mark} {}. {}: {}", i + 1, printable(&c.description), printable(&c.message));
    }
    if let Some(path) = replay_path {
        let fail = !a.passed;
        println!(
            "{} the validation match: arena-viewer replay {}",
            if fail { "watch" } else { "replay of" },
            path.display()
        );
    }
}

/// The first `n` characters of a hash from a server, if it is one (hex
/// digits only); a question mark otherwise. Never slices inside a character.
pub(crate) fn short_hash(hash: &str, n: usize) -> String {
    if hash.bytes().all(|b| b.is_ascii_hexdigit()) && !hash.is_empty() {
        hash.chars().take(n).collect()
    } else {
        "?".to_owned()
    }
}

/// `name` with everything but letters, digits, `-` and `_` replaced, for a
/// file name that cannot leave its folder.
pub(crate) fn file_safe(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    arena_registry::write_atomic(path, bytes)?;
    Ok(())
}

/// `arena bots --server URL`: the local listing, of the server's registry.
pub fn bots(server: &str, token: Option<&str>) -> Result<ExitCode> {
    let client = Client::new(server, token)?;
    let index = client.bots()?;
    if index.entrants.is_empty() {
        println!(
            "no bots in {} yet; add one with `arena submit BOT.wasm --name NAME --author HANDLE --server {}`",
            client.url(),
            client.url()
        );
        return Ok(ExitCode::SUCCESS);
    }
    crate::commands::print_index(&index);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::{file_safe, short_hash};

    #[test]
    fn server_strings_never_panic_or_steer_a_path() {
        assert_eq!(short_hash("00ff00ff00ff00ff00ff", 12), "00ff00ff00ff");
        assert_eq!(short_hash("short", 12), "?");
        assert_eq!(short_hash("ééééééééééééééé", 12), "?", "multi-byte text must not be sliced");
        assert_eq!(short_hash("abc", 12), "abc");
        assert_eq!(file_safe("../../etc/passwd"), "______etc_passwd");
        assert_eq!(file_safe("my-bot_2"), "my-bot_2");
    }
}
