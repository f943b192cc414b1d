//! `GET /bots/NAME`: one bot, every version with its three checks in plain
//! words, and the newest version's validation replay playing in the page.

use std::fmt::Write as _;
use std::sync::Arc;

use arena_registry::CheckRecord;
use arena_runtime::Check;
use axum::extract::{Path, State};
use axum::response::Html;

use super::PageError;
use super::entrants::{picture, verdict};
use super::html::{escape, page};
use super::watch::player;
use crate::api::{encode_segment, version_replay_path};
use crate::server::blocking;
use crate::server::state::Shared;

/// What a stored check asks, in the runtime's own words.
fn check_question(check: &str) -> &'static str {
    [Check::Component, Check::Limits, Check::BeatsDummy]
        .into_iter()
        .find(|c| crate::submission::check_name(*c) == check)
        .map_or("", Check::describe)
}

pub(super) fn checks_list(checks: &[CheckRecord]) -> String {
    let mut out = String::from(r#"<ul class="checks">"#);
    for c in checks {
        let _ = write!(
            out,
            r#"<li class="{}"><b>{}</b> {} <span class="question">{}</span><br>{}</li>"#,
            if c.passed { "pass" } else { "fail" },
            if c.passed { "✔" } else { "✘" },
            escape(&c.check),
            check_question(&c.check),
            escape(&c.message)
        );
    }
    out.push_str("</ul>");
    out
}

pub(super) async fn bot(
    State(s): State<Arc<Shared>>,
    name: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Html<String>, PageError> {
    let Path(name) = name.map_err(|e| PageError::not_found(format!("that is not a bot's address: {e}")))?;
    let registry = s.registry.clone();
    let index = blocking(move || registry.index()).await??;
    let Some(e) = index.entrant(&name) else {
        return Err(PageError::not_found(format!(
            "there is no bot `{}` here; the list of entrants is at /",
            name.escape_debug()
        )));
    };
    let mut body = String::new();
    let Some(newest) = e.versions.last() else {
        return Err(PageError::not_found(format!("`{}` has no versions", name.escape_debug())));
    };
    let _ = write!(
        body,
        r#"<p class="bot-head">{} by <b>{}</b>, {} version{}</p>"#,
        picture(e, newest, "avatar big"),
        escape(&e.author),
        e.versions.len(),
        if e.versions.len() == 1 { "" } else { "s" }
    );
    if newest.validation_replay.is_some() {
        let _ = write!(body, "<h2>Validation replay of version {}</h2>", newest.version);
        body.push_str(&player(
            &version_replay_path(&e.name, newest.version),
            [
                newest
                    .avatar
                    .as_ref()
                    .map(|_| format!("/api/v1/bots/{}@{}/avatar", encode_segment(&e.name), newest.version)),
                None,
            ],
            "",
        ));
    }
    for v in e.versions.iter().rev() {
        let watch = if v.validation_replay.is_some() {
            format!(r#" · <a href="/watch/bot/{}@{}">watch its validation</a>"#, encode_segment(&e.name), v.version)
        } else {
            String::new()
        };
        let _ = write!(
            body,
            r#"<h2 id="v{n}">Version {n}: {verdict}</h2><p class="meta">{size} bytes · SHA-256 <code>{sha}</code>{watch}</p>{checks}"#,
            n = v.version,
            verdict = verdict(v),
            size = v.size,
            sha = escape(&v.sha256),
            checks = checks_list(&v.validation.checks),
        );
    }
    if newest.validation_replay.is_none() {
        body.push_str(r#"<script src="/web/player.js" defer></script>"#);
    }
    Ok(page(&e.name, &body))
}
