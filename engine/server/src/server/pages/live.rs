//! `GET /live`: the tournament of `arena serve --tournament DIR`, as the
//! runner leaves it in `state.json`: the bracket pages drawn with the
//! projector's own layout (as SVG), the standings as a table a phone can
//! read, and every finished game a link to watch it. The page asks
//! `/live/state` every few seconds and reloads when the runner has written
//! a newer state.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Component, Path as FsPath, PathBuf};
use std::sync::Arc;

use arena_live::LiveState;
use arena_scene::Painter;
use arena_scene::bracket::{Reveal, layout_page, pages};
use arena_tournament::MatchStatus;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use super::PageError;
use super::html::{escape, page};
use super::svg::to_svg;
use super::watch::player;
use crate::server::blocking;
use crate::server::state::Shared;

fn no_tournament() -> PageError {
    PageError::not_found(
        "this server follows no tournament: the organiser starts it with `arena serve --tournament DIR` (the output \
         folder of `arena tournament run`)",
    )
}

async fn read_state(s: &Shared) -> Result<(PathBuf, LiveState), PageError> {
    let Some(dir) = s.tournament_dir.clone() else { return Err(no_tournament()) };
    let read = dir.clone();
    let state = blocking(move || arena_live::read(&read)).await?.map_err(|e| PageError {
        status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
        message: format!("the tournament's state cannot be read yet: {e}"),
    })?;
    Ok((dir, state))
}

/// A file the state names, if it is a plain relative path inside the
/// tournament's folder: a damaged or hostile `state.json` cannot make the
/// server read anything else.
fn confined(dir: &FsPath, relative: &str) -> Option<PathBuf> {
    let p = FsPath::new(relative);
    p.components().all(|c| matches!(c, Component::Normal(_))).then(|| dir.join(p))
}

pub(super) async fn live(State(s): State<Arc<Shared>>) -> Result<Html<String>, PageError> {
    let (dir, state) = read_state(&s).await?;
    let t = &state.tournament;
    let played = t.matches().iter().filter(|m| m.status == MatchStatus::Finished).count();
    let mut body = format!(
        r#"<p id="live-status" data-updated="{}">{}</p>"#,
        state.updated_unix_ms,
        if state.finished {
            format!("Finished: {} matches.", t.matches().len())
        } else {
            format!("{played} of {} matches played; this page follows the tournament.", t.matches().len())
        }
    );
    // The standings first: on a phone they are what one reads.
    body.push_str(r#"<h2>Standings</h2><table class="entrants standings"><thead><tr><th>#</th><th>Bot</th><th>Played</th><th>W–D–L</th><th>Points</th></tr></thead><tbody>"#);
    for r in &t.standings().rows {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}–{}–{}</td><td>{}</td></tr>",
            r.place,
            escape(&r.name),
            r.group.map(|g| format!(" <span class=\"meta\">group {g}</span>")).unwrap_or_default(),
            r.played,
            r.wins,
            r.draws,
            r.losses,
            r.points
        );
    }
    body.push_str("</tbody></table>");
    // The bracket pages, laid out as on the projector, every finished match
    // shown.
    let revealed: BTreeSet<String> =
        t.matches().iter().filter(|m| m.status == MatchStatus::Finished).map(|m| m.id.clone()).collect();
    let reveal = Reveal { state: &state, dir: &dir, revealed: &revealed, highlight: None, cursor: None };
    let all = pages(&state);
    for (i, p) in all.iter().enumerate() {
        let mut painter = Painter::default();
        painter.scene(&layout_page(&reveal, &all, i));
        let _ = write!(body, "<h2>{}</h2>", escape(&p.title));
        body.push_str(&to_svg(&painter.out, |sha, _| {
            let e = state.bots.iter().position(|b| b.sha256 == sha && b.avatar.is_some())?;
            Some(format!("/live/avatar/{e}"))
        }));
    }
    // Every finished game, to watch.
    body.push_str(r#"<h2>Matches</h2><ul class="matches">"#);
    for m in t.matches().iter().filter(|m| m.status == MatchStatus::Finished) {
        let names = m
            .entrants()
            .map(|es| {
                let n = |i: usize| t.entrant(es[i]).map_or("?".to_owned(), |e| e.name.clone());
                format!("{} vs {}", n(0), n(1))
            })
            .unwrap_or_default();
        let games = state.games.get(&m.id).map(Vec::as_slice).unwrap_or_default();
        let links: Vec<String> = games
            .iter()
            .map(|g| {
                format!(
                    r#"<a href="/watch/match/{}/{}">game {}</a>"#,
                    crate::api::encode_segment(&m.id),
                    g.game,
                    g.game
                )
            })
            .collect();
        let _ = write!(
            body,
            "<li><b>{}</b> {} · {} · {}</li>",
            escape(&m.id),
            escape(&m.round_name),
            escape(&names),
            links.join(" ")
        );
    }
    body.push_str("</ul>");
    body.push_str(r#"<script src="/web/live.js" defer></script>"#);
    Ok(page(&state.name, &body))
}

/// `GET /live/state`: when the state was last written, for the page to
/// know it should reload.
pub(super) async fn live_state(State(s): State<Arc<Shared>>) -> Result<Json<serde_json::Value>, PageError> {
    let (_, state) = read_state(&s).await?;
    Ok(Json(serde_json::json!({ "updated_unix_ms": state.updated_unix_ms, "finished": state.finished })))
}

/// The game file of `id` game `game`.
fn game_file(state: &LiveState, id: &str, game: u32) -> Result<arena_live::GameFile, PageError> {
    state.games.get(id).and_then(|gs| gs.iter().find(|g| g.game == game)).cloned().ok_or_else(|| {
        PageError::not_found(format!("match {} has no game {game} yet: /live lists what was played", id.escape_debug()))
    })
}

/// `GET /live/replay/ID/GAME`: a game's replay file.
pub(super) async fn live_replay(
    State(s): State<Arc<Shared>>,
    Path((id, game)): Path<(String, u32)>,
) -> Result<Response, PageError> {
    let (dir, state) = read_state(&s).await?;
    let file = game_file(&state, &id, game)?;
    let path = confined(&dir, &file.replay)
        .ok_or_else(|| PageError::not_found("that replay is not in the tournament's folder"))?;
    let bytes = blocking(move || std::fs::read(path))
        .await?
        .map_err(|e| PageError::not_found(format!("the replay cannot be read: {e}")))?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response())
}

/// `GET /live/avatar/N`: entrant N's picture.
pub(super) async fn live_avatar(
    State(s): State<Arc<Shared>>,
    Path(entrant): Path<usize>,
) -> Result<Response, PageError> {
    let (dir, state) = read_state(&s).await?;
    let relative = state
        .bots
        .get(entrant)
        .and_then(|b| b.avatar.clone())
        .ok_or_else(|| PageError::not_found("no such picture"))?;
    let path = confined(&dir, &relative)
        .ok_or_else(|| PageError::not_found("that picture is not in the tournament's folder"))?;
    let bytes = blocking(move || std::fs::read(path))
        .await?
        .map_err(|e| PageError::not_found(format!("the picture cannot be read: {e}")))?;
    if arena_sim::avatar::check_png(&bytes).is_err() {
        return Err(PageError::not_found("that picture is not a PNG Arena can show"));
    }
    Ok(([(header::CONTENT_TYPE, "image/png")], bytes).into_response())
}

/// `GET /watch/match/ID/GAME`: a tournament game in the player.
pub(super) async fn watch_game(
    State(s): State<Arc<Shared>>,
    Path((id, game)): Path<(String, u32)>,
) -> Result<Html<String>, PageError> {
    let (_, state) = read_state(&s).await?;
    let file = game_file(&state, &id, game)?;
    let m =
        state.tournament.matches().iter().find(|m| m.id == id).ok_or_else(|| PageError::not_found("no such match"))?;
    let sides = [
        file.left,
        if let Some(es) = m.entrants() { if es[0] == file.left { es[1] } else { es[0] } } else { file.left },
    ];
    let avatar = |e: arena_tournament::EntrantIdx| {
        state.bots.get(e.index()).and_then(|b| b.avatar.as_ref()).map(|_| format!("/live/avatar/{}", e.index()))
    };
    let caption = format!("{} · {} · game {game}", state.name, m.round_name);
    let body = format!(
        r#"<p><a href="/live">The tournament</a> · match {}</p>{}"#,
        escape(&id),
        player(
            &format!("/live/replay/{}/{game}", crate::api::encode_segment(&id)),
            [avatar(sides[0]), avatar(sides[1])],
            &caption
        )
    );
    Ok(page(&format!("{} game {game}", m.id), &body))
}
