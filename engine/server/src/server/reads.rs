//! The handlers that only read: the server's health, the entrants, their
//! validations, replays and avatars.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use arena_registry::MAX_AVATAR_BYTES;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::state::Shared;
use super::{ApiError, blocking};
use crate::api::{self, Health, PREFIX, ValidationAnswer};

pub(super) async fn health(State(s): State<Arc<Shared>>) -> Json<Health> {
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

pub(super) async fn bots(State(s): State<Arc<Shared>>) -> Result<Json<arena_registry::Index>, ApiError> {
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

pub(super) async fn entrant(
    State(s): State<Arc<Shared>>,
    reference: RefPath,
) -> Result<Json<arena_registry::Entrant>, ApiError> {
    Ok(Json(find(&s, reference).await?.0))
}

pub(super) async fn validation(
    State(s): State<Arc<Shared>>,
    reference: RefPath,
) -> Result<Json<ValidationAnswer>, ApiError> {
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

pub(super) async fn bot_replay(State(s): State<Arc<Shared>>, reference: RefPath) -> Result<Response, ApiError> {
    let (e, v) = find(&s, reference).await?;
    let Some(replay) = v.validation_replay else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, format!("{}@{} has no validation replay", e.name, v.version)));
    };
    registry_file(&s, replay, "application/octet-stream").await
}

pub(super) async fn avatar(State(s): State<Arc<Shared>>, reference: RefPath) -> Result<Response, ApiError> {
    let (e, v) = find(&s, reference).await?;
    let Some(avatar) = v.avatar else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, format!("{}@{} has no avatar", e.name, v.version)));
    };
    registry_file(&s, avatar, "image/png").await
}

/// Where the validation replay of a bot hash is: a stored version's file
/// (the first version with this wasm), or a failed validation's bytes kept
/// in memory.
pub(super) enum HashReplay {
    /// Relative to the registry.
    Stored(String),
    /// A failed validation's.
    Failed(Arc<Vec<u8>>),
}

/// Finds the validation replay of the bot whose wasm hashes to `sha256`.
pub(super) async fn find_hash_replay(s: &Shared, sha256: &str) -> Result<Option<HashReplay>, ApiError> {
    let registry = s.registry.clone();
    let index = blocking(move || registry.index()).await??;
    let stored = index
        .entrants
        .iter()
        .flat_map(|e| &e.versions)
        .find(|v| v.sha256 == sha256)
        .and_then(|v| v.validation_replay.clone());
    Ok(match stored {
        Some(relative) => Some(HashReplay::Stored(relative)),
        None => s.failed_replay(sha256).map(HashReplay::Failed),
    })
}

/// Whether `sha256` is 64 lowercase hex digits, as a bot's hash is written.
pub(super) fn is_hash(sha256: &str) -> bool {
    sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The answer when no replay of that hash is here.
pub(super) const NO_HASH_REPLAY: &str =
    "no validation replay for that bot here (replays of failed validations are kept only for a while): submit it again";

pub(super) async fn replay_by_hash(
    State(s): State<Arc<Shared>>,
    sha256: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Response, ApiError> {
    let Path(sha256) = sha256.map_err(|e| ApiError::bad(format!("the address is not valid: {e}")))?;
    if !is_hash(&sha256) {
        return Err(ApiError::bad("a replay is named by the SHA-256 of its bot: 64 lowercase hex digits"));
    }
    match find_hash_replay(&s, &sha256).await? {
        Some(HashReplay::Stored(relative)) => registry_file(&s, relative, "application/octet-stream").await,
        Some(HashReplay::Failed(bytes)) => {
            Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes.as_ref().clone()).into_response())
        }
        None => Err(ApiError::new(StatusCode::NOT_FOUND, NO_HASH_REPLAY)),
    }
}
