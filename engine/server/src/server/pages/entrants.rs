//! `GET /`: every entrant of the registry, newest version first in each
//! row.

use std::fmt::Write as _;
use std::sync::Arc;

use arena_registry::{Entrant, Version};
use axum::extract::State;
use axum::response::Html;

use super::PageError;
use super::html::{escape, page};
use crate::api::encode_segment;
use crate::server::blocking;
use crate::server::state::Shared;

/// A bot's picture: its avatar, else its identicon (drawn by the page's
/// script from the hash, as the viewer draws it).
pub(super) fn picture(e: &Entrant, v: &Version, class: &str) -> String {
    if v.avatar.is_some() {
        format!(r#"<img class="{class}" alt="" src="/api/v1/bots/{}@{}/avatar">"#, encode_segment(&e.name), v.version)
    } else {
        format!(
            r#"<canvas class="{class} identicon" width="7" height="7" data-sha256="{}"></canvas>"#,
            escape(&v.sha256)
        )
    }
}

/// "passed" or the first failed check, in words.
pub(super) fn verdict(v: &Version) -> String {
    if v.validation.passed {
        r#"<span class="pass">passed</span>"#.to_owned()
    } else {
        let failed = v.validation.checks.iter().find(|c| !c.passed).map_or("a check", |c| c.check.as_str());
        format!(r#"<span class="fail">failed: {}</span>"#, escape(failed))
    }
}

pub(super) async fn entrants(State(s): State<Arc<Shared>>) -> Result<Html<String>, PageError> {
    let registry = s.registry.clone();
    let index = blocking(move || registry.index()).await??;
    let mut body = String::new();
    let open = if s.is_closed() { "Submissions are closed." } else { "Submissions are open: " };
    let _ = write!(
        body,
        r#"<p>{} bots, {} versions. {open}{}</p>"#,
        index.entrants.len(),
        index.entrants.iter().map(|e| e.versions.len()).sum::<usize>(),
        if s.is_closed() { "" } else { r#"<a href="/submit">submit yours</a>."# }
    );
    if index.entrants.is_empty() {
        body.push_str(r#"<p class="empty">No bots yet.</p>"#);
    } else {
        body.push_str(
            r#"<table class="entrants"><thead><tr><th></th><th>Bot</th><th>Author</th><th>Versions</th><th>Validation</th><th></th></tr></thead><tbody>"#,
        );
        for e in &index.entrants {
            let Some(v) = e.versions.last() else { continue };
            let name = encode_segment(&e.name);
            let watch = if v.validation_replay.is_some() {
                format!(r#"<a href="/watch/bot/{name}@{}">watch</a>"#, v.version)
            } else {
                String::new()
            };
            let _ = write!(
                body,
                r#"<tr><td>{}</td><td><a href="/bots/{name}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{watch}</td></tr>"#,
                picture(e, v, "avatar"),
                escape(&e.name),
                escape(&e.author),
                e.versions.len(),
                verdict(v),
            );
        }
        body.push_str("</tbody></table>");
    }
    if let Some(dir) = s.tournament_dir.clone()
        && let Ok(Ok(state)) = blocking(move || arena_live::read(&dir)).await
    {
        let _ = write!(body, r#"<h2>{}</h2><ol class="standings">"#, escape(&state.name));
        for r in state.tournament.standings().rows.iter().take(8) {
            let _ = write!(
                body,
                "<li value=\"{}\">{} <span class=\"meta\">{} points</span></li>",
                r.place,
                escape(&r.name),
                r.points
            );
        }
        body.push_str(r#"</ol><p><a href="/live">The whole tournament, live</a></p>"#);
    }
    body.push_str(r#"<script src="/web/player.js" defer></script>"#);
    Ok(page("Entrants", &body))
}
