//! The event's web pages, served beside the API from the same port: the
//! entrants (`/`), a bot's page (`/bots/NAME`), the submission form
//! (`/submit`), the playground (`/play`), the tournament of
//! `--tournament DIR` (`/live`) and the replay player (`/watch/...`), with the player's
//! script, style and wasm module under `/web/`.
//!
//! Pages are HTML written on the server; the little script they carry
//! submits the form through the API (`POST /api/v1/submissions`, the one
//! submission path) and plays replays with `arena-web`: arena-sim and
//! arena-scene compiled to wasm, so a browser re-simulates and draws a
//! replay exactly as the Bevy viewer does.

mod assets;
mod bot;
mod entrants;
mod html;
mod live;
mod play_form;
mod submit_form;
mod svg;
mod watch;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;

use super::state::Shared;

pub(super) use html::PageError;

/// The pages' routes.
pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/", get(entrants::entrants))
        .route("/bots/{name}", get(bot::bot))
        .route("/submit", get(submit_form::form))
        .route("/play", get(play_form::form))
        .route("/watch/play/{id}", get(play_form::watch))
        .route("/watch/bot/{reference}", get(watch::bot_replay))
        .route("/watch/replay/{sha256}", get(watch::replay_by_hash))
        .route("/live", get(live::live))
        .route("/live/state", get(live::live_state))
        .route("/live/replay/{id}/{game}", get(live::live_replay))
        .route("/live/avatar/{entrant}", get(live::live_avatar))
        .route("/watch/match/{id}/{game}", get(live::watch_game))
        .route("/web/{file}", get(assets::asset))
        .route("/web/fonts/{file}", get(assets::font))
}
