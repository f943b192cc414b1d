//! The submission server: configuration, state, routes and the accept loop.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path as FsPath, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use arena_registry::form::{Form, FormProblem, Upload};
use arena_registry::{MAX_AVATAR_BYTES, Registry, RegistryError};
use arena_runtime::{Runtime, Validation};
use arena_sim::Rules;
use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::BodyExt;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::Deserialize;
use tokio::net::TcpListener;
use tokio::sync::{RwLock, Semaphore};
use tower::Service;

use crate::ServerError;
use crate::api::{
    self, AuthMode, CheckAnswer, CloseAnswer, ErrorAnswer, Health, PREFIX, StoredAnswer, SubmitAnswer, ValidationAnswer,
};
use crate::rate::RateLimit;
use crate::time::{Deadline, describe};
use crate::tokens::{Holder, Tokens, generate_token};

/// How many failed validations' replays are kept in memory to be fetched.
const FAILED_REPLAYS_KEPT: usize = 256;

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
}

/// A bound server, ready to [`run`](Server::run).
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
    startup: Startup,
    header_timeout: Duration,
    max_connections: usize,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("startup", &self.startup).finish_non_exhaustive()
    }
}

struct Shared {
    registry: Registry,
    runtime: Runtime,
    rules: Rules,
    tokens: Tokens,
    auth: AuthMode,
    close_at: Option<Deadline>,
    closed: AtomicBool,
    /// Submissions hold it shared from acceptance until stored; closing
    /// takes it exclusively, so every submission accepted before the close
    /// is finished before the registry is locked.
    gate: Arc<RwLock<()>>,
    workers: Arc<Semaphore>,
    worker_count: usize,
    queue: usize,
    pending: AtomicUsize,
    rate: RateLimit,
    rate_per_minute: u32,
    upload_timeout: Duration,
    /// Room for uploads in memory, in KiB.
    upload_budget: Arc<Semaphore>,
    failed_replays: Mutex<VecDeque<(String, Arc<Vec<u8>>)>>,
    /// Uploads in progress per client address.
    uploads_by_address: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// The most uploads one client address may be sending at once (from the
/// request's arrival until its body is in): a slow client, or one that
/// never finishes, holds at most this many connections and this much
/// upload memory. Validation afterwards does not count.
pub const MAX_UPLOADS_PER_ADDRESS: usize = 32;

/// How long a refused request's body is read before the connection is
/// closed: long enough for a client that is already sending a small bot to
/// get the answer instead of a reset, short enough that refused clients hold
/// no connection slot.
const REFUSED_DRAIN: Duration = Duration::from_secs(1);

/// One upload in progress from an address; leaving frees its place.
struct AddressSlot {
    map: Arc<Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl AddressSlot {
    fn enter(map: &Arc<Mutex<HashMap<IpAddr, usize>>>, ip: IpAddr) -> Option<Self> {
        let mut m = map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = m.entry(ip).or_insert(0);
        if *n >= MAX_UPLOADS_PER_ADDRESS {
            return None;
        }
        *n += 1;
        Some(Self { map: map.clone(), ip })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut m = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = m.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                m.remove(&self.ip);
            }
        }
    }
}

impl Server {
    /// Opens the registry, sets up the sandbox and binds `addr`.
    pub async fn bind(config: ServerConfig, addr: SocketAddr) -> Result<Self, ServerError> {
        let registry = Registry::open(&config.registry)?;
        let index = registry.index()?;
        let runtime = Runtime::new(&config.rules.limits, config.cache_dir.clone())
            .map_err(|e| ServerError::Runtime(e.to_string()))?
            .with_backstop(config.validation_backstop);
        let auth = if config.tokens.is_some() { AuthMode::Tokens } else { AuthMode::Open };
        let mut tokens = config.tokens.unwrap_or_default();
        let admin_token_file = if tokens.has_admin() {
            None
        } else {
            let path = registry.dir().join(".admin-token");
            let token = admin_token(&path)?;
            tokens.insert(&token, Holder::Admin);
            Some(path)
        };
        let listener = TcpListener::bind(addr).await.map_err(|source| ServerError::Bind { addr, source })?;
        let addr = listener.local_addr().map_err(|source| ServerError::Bind { addr, source })?;
        let closed = index.locked || config.close_at.as_ref().is_some_and(Deadline::has_passed);
        let workers = config.workers.max(1);
        let startup = Startup {
            addr,
            registry: registry.dir().to_owned(),
            auth,
            participants: tokens.participants(),
            admin_token_file,
            submissions_open: !closed,
            close_at: config.close_at.clone(),
            workers,
            queue: config.queue,
            max_upload_bytes: max_upload(&config.rules),
            rate_limit_per_minute: config.rate_limit_per_minute,
            entrants: index.entrants.len(),
            versions: index.entrants.iter().map(|e| e.versions.len()).sum(),
        };
        let shared = Arc::new(Shared {
            registry,
            runtime,
            rules: config.rules,
            tokens,
            auth,
            close_at: config.close_at,
            closed: AtomicBool::new(closed),
            gate: Arc::new(RwLock::new(())),
            workers: Arc::new(Semaphore::new(workers)),
            worker_count: workers,
            queue: config.queue,
            pending: AtomicUsize::new(0),
            rate: RateLimit::per_minute(config.rate_limit_per_minute),
            rate_per_minute: config.rate_limit_per_minute,
            upload_timeout: config.upload_timeout,
            upload_budget: Arc::new(Semaphore::new(kib(config.upload_memory.max(startup.max_upload_bytes)) as usize)),
            failed_replays: Mutex::new(VecDeque::new()),
            uploads_by_address: Arc::new(Mutex::new(HashMap::new())),
        });
        Ok(Self {
            listener,
            shared,
            startup,
            header_timeout: config.header_timeout,
            max_connections: config.max_connections.max(1),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.startup.addr
    }

    /// What the server found and set up.
    pub fn startup(&self) -> &Startup {
        &self.startup
    }

    /// Serves until `shutdown` completes, then waits (up to two minutes) for
    /// the submissions in flight to be stored.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> Result<(), ServerError> {
        let shared = self.shared;
        if let Some(deadline) = shared.close_at.clone()
            && (!shared.closed.load(Ordering::SeqCst) || deadline.has_passed())
        {
            let shared = shared.clone();
            tokio::spawn(async move {
                tokio::time::sleep(deadline.remaining()).await;
                let why = format!("the deadline {} has passed", deadline.text);
                if let Err(e) = close(&shared, &why).await {
                    log(&format!("could not lock the registry at the deadline: {}", e.message));
                }
            });
        }
        let router = router(shared.clone());
        let connections = Arc::new(Semaphore::new(self.max_connections));
        tokio::pin!(shutdown);
        loop {
            let permit = tokio::select! {
                () = &mut shutdown => break,
                p = connections.clone().acquire_owned() => p.expect("the connection semaphore is never closed"),
            };
            let (stream, peer) = tokio::select! {
                () = &mut shutdown => break,
                accepted = self.listener.accept() => match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        // Out of file descriptors and the like: wait a moment
                        // for connections to end, then accept again.
                        log(&format!("cannot accept a connection: {e}"));
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                },
            };
            let _ = stream.set_nodelay(true);
            let router = router.clone();
            let header_timeout = self.header_timeout;
            tokio::spawn(async move {
                let _permit = permit;
                let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(ConnectInfo(peer));
                    let mut router = router.clone();
                    async move { router.call(req).await }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
        log("shutting down: finishing the submissions in flight");
        if tokio::time::timeout(Duration::from_secs(120), shared.gate.write()).await.is_err() {
            log("gave up waiting for submissions in flight after 2 min");
        }
        Ok(())
    }
}

/// Starts a tokio runtime, binds, calls `ready` with what the server found,
/// and serves until Ctrl-C (or SIGTERM).
pub fn serve_blocking(config: ServerConfig, addr: SocketAddr, ready: impl FnOnce(&Startup)) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("arena-serve")
        .build()
        .map_err(|source| ServerError::Io {
            action: "cannot start the server's threads",
            path: PathBuf::new(),
            source,
        })?;
    runtime.block_on(async {
        let server = Server::bind(config, addr).await?;
        ready(server.startup());
        server.run(shutdown_signal()).await
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// The organiser's token kept beside the registry, made on first use.
fn admin_token(path: &FsPath) -> Result<String, ServerError> {
    if let Ok(text) = std::fs::read_to_string(path) {
        let token = text.trim();
        if token.len() >= 16 && !token.contains(char::is_whitespace) {
            return Ok(token.to_owned());
        }
    }
    let token = generate_token()?;
    let io = |source| ServerError::Io { action: "cannot write the admin token to", path: path.to_owned(), source };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(io)?;
    std::io::Write::write_all(&mut file, format!("{token}\n").as_bytes()).map_err(io)?;
    Ok(token)
}

/// The largest upload accepted: the module cap, an avatar and a form's
/// overhead.
fn max_upload(rules: &Rules) -> u64 {
    Form::max_bytes(rules.limits.max_module_bytes)
}

/// Bytes in KiB, rounded up (semaphore permits).
fn kib(bytes: u64) -> u32 {
    u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX)
}

/// One line of the server's log, on stderr, stamped with the UTC time. Its
/// text may hold a bot's words (an `init` error, a name), so control
/// characters are escaped: one line stays one line, and nothing a bot
/// writes reaches the organiser's terminal as a command.
fn log(line: &str) {
    let t = crate::time::unix_now().rem_euclid(86_400);
    eprintln!("[{:02}:{:02}:{:02}Z] {}", t / 3600, t % 3600 / 60, t % 60, arena_sim::printable(line));
}

fn router(shared: Arc<Shared>) -> Router {
    let upload_cap = usize::try_from(max_upload(&shared.rules)).unwrap_or(usize::MAX);
    Router::new()
        .route("/", get(endpoints))
        .route(PREFIX, get(endpoints))
        .route(&format!("{PREFIX}/health"), get(health))
        .route(&format!("{PREFIX}/submissions"), post(submit).layer(DefaultBodyLimit::max(upload_cap)))
        .route(&format!("{PREFIX}/bots"), get(bots))
        .route(&format!("{PREFIX}/bots/{{reference}}"), get(entrant))
        .route(&format!("{PREFIX}/bots/{{reference}}/validation"), get(validation))
        .route(&format!("{PREFIX}/bots/{{reference}}/replay"), get(bot_replay))
        .route(&format!("{PREFIX}/bots/{{reference}}/avatar"), get(avatar))
        .route(&format!("{PREFIX}/replays/{{sha256}}"), get(replay_by_hash))
        .route(&format!("{PREFIX}/admin/close"), post(admin_close))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(shared)
}

/// An error answer: a status and a message for a person.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    message: String,
    retry_after: Option<u64>,
    /// Close the connection after the answer (a refused upload whose body
    /// is not read).
    close: bool,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into(), retry_after: None, close: false }
    }

    fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    fn internal(message: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the server failed: {message}; tell the organiser (the server's log has the details)"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(ErrorAnswer { error: self.message })).into_response();
        if let Some(secs) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.close {
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

impl From<FormProblem> for ApiError {
    fn from(p: FormProblem) -> Self {
        let status = if p.is_too_large() { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::BAD_REQUEST };
        ApiError::new(status, p.to_string())
    }
}

impl From<RegistryError> for ApiError {
    fn from(e: RegistryError) -> Self {
        let status = match &e {
            RegistryError::BadName { .. } | RegistryError::BadAvatar(_) => StatusCode::BAD_REQUEST,
            RegistryError::NameTaken { .. } => StatusCode::CONFLICT,
            RegistryError::NotFound(_) => StatusCode::NOT_FOUND,
            RegistryError::Locked => StatusCode::FORBIDDEN,
            RegistryError::Io { .. } | RegistryError::CorruptIndex { .. } => {
                log(&format!("registry error: {e}"));
                return ApiError::internal(e);
            }
        };
        ApiError::new(status, e.to_string())
    }
}

/// Runs blocking work (file input and output) off the async threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(ApiError::internal)
}

impl Shared {
    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst) || self.close_at.as_ref().is_some_and(Deadline::has_passed)
    }

    fn closed_error(&self) -> ApiError {
        let when = match &self.close_at {
            Some(d) if d.has_passed() => format!(" (the deadline was {})", d.text),
            _ => String::new(),
        };
        ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "submissions are closed{when}: the registry is locked for the tournament, which uses the bots already submitted"
            ),
        )
    }

    fn ensure_open(&self) -> Result<(), ApiError> {
        if self.is_closed() { Err(self.closed_error()) } else { Ok(()) }
    }

    /// Who sent the request: `Ok(None)` on an open server without a token.
    fn authenticate(&self, headers: &HeaderMap) -> Result<Option<Holder>, ApiError> {
        let token = bearer(headers)?;
        match (token, self.auth) {
            (Some(t), _) => match self.tokens.holder(t) {
                Some(holder) => Ok(Some(holder.clone())),
                None if self.auth == AuthMode::Open => Ok(None),
                None => Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "the token is not valid on this server: check that you copied your whole token (the organiser has it)",
                )),
            },
            (None, AuthMode::Open) => Ok(None),
            (None, AuthMode::Tokens) => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "this server needs a token: pass --token TOKEN (or set ARENA_TOKEN); the organiser gives each participant one",
            )),
        }
    }

    fn remember_failed_replay(&self, sha256: String, bytes: Vec<u8>) {
        let mut kept = self.failed_replays.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.retain(|(s, _)| *s != sha256);
        if kept.len() >= FAILED_REPLAYS_KEPT {
            kept.pop_front();
        }
        kept.push_back((sha256, Arc::new(bytes)));
    }

    fn failed_replay(&self, sha256: &str) -> Option<Arc<Vec<u8>>> {
        let kept = self.failed_replays.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.iter().find(|(s, _)| s == sha256).map(|(_, b)| b.clone())
    }

    /// Validates an upload and, when it passes, stores it. Blocking: runs
    /// on a worker.
    fn validate_and_store(&self, upload: &Upload) -> Result<(Validation, Option<arena_registry::Version>), ApiError> {
        match crate::submission::validate_and_store(&self.runtime, &self.rules, &self.registry, upload) {
            Ok(done) => {
                if done.stored.is_none()
                    && let (Some(identity), Some(bytes)) = (&done.validation.identity, done.replay)
                {
                    self.remember_failed_replay(identity.sha256.clone(), bytes);
                }
                Ok((done.validation, done.stored))
            }
            Err(RegistryError::Locked) => {
                self.closed.store(true, Ordering::SeqCst);
                Err(self.closed_error())
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// The `Authorization: Bearer TOKEN` of a request, if any.
fn bearer(headers: &HeaderMap) -> Result<Option<&str>, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else { return Ok(None) };
    let value = value.to_str().map_err(|_| ApiError::bad("the Authorization header is not plain text"))?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(Some(token.trim()))
        }
        _ => Err(ApiError::new(StatusCode::UNAUTHORIZED, "send the token as `Authorization: Bearer TOKEN`")),
    }
}

/// Closes submissions: no new ones, the ones in flight finish, then the
/// registry is locked.
async fn close(shared: &Arc<Shared>, why: &str) -> Result<(), ApiError> {
    shared.closed.store(true, Ordering::SeqCst);
    let _everyone_done = shared.gate.write().await;
    let registry = shared.registry.clone();
    blocking(move || registry.set_locked(true)).await??;
    log(&format!("submissions closed ({why}); the registry is locked for the tournament"));
    Ok(())
}

async fn endpoints() -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "arena": "submission server",
        "endpoints": {
            "GET /api/v1/health": "is the server up, are submissions open, the deadline, the queue",
            "POST /api/v1/submissions": "submit a bot: multipart form (name, author, wasm, optional avatar) or the raw .wasm with ?name=&author=; Authorization: Bearer TOKEN",
            "GET /api/v1/bots": "every entrant and version, with validation results",
            "GET /api/v1/bots/{name}": "one entrant and its versions",
            "GET /api/v1/bots/{name[@N]}/validation": "a version's validation result",
            "GET /api/v1/bots/{name[@N]}/replay": "a version's validation replay",
            "GET /api/v1/bots/{name[@N]}/avatar": "a version's avatar",
            "GET /api/v1/replays/{sha256}": "the validation replay of a bot by hash, passed or failed",
            "POST /api/v1/admin/close": "close submissions and lock the registry (the organiser's token)",
        },
        "cli": "arena submit BOT.wasm --name NAME --author HANDLE --server URL --token TOKEN",
    }))
}

async fn health(State(s): State<Arc<Shared>>) -> Json<Health> {
    Json(Health {
        ok: true,
        server: format!("arena-server {}", env!("CARGO_PKG_VERSION")),
        submissions_open: !s.is_closed(),
        close_at: s.close_at.as_ref().map(|d| d.text.clone()),
        auth: s.auth,
        workers: s.worker_count,
        pending: s.pending.load(Ordering::SeqCst),
        queue_capacity: s.queue,
        max_module_bytes: s.rules.limits.max_module_bytes,
        max_avatar_bytes: MAX_AVATAR_BYTES as u64,
        rate_limit_per_minute: s.rate_per_minute,
    })
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!("there is no {method} {}: GET {PREFIX} lists the endpoints", uri.path()),
    )
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} does not take {method}: GET {PREFIX} lists the endpoints and their methods", uri.path()),
    )
}

#[derive(Debug, Default, Deserialize)]
struct SubmitQuery {
    name: Option<String>,
    author: Option<String>,
}

/// Counts a submission as pending from the start of its upload until it is
/// answered.
struct Pending(Arc<Shared>);

impl Pending {
    fn enter(s: &Arc<Shared>) -> Result<Self, ApiError> {
        let limit = s.worker_count + s.queue;
        let was = s.pending.fetch_add(1, Ordering::SeqCst);
        if was >= limit {
            s.pending.fetch_sub(1, Ordering::SeqCst);
            let mut e = ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the server is busy: {was} submissions are being received, validated or waiting; try again in a minute"
                ),
            );
            e.retry_after = Some(60);
            return Err(e);
        }
        Ok(Self(s.clone()))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.pending.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn submit(State(s): State<Arc<Shared>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, req: Request) -> Response {
    let arrived = Instant::now();
    let expects_continue =
        req.headers().get(header::EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let (response, what) = match submit_inner(&s, peer, req, arrived, expects_continue).await {
        Ok((status, answer)) => {
            let what = match &answer.stored {
                Some(v) => format!(
                    "stored {} version {} by {} (queued {} ms, validated {} ms, waited {} ms)",
                    answer.name, v.version, answer.author, answer.queued_ms, answer.validation_ms, answer.waited_ms
                ),
                None => format!(
                    "{} by {} failed validation: {}",
                    answer.name,
                    answer.author,
                    answer.error.as_deref().unwrap_or("")
                ),
            };
            ((status, Json(answer)).into_response(), what)
        }
        Err(e) => {
            let what = format!("refused ({}): {}", e.status.as_u16(), e.message);
            (e.into_response(), what)
        }
    };
    log(&format!("{} submit: {what}", peer.ip()));
    response
}

async fn submit_inner(
    s: &Arc<Shared>,
    peer: SocketAddr,
    req: Request,
    arrived: Instant,
    expects_continue: bool,
) -> Result<(StatusCode, SubmitAnswer), ApiError> {
    let cap = max_upload(&s.rules);
    let length =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    // Refusals that do not depend on the upload come before reading it.
    // A client that did not wait for `100 Continue` is already sending the
    // body: read it (up to the cap) and drop it, so that the answer reaches
    // the client instead of a reset connection.
    let early = (|| -> Result<(Option<Holder>, Pending, AddressSlot), ApiError> {
        s.ensure_open()?;
        let slot = AddressSlot::enter(&s.uploads_by_address, peer.ip()).ok_or_else(|| {
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "this machine already has {MAX_UPLOADS_PER_ADDRESS} uploads in progress; wait for them to be \
                     answered, then submit again"
                ),
            );
            e.retry_after = Some(10);
            e
        })?;
        let holder = s.authenticate(req.headers())?;
        let key = match &holder {
            Some(Holder::Participant(handle)) => format!("token:{handle}"),
            Some(Holder::Admin) => "admin".to_owned(),
            None => format!("address:{}", peer.ip()),
        };
        if let Err(wait) = s.rate.check(&key, arrived) {
            let secs = wait.as_secs().max(1);
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many submissions: at most {} a minute for each participant; try again in {}",
                    s.rate_per_minute,
                    describe(Duration::from_secs(secs))
                ),
            );
            e.retry_after = Some(secs);
            return Err(e);
        }
        Ok((holder, Pending::enter(s)?, slot))
    })();
    let (holder, pending, slot) = match early {
        Ok(h) => h,
        Err(mut e) => {
            // Answer at once and close: a refused client holds no slot.
            if !expects_continue && length.is_none_or(|n| n <= cap) {
                drain(req.into_body(), cap, REFUSED_DRAIN).await;
            }
            e.close = true;
            return Err(e);
        }
    };
    if let Some(n) = length.filter(|n| *n > cap) {
        return Err(ApiError {
            close: true,
            ..ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the upload is {n} bytes, over this server's cap of {cap} bytes (the module size cap of {} bytes, \
                 rules: limits.max_module_bytes, plus an avatar of up to {MAX_AVATAR_BYTES} bytes); build in release \
                 mode and strip debug info (`strip = true` in your Cargo profile)",
                    s.rules.limits.max_module_bytes
                ),
            )
        });
    }

    // Room in memory for the upload, held until it is answered.
    let room = kib(length.unwrap_or(cap).min(cap));
    let Ok(Ok(budget)) =
        tokio::time::timeout(s.upload_timeout / 2, s.upload_budget.clone().acquire_many_owned(room)).await
    else {
        drop(pending);
        let mut e = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy receiving other uploads; try again in a minute",
        );
        e.retry_after = Some(60);
        e.close = true;
        if !expects_continue {
            drain(req.into_body(), cap, REFUSED_DRAIN).await;
        }
        return Err(e);
    };
    let upload = tokio::time::timeout(s.upload_timeout, read_upload(s, req)).await;
    drop(slot);
    let upload = match upload {
        Ok(result) => result?,
        Err(_) => {
            return Err(ApiError {
                close: true,
                ..ApiError::new(
                    StatusCode::REQUEST_TIMEOUT,
                    format!(
                        "the upload took longer than {}: check your network connection and submit again",
                        describe(s.upload_timeout)
                    ),
                )
            });
        }
    };
    if let Some(Holder::Participant(handle)) = &holder
        && *handle != upload.author
    {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "your token is for the author `{handle}`, so it cannot submit as `{}`: pass --author {handle}",
                upload.author.escape_debug()
            ),
        ));
    }
    if upload.wasm.is_empty() {
        return Err(ApiError::bad(
            "the upload is empty: send your bot's .wasm file (the `wasm` field of the form, or the body of the request)",
        ));
    }
    if !upload.wasm.starts_with(b"\0asm") {
        return Err(ApiError::bad(
            "the upload is not a WebAssembly file (it does not start with the bytes `\\0asm`): send the .wasm your \
             build made, e.g. target/wasm32-wasip2/release/NAME.wasm",
        ));
    }
    // The quick checks of the one submission path (names, avatar, a taken
    // name, a locked registry) before a worker is spent on validation.
    let registry = s.registry.clone();
    let (upload, checked) = blocking(move || {
        let checked = crate::submission::precheck(&registry, &upload);
        (upload, checked)
    })
    .await?;
    match checked {
        Ok(()) => {}
        Err(RegistryError::Locked) => {
            s.closed.store(true, Ordering::SeqCst);
            return Err(s.closed_error());
        }
        Err(e) => return Err(e.into()),
    }

    let queued_at = Instant::now();
    let gate = s.gate.clone().read_owned().await;
    s.ensure_open()?;
    let permit = s.workers.clone().acquire_owned().await.map_err(ApiError::internal)?;
    let queued = queued_at.elapsed();
    let started = Instant::now();
    let shared = s.clone();
    // The permit, the gate and the pending count go with the work: should
    // the client hang up, the validation still finishes (and a passing bot
    // is stored) before another starts.
    let (upload, outcome) = blocking(move || {
        let _permit = permit;
        let _gate = gate;
        let _pending = pending;
        let _budget = budget;
        let outcome = shared.validate_and_store(&upload);
        (upload, outcome)
    })
    .await?;
    let (v, stored) = outcome?;
    let validation_ms = millis(started.elapsed());
    let sha256 = v.identity.as_ref().map(|i| i.sha256.clone());
    let replay = match (&stored, &sha256, &v.replay) {
        (Some(version), _, Some(_)) => Some(api::version_replay_path(&upload.name, version.version)),
        (None, Some(sha), Some(_)) => Some(api::replay_path(sha)),
        _ => None,
    };
    let passed = stored.is_some();
    let answer = SubmitAnswer {
        name: upload.name,
        author: upload.author,
        passed,
        checks: v
            .checks
            .iter()
            .map(|c| CheckAnswer {
                check: crate::submission::check_name(c.check),
                description: c.check.describe().to_owned(),
                passed: c.passed,
                message: c.message.clone(),
            })
            .collect(),
        stored: stored.map(|v| StoredAnswer { version: v.version, sha256: v.sha256, size: v.size }),
        sha256,
        replay,
        error: v.failure().map(|c| format!("it does not pass validation: {}", c.message)),
        queued_ms: millis(queued),
        validation_ms,
        waited_ms: millis(arrived.elapsed()),
    };
    let status = if passed { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, answer))
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Reads and drops a request body, up to `cap` bytes and `within` time, and
/// only while it keeps coming: a client that pauses for [`DRAIN_IDLE`] is
/// not waited for.
async fn drain(body: Body, cap: u64, within: Duration) {
    let mut body = body;
    let mut read = 0u64;
    let _ = tokio::time::timeout(within, async {
        while let Ok(Some(Ok(frame))) = tokio::time::timeout(DRAIN_IDLE, body.frame()).await {
            if let Some(data) = frame.data_ref() {
                read += data.len() as u64;
                if read > cap {
                    break;
                }
            }
        }
    })
    .await;
}

/// How long a refused client's body may pause before the connection is
/// closed.
const DRAIN_IDLE: Duration = Duration::from_millis(100);

async fn read_upload(s: &Shared, req: Request) -> Result<Upload, ApiError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
    if multipart {
        return read_form(s, req).await;
    }
    let query = Query::<SubmitQuery>::try_from_uri(req.uri())
        .map_err(|e| ApiError::bad(format!("the query string is not valid: {e}; use ?name=NAME&author=HANDLE")))?
        .0;
    let cap = s.rules.limits.max_module_bytes;
    let mut body = req.into_body();
    let mut wasm = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ApiError::bad(format!("the upload broke off: {e}")))?;
        if let Some(data) = frame.data_ref() {
            if wasm.len() as u64 + data.len() as u64 > cap {
                return Err(FormProblem::WasmTooBig { cap }.into());
            }
            wasm.extend_from_slice(data);
        }
    }
    Ok(Upload {
        name: query.name.ok_or_else(|| ApiError::bad("the bot's name is missing: add ?name=NAME to the address"))?,
        author: query
            .author
            .ok_or_else(|| ApiError::bad("the author's handle is missing: add &author=HANDLE to the address"))?,
        wasm,
        avatar: None,
    })
}

fn form_error(e: &axum::extract::multipart::MultipartError, s: &Shared) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the upload is over this server's cap of {} bytes (the module size cap plus an avatar); build in \
                 release mode and strip debug info",
                max_upload(&s.rules)
            ),
        )
    } else {
        ApiError::bad(format!("the upload is not a valid form: {}", e.body_text()))
    }
}

async fn read_form(s: &Shared, req: Request) -> Result<Upload, ApiError> {
    let mut multipart = Multipart::from_request(req, &())
        .await
        .map_err(|e| ApiError::bad(format!("the upload is not a valid form: {}", e.body_text())))?;
    let mut form = Form::new(s.rules.limits.max_module_bytes);
    while let Some(mut field) = multipart.next_field().await.map_err(|e| form_error(&e, s))? {
        form.start_field(field.name().unwrap_or_default());
        while let Some(chunk) = field.chunk().await.map_err(|e| form_error(&e, s))? {
            form.push(&chunk);
        }
        form.end_field();
    }
    form.finish().map_err(ApiError::from)
}

async fn bots(State(s): State<Arc<Shared>>) -> Result<Json<arena_registry::Index>, ApiError> {
    let registry = s.registry.clone();
    Ok(Json(blocking(move || registry.index()).await??))
}

type RefPath = Result<Path<String>, axum::extract::rejection::PathRejection>;

/// Finds `name` or `name@N` in the registry.
async fn find(s: &Shared, reference: RefPath) -> Result<(arena_registry::Entrant, arena_registry::Version), ApiError> {
    let Path(reference) = reference.map_err(|e| ApiError::bad(format!("the bot in the address is not valid: {e}")))?;
    let registry = s.registry.clone();
    let index = blocking(move || registry.index()).await??;
    match index.find(&reference) {
        Some((e, v)) => Ok((e.clone(), v.clone())),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!(
                "there is no bot `{}` on this server: GET {PREFIX}/bots (or `arena bots --server URL`) lists them",
                reference.escape_debug()
            ),
        )),
    }
}

async fn entrant(State(s): State<Arc<Shared>>, reference: RefPath) -> Result<Json<arena_registry::Entrant>, ApiError> {
    Ok(Json(find(&s, reference).await?.0))
}

async fn validation(State(s): State<Arc<Shared>>, reference: RefPath) -> Result<Json<ValidationAnswer>, ApiError> {
    let (e, v) = find(&s, reference).await?;
    let replay = v.validation_replay.as_ref().map(|_| api::version_replay_path(&e.name, v.version));
    Ok(Json(ValidationAnswer {
        name: e.name,
        author: e.author,
        version: v.version,
        replay,
        sha256: v.sha256,
        validation: v.validation,
    }))
}

/// A file of the registry as an answer.
async fn registry_file(s: &Shared, relative: String, content_type: &'static str) -> Result<Response, ApiError> {
    let path = s.registry.path_of(&relative);
    let bytes = blocking(move || std::fs::read(path)).await?.map_err(ApiError::internal)?;
    Ok(([(header::CONTENT_TYPE, content_type)], bytes).into_response())
}

async fn bot_replay(State(s): State<Arc<Shared>>, reference: RefPath) -> Result<Response, ApiError> {
    let (e, v) = find(&s, reference).await?;
    let Some(replay) = v.validation_replay else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, format!("{}@{} has no validation replay", e.name, v.version)));
    };
    registry_file(&s, replay, "application/octet-stream").await
}

async fn avatar(State(s): State<Arc<Shared>>, reference: RefPath) -> Result<Response, ApiError> {
    let (e, v) = find(&s, reference).await?;
    let Some(avatar) = v.avatar else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, format!("{}@{} has no avatar", e.name, v.version)));
    };
    registry_file(&s, avatar, "image/png").await
}

async fn replay_by_hash(
    State(s): State<Arc<Shared>>,
    sha256: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Response, ApiError> {
    let Path(sha256) = sha256.map_err(|e| ApiError::bad(format!("the address is not valid: {e}")))?;
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
        return Err(ApiError::bad("a replay is named by the SHA-256 of its bot: 64 lowercase hex digits"));
    }
    // A stored version's replay (the first version with this wasm), else a
    // failed validation's kept in memory.
    let registry = s.registry.clone();
    let index = blocking(move || registry.index()).await??;
    let stored = index
        .entrants
        .iter()
        .flat_map(|e| &e.versions)
        .find(|v| v.sha256 == sha256)
        .and_then(|v| v.validation_replay.clone());
    if let Some(relative) = stored {
        return registry_file(&s, relative, "application/octet-stream").await;
    }
    match s.failed_replay(&sha256) {
        Some(bytes) => {
            Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes.as_ref().clone()).into_response())
        }
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no validation replay for that bot here (replays of failed validations are kept only for a while): submit it again",
        )),
    }
}

async fn admin_close(State(s): State<Arc<Shared>>, headers: HeaderMap) -> Result<Json<CloseAnswer>, ApiError> {
    match bearer(&headers)?.map(|t| s.tokens.holder(t)) {
        Some(Some(Holder::Admin)) => {}
        Some(Some(Holder::Participant(_))) => {
            return Err(ApiError::new(StatusCode::FORBIDDEN, "only the organiser's token can close submissions"));
        }
        _ => {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "closing submissions needs the organiser's token (the @admin line of the tokens file, or the \
                 .admin-token file in the registry directory) as `Authorization: Bearer TOKEN`",
            ));
        }
    }
    close(&s, "the organiser closed them").await?;
    Ok(Json(CloseAnswer {
        closed: true,
        locked: true,
        message: "submissions are closed and the registry is locked for the tournament".to_owned(),
    }))
}
