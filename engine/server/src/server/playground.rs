//! `POST /api/v1/play?opponent=…`: the playground. A participant's bot
//! fights an example bot or a registered entrant under the event's rules,
//! and the answer points at the replay, kept in memory for a while; nothing
//! is stored. It is bounded like a submission: the same admission (token,
//! rate, this machine's uploads, queue), upload caps and memory, the same
//! validation workers, the sandbox's limits and backstop.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use arena_runtime::Contestant;
use arena_sim::{MatchKind, Side};
use axum::Json;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::state::Shared;
use super::submit::{Received, expects_continue, millis, take_upload};
use super::{ApiError, blocking, log};
use crate::api::{Opponent, PREFIX, PlayAnswer, play_replay_path};

/// `?opponent=example:NAME` or `?opponent=entrant:NAME`.
#[derive(Debug, Deserialize)]
pub(super) struct PlayQuery {
    opponent: Option<String>,
}

/// Where an opponent's wasm is.
pub(super) struct Found {
    name: String,
    author: String,
    wasm: PathBuf,
}

/// Every opponent this server offers: its example bots, then each
/// entrant's newest passing version.
pub(super) fn opponents(s: &Shared) -> Result<Vec<(Opponent, Found)>, ApiError> {
    let mut out = Vec::new();
    if let Some(dir) = &s.examples_dir
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".wasm")).map(str::to_owned))
            .collect();
        names.sort();
        for name in names {
            let wasm = dir.join(format!("{name}.wasm"));
            let id = format!("example:{name}");
            out.push((
                Opponent { id, label: format!("{name} (example bot)") },
                Found { name, author: "arena".into(), wasm },
            ));
        }
    }
    let index = s.registry.index()?;
    for e in &index.entrants {
        if let Some(v) = e.versions.iter().rev().find(|v| v.validation.passed) {
            let id = format!("entrant:{}", e.name);
            let label = format!("{} v{} by {}", e.name, v.version, e.author);
            out.push((
                Opponent { id, label },
                Found { name: e.name.clone(), author: e.author.clone(), wasm: s.registry.path_of(&v.wasm) },
            ));
        }
    }
    Ok(out)
}

/// `GET /api/v1/play/opponents`.
pub(super) async fn list_opponents(State(s): State<Arc<Shared>>) -> Result<Json<Vec<Opponent>>, ApiError> {
    let shared = s.clone();
    let all = blocking(move || opponents(&shared)).await??;
    Ok(Json(all.into_iter().map(|(o, _)| o).collect()))
}

fn unknown_opponent(id: &str) -> ApiError {
    ApiError::bad(format!(
        "there is no opponent `{}` here: GET {PREFIX}/play/opponents lists them (example:NAME or entrant:NAME)",
        id.escape_debug()
    ))
}

/// Twelve random bytes: a playground match's id and, from them, its seed.
fn random_bytes() -> [u8; 12] {
    let mut bytes = [0u8; 12];
    // An id only has to be hard to guess among a few hundred kept; the
    // clock will do if the system has no random numbers.
    if getrandom::fill(&mut bytes).is_err() {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        bytes[..8].copy_from_slice(&(t.as_nanos() as u64).to_le_bytes());
    }
    bytes
}

pub(super) async fn play(
    State(s): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    query: Result<Query<PlayQuery>, axum::extract::rejection::QueryRejection>,
    req: Request,
) -> Response {
    let arrived = Instant::now();
    match play_inner(&s, peer, query, req, arrived).await {
        Ok(answer) => {
            log(&format!("{} play: {} vs {}: {}", peer.ip(), answer.you, answer.opponent, answer.result));
            Json(answer).into_response()
        }
        Err(e) => {
            log(&format!("{} play refused ({}): {}", peer.ip(), e.status.as_u16(), e.message));
            e.into_response()
        }
    }
}

async fn play_inner(
    s: &Arc<Shared>,
    peer: SocketAddr,
    query: Result<Query<PlayQuery>, axum::extract::rejection::QueryRejection>,
    req: Request,
    arrived: Instant,
) -> Result<PlayAnswer, ApiError> {
    let id = query
        .map_err(|e| ApiError::bad(format!("the query string is not valid: {e}")))?
        .0
        .opponent
        .ok_or_else(|| ApiError::bad("choose an opponent: add ?opponent=example:NAME or ?opponent=entrant:NAME"))?;
    // The opponent is checked before the upload is read.
    let shared = s.clone();
    let all = blocking(move || opponents(&shared)).await??;
    let found = all.into_iter().find(|(o, _)| o.id == id).map(|(_, f)| f).ok_or_else(|| unknown_opponent(&id))?;
    let continues = expects_continue(req.headers());
    let Received { pending, budget, upload, .. } = take_upload(s, peer, req, arrived, continues).await?;
    let queued_at = Instant::now();
    let permit = s.workers.clone().acquire_owned().await.map_err(ApiError::internal)?;
    let queued = queued_at.elapsed();
    let started = Instant::now();
    let shared = s.clone();
    let random = random_bytes();
    let key = hex::encode(random);
    // Under 2^53, so that a page's script reads the seed exactly.
    let seed = u64::from_le_bytes([random[0], random[1], random[2], random[3], random[4], random[5], random[6], 0])
        & ((1 << 53) - 1);
    let replay = blocking(move || {
        let _permit = permit;
        let _pending = pending;
        let _budget = budget;
        let rt = &shared.runtime;
        let you = rt.load(&upload.wasm, &upload.name, &upload.author).map_err(|e| ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            ..ApiError::bad(format!("your bot cannot be loaded: {e}"))
        })?;
        let opponent = rt
            .load_file(&found.wasm, &found.name, &found.author)
            .map_err(|e| ApiError::internal(format!("the opponent cannot be loaded: {e}")))?;
        rt.play(&shared.rules, seed, MatchKind::Normal, [Contestant::Wasm(you), Contestant::Wasm(opponent)])
            .map_err(|e| ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, ..ApiError::bad(e.to_string()) })
    })
    .await??;
    let fuel = Side::BOTH
        .iter()
        .filter_map(|&side| replay.fuel(side).map(|f| format!("{}: {}", replay.bots[side.index()].name, f.summary())))
        .collect();
    let warnings = Side::BOTH.iter().filter_map(|&side| replay.fuel(side).and_then(|f| f.warning())).collect();
    let answer = PlayAnswer {
        you: replay.bots[0].name.clone(),
        opponent: replay.bots[1].name.clone(),
        seed,
        result: replay.result_line(),
        fuel,
        warnings,
        replay: play_replay_path(&key),
        watch: format!("/watch/play/{key}"),
        queued_ms: millis(queued),
        played_ms: millis(started.elapsed()),
    };
    s.play_replays.keep(key, replay.to_bytes());
    Ok(answer)
}

/// `GET /api/v1/play/ID`: a playground replay, while it is kept.
pub(super) async fn play_replay(State(s): State<Arc<Shared>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    match s.play_replays.get(&id) {
        Some(bytes) => {
            Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes.as_ref().clone()).into_response())
        }
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no playground match of that id here (they are kept only for a while): play it again",
        )),
    }
}

/// Whether a playground match of this id is kept.
pub(super) fn is_kept(s: &Shared, id: &str) -> bool {
    s.play_replays.get(id).is_some()
}
