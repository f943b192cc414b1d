//! What every handler shares: the registry, the sandbox, the tokens, whether
//! submissions are open, the validation pool and the limits' counters, and
//! the replays of failed validations kept for a while.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arena_registry::form::Upload;
use arena_registry::{Registry, RegistryError};
use arena_runtime::{Runtime, Validation};
use arena_sim::Rules;
use axum::http::StatusCode;
use tokio::sync::{RwLock, Semaphore};

use super::ApiError;
use crate::api::AuthMode;
use crate::rate::RateLimit;
use crate::time::Deadline;
use crate::tokens::Tokens;

/// How many failed validations' replays, and how many playground replays,
/// are kept in memory to be fetched.
const REPLAYS_KEPT: usize = 256;

/// Replays kept in memory for a while by key, the oldest dropped first.
#[derive(Default)]
pub(super) struct KeptReplays(Mutex<VecDeque<(String, Arc<Vec<u8>>)>>);

impl KeptReplays {
    /// Keeps `bytes` under `key` (replacing what it held).
    pub(super) fn keep(&self, key: String, bytes: Vec<u8>) {
        let mut kept = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.retain(|(k, _)| *k != key);
        if kept.len() >= REPLAYS_KEPT {
            kept.pop_front();
        }
        kept.push_back((key, Arc::new(bytes)));
    }

    /// The replay kept under `key`.
    pub(super) fn get(&self, key: &str) -> Option<Arc<Vec<u8>>> {
        let kept = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.iter().find(|(k, _)| k == key).map(|(_, b)| b.clone())
    }
}

/// The state behind every handler, one per server.
pub(super) struct Shared {
    pub(super) registry: Registry,
    pub(super) runtime: Runtime,
    pub(super) rules: Rules,
    pub(super) tokens: Tokens,
    pub(super) auth: AuthMode,
    pub(super) close_at: Option<Deadline>,
    pub(super) closed: AtomicBool,
    /// Submissions hold it shared from acceptance until stored; closing
    /// takes it exclusively, so every submission accepted before the close
    /// is finished before the registry is locked.
    pub(super) gate: Arc<RwLock<()>>,
    pub(super) workers: Arc<Semaphore>,
    pub(super) worker_count: usize,
    pub(super) queue: usize,
    pub(super) pending: AtomicUsize,
    pub(super) rate: RateLimit,
    pub(super) rate_per_minute: u32,
    pub(super) upload_timeout: Duration,
    /// Room for uploads in memory, in KiB.
    pub(super) upload_budget: Arc<Semaphore>,
    /// Failed validations' replays, by bot hash.
    pub(super) failed_replays: KeptReplays,
    /// Playground matches' replays, by their id.
    pub(super) play_replays: KeptReplays,
    /// Uploads in progress per client address.
    pub(super) uploads_by_address: Arc<Mutex<HashMap<IpAddr, usize>>>,
    /// The replay player's bundle (`cargo xtask web`), if built.
    pub(super) web_dir: Option<std::path::PathBuf>,
    /// The tournament the pages follow (`--tournament DIR`).
    pub(super) tournament_dir: Option<std::path::PathBuf>,
    /// The example bots a playground match may be against (`--examples`).
    pub(super) examples_dir: Option<std::path::PathBuf>,
}

impl Shared {
    pub(super) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst) || self.close_at.as_ref().is_some_and(Deadline::has_passed)
    }

    pub(super) fn closed_error(&self) -> ApiError {
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

    pub(super) fn ensure_open(&self) -> Result<(), ApiError> {
        if self.is_closed() { Err(self.closed_error()) } else { Ok(()) }
    }

    pub(super) fn failed_replay(&self, sha256: &str) -> Option<Arc<Vec<u8>>> {
        self.failed_replays.get(sha256)
    }

    /// Validates an upload and, when it passes, stores it. Blocking: runs
    /// on a worker.
    pub(super) fn validate_and_store(
        &self,
        upload: &Upload,
    ) -> Result<(Validation, Option<arena_registry::Version>), ApiError> {
        match crate::submission::validate_and_store(&self.runtime, &self.rules, &self.registry, upload) {
            Ok(done) => {
                if done.stored.is_none()
                    && let (Some(identity), Some(bytes)) = (&done.validation.identity, done.replay)
                {
                    self.failed_replays.keep(identity.sha256.clone(), bytes);
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
