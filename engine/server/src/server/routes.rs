//! Which handler answers each method and path, the list of endpoints that
//! `GET /api/v1` answers with, and the answers to anything else (a page
//! for a browser's address, JSON under `/api/v1`).

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::ApiError;
use super::admin::admin_close;
use super::limits::max_upload;
use super::pages::{self, PageError};
use super::playground::{list_opponents, play, play_replay};
use super::reads::{avatar, bot_replay, bots, entrant, health, replay_by_hash, validation};
use super::state::Shared;
use super::submit::submit;
use crate::api::PREFIX;

pub(super) fn router(shared: Arc<Shared>) -> Router {
    let upload_cap = usize::try_from(max_upload(&shared.rules)).unwrap_or(usize::MAX);
    Router::new()
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
        .route(&format!("{PREFIX}/play"), post(play).layer(DefaultBodyLimit::max(upload_cap)))
        .route(&format!("{PREFIX}/play/opponents"), get(list_opponents))
        .route(&format!("{PREFIX}/play/{{id}}"), get(play_replay))
        .merge(pages::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(shared)
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
            "POST /api/v1/play?opponent=ID": "the playground: your bot (a form like a submission's) against an opponent, stored nowhere",
            "GET /api/v1/play/opponents": "the playground's opponents: example bots and entrants",
            "GET /api/v1/play/{id}": "a playground match's replay, kept for a while",
        },
        "cli": "arena submit BOT.wasm --name NAME --author HANDLE --server URL --token TOKEN",
    }))
}

async fn not_found(method: Method, uri: Uri) -> Response {
    if uri.path().starts_with(PREFIX) {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            format!("there is no {method} {}: GET {PREFIX} lists the endpoints", uri.path()),
        )
        .into_response();
    }
    PageError::not_found(format!(
        "there is no page {}: the entrants are at /, the submission form at /submit",
        arena_sim::printable(uri.path())
    ))
    .into_response()
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} does not take {method}: GET {PREFIX} lists the endpoints and their methods", uri.path()),
    )
}
