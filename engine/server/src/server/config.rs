//! How the server runs ([`ServerConfig`]) and what it found when it
//! started ([`Startup`]).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use arena_runtime::Runtime;
use arena_sim::Rules;

use crate::api::AuthMode;
use crate::time::Deadline;
use crate::tokens::Tokens;

/// How the server runs. [`ServerConfig::new`] gives the defaults.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The registry directory (created if missing).
    pub registry: PathBuf,
    /// The rules submissions are validated under (their module size cap is
    /// the upload cap).
    pub rules: Rules,
    /// Participants' tokens; `None`: the server is open to anyone.
    pub tokens: Option<Tokens>,
    /// When submissions close, if ever.
    pub close_at: Option<Deadline>,
    /// How many validations run at once.
    pub workers: usize,
    /// How many submissions may wait for a worker before the server
    /// answers "busy".
    pub queue: usize,
    /// Submissions per participant (token, or machine when open) per
    /// minute; 0 for no limit.
    pub rate_limit_per_minute: u32,
    /// How long an upload may take to arrive.
    pub upload_timeout: Duration,
    /// Bytes of uploads held in memory at once (received, waiting or being
    /// validated); at least one upload at the cap is always allowed. An
    /// upload waits for room (up to half of `upload_timeout`), then is
    /// answered "busy".
    pub upload_memory: u64,
    /// How long a client may take to send a request's headers.
    pub header_timeout: Duration,
    /// Connections served at once; more wait to be accepted.
    pub max_connections: usize,
    /// Where compiled bots are cached (`None`: compile every time).
    pub cache_dir: Option<PathBuf>,
    /// The wall-clock backstop of a validation match: past it, the
    /// validation fails with a host error naming the bot, so a worker always
    /// comes back (and a deadline always locks the registry) even if a bot
    /// found work that fuel does not charge.
    pub validation_backstop: Duration,
    /// The replay player's bundle for the web pages (`arena_web.wasm` and
    /// `fonts/`, as `cargo xtask web` writes them); without it the pages
    /// work but replays do not play in them.
    pub web_dir: Option<PathBuf>,
    /// A tournament's output folder, for the `/live` page to follow.
    pub tournament_dir: Option<PathBuf>,
    /// A folder of example bots (`NAME.wasm`) that playground matches may
    /// be against, besides the registry's entrants.
    pub examples_dir: Option<PathBuf>,
}

impl ServerConfig {
    /// The defaults, for the registry at `registry`: the default rules, open,
    /// no deadline, one worker per core, 200 queued, 10 submissions a
    /// minute, 120 s to upload, 1 GiB of uploads in memory, 15 s to send
    /// headers, 60 s of wall-clock time for a validation match.
    pub fn new(registry: impl Into<PathBuf>) -> Self {
        Self {
            registry: registry.into(),
            rules: Rules::default(),
            tokens: None,
            close_at: None,
            workers: std::thread::available_parallelism().map_or(2, usize::from),
            queue: 200,
            rate_limit_per_minute: 10,
            upload_timeout: Duration::from_secs(120),
            upload_memory: 1 << 30,
            header_timeout: Duration::from_secs(15),
            max_connections: 1024,
            cache_dir: Runtime::default_cache_dir(),
            validation_backstop: Duration::from_secs(60),
            web_dir: None,
            tournament_dir: None,
            examples_dir: None,
        }
    }
}

/// What the server found and set up, for its start-up banner.
#[derive(Clone, Debug)]
pub struct Startup {
    /// The address it listens on (the real port when 0 was asked for).
    pub addr: SocketAddr,
    /// The registry directory.
    pub registry: PathBuf,
    /// Tokens or open.
    pub auth: AuthMode,
    /// How many participants have tokens.
    pub participants: usize,
    /// Where the organiser's token was written, when the tokens file had
    /// none (or there is no tokens file).
    pub admin_token_file: Option<PathBuf>,
    /// Whether submissions are open now.
    pub submissions_open: bool,
    /// The deadline, if any.
    pub close_at: Option<Deadline>,
    /// Validations at once.
    pub workers: usize,
    /// Submissions that may wait.
    pub queue: usize,
    /// The largest upload accepted, in bytes.
    pub max_upload_bytes: u64,
    /// Submissions per participant per minute (0: no limit).
    pub rate_limit_per_minute: u32,
    /// Entrants in the registry now.
    pub entrants: usize,
    /// Versions in the registry now.
    pub versions: usize,
    /// The replay player's bundle, when it is there.
    pub web_dir: Option<PathBuf>,
}
