//! `GET /play`: the playground's form, and `GET /watch/play/ID`, a
//! playground match in the player. The form's script posts to
//! `POST /api/v1/play` and shows the match at once.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Html;

use super::PageError;
use super::html::{embedded, escape, page};
use super::watch::player;
use crate::api::{AuthMode, play_replay_path};
use crate::server::blocking;
use crate::server::playground::{is_kept, opponents};
use crate::server::state::Shared;

pub(super) async fn form(State(s): State<Arc<Shared>>) -> Result<Html<String>, PageError> {
    let shared = s.clone();
    let all = blocking(move || opponents(&shared)).await??;
    let mut options = String::new();
    for (o, _) in &all {
        let _ = write!(options, r#"<option value="{}">{}</option>"#, escape(&o.id), escape(&o.label));
    }
    let token = match s.auth {
        AuthMode::Tokens => {
            r#"<label>Token <input name="token" type="password" autocomplete="off" required placeholder="the token the organiser gave you"></label>"#
        }
        AuthMode::Open => "",
    };
    let body = format!(
        r#"<p>Try your bot against a real opponent under the event's rules, with nothing but a browser: the match is played here and shown at once, and nothing is stored.</p>
<form id="play-form" enctype="multipart/form-data">
{token}
<label>Your bot's name <input name="name" required maxlength="64" value="my-bot"></label>
<label>Your handle <input name="author" required maxlength="64" value="me"></label>
<label>Bot (.wasm) <input name="wasm" type="file" accept=".wasm,application/wasm" required></label>
<label>Opponent <select name="opponent" required>{options}</select></label>
<button type="submit">Fight</button>
</form>
<div id="answer" aria-live="polite"></div>
<script src="/web/play.js" defer></script>"#
    );
    if all.is_empty() {
        return Ok(page(
            "Playground",
            r#"<p class="error" id="error">There is no opponent here yet: the organiser starts the server with example bots (<code>arena serve --examples target/bots</code>), or bots are registered.</p>"#,
        ));
    }
    Ok(page("Playground", &body))
}

/// `?embed=1`: the player alone, for the playground's own page.
#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct Embed {
    embed: Option<u8>,
}

pub(super) async fn watch(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(embed): Query<Embed>,
) -> Result<Html<String>, PageError> {
    if !is_kept(&s, &id) {
        return Err(PageError::not_found(
            "no playground match of that id here (they are kept only for a while): play it again at /play",
        ));
    }
    let shown = player(&play_replay_path(&id), [None, None], "Playground");
    if embed.embed.is_some_and(|e| e != 0) {
        return Ok(embedded("Playground match", &shown));
    }
    Ok(page("Playground match", &format!(r#"<p><a href="/play">Play another</a></p>{shown}"#)))
}
