//! The organiser's side: the admin token kept beside the registry, and
//! closing submissions (at the deadline, or on the organiser's request).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};

use super::auth::bearer;
use super::state::Shared;
use super::{ApiError, blocking, log};
use crate::ServerError;
use crate::api::CloseAnswer;
use crate::tokens::{Holder, generate_token};

/// The organiser's token kept beside the registry, made on first use.
pub(super) fn admin_token(path: &Path) -> Result<String, ServerError> {
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

/// Closes submissions: no new ones, the ones in flight finish, then the
/// registry is locked.
pub(super) async fn close(shared: &Arc<Shared>, why: &str) -> Result<(), ApiError> {
    shared.closed.store(true, Ordering::SeqCst);
    let _everyone_done = shared.gate.write().await;
    let registry = shared.registry.clone();
    blocking(move || registry.set_locked(true)).await??;
    log(&format!("submissions closed ({why}); the registry is locked for the tournament"));
    Ok(())
}

pub(super) async fn admin_close(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Result<Json<CloseAnswer>, ApiError> {
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
