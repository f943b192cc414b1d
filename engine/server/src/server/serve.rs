//! [`Server`]: binds the address and sets up the shared state, then accepts
//! connections (at most so many at once, each with a header timeout) until
//! told to shut down, and waits for the submissions in flight.

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arena_registry::Registry;
use arena_runtime::Runtime;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{RwLock, Semaphore};
use tower::Service;

use super::admin::{admin_token, close};
use super::config::{ServerConfig, Startup};
use super::limits::{kib, max_upload};
use super::log;
use super::routes::router;
use super::state::{KeptReplays, Shared};
use crate::ServerError;
use crate::api::AuthMode;
use crate::rate::RateLimit;
use crate::time::Deadline;
use crate::tokens::Holder;

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
            web_dir: config.web_dir.clone().filter(|d| d.join("arena_web.wasm").is_file()),
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
            failed_replays: KeptReplays::default(),
            play_replays: KeptReplays::default(),
            uploads_by_address: Arc::new(Mutex::new(HashMap::new())),
            web_dir: config.web_dir,
            tournament_dir: config.tournament_dir,
            examples_dir: config.examples_dir,
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
