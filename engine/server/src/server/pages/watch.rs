//! `GET /watch/...`: a replay playing in the page. The page names the
//! replay's address; the script fetches it and the player (arena-web)
//! re-simulates and draws it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Html;

use super::PageError;
use super::html::{escape, page};
use crate::api::{encode_segment, replay_path, version_replay_path};
use crate::server::blocking;
use crate::server::reads::{NO_HASH_REPLAY, find_hash_replay, is_hash};
use crate::server::state::Shared;

/// The player: a 1920×1080 canvas scaled to the page, its controls, and the
/// script. `avatars` are the left and right bots' picture addresses.
pub(super) fn player(replay: &str, avatars: [Option<String>; 2], caption: &str) -> String {
    let attr = |a: &Option<String>| a.as_deref().map(escape).unwrap_or_default();
    format!(
        r#"<figure class="player">
<canvas id="arena" width="1920" height="1080" tabindex="0" data-replay="{replay}" data-avatar-left="{left}" data-avatar-right="{right}" data-caption="{caption}" aria-label="the fight"></canvas>
<div class="controls" role="toolbar">
<button data-command="home" title="first tick (Home)">|◀</button>
<button data-command="back" title="a tick back (←, shift: a second)">◀</button>
<button data-command="pause" title="play or pause (space)">▶ II</button>
<button data-command="forward" title="a tick on (→, shift: a second)">▶</button>
<button data-command="end" title="last tick (End)">▶|</button>
<button data-command="slower" title="half speed ([)">−</button>
<span id="speed">1×</span>
<button data-command="faster" title="double speed (])">+</button>
<button data-command="panel" title="logs, faults, actions (Tab)">panel</button>
<input id="scrub" type="range" min="0" max="1000" value="0" aria-label="scrub">
</div>
<figcaption id="status">Loading the replay…</figcaption>
</figure>
<p class="keys">Keys: space pause · ← → step (shift: a second) · [ ] speed · Home/End · PgUp/PgDn or 1–5 rounds · Tab panel. On a phone: tap the fight to pause, drag the bar to scrub.</p>
<p><a href="{replay}" download>Download the replay</a> to watch it with <code>arena-viewer replay FILE</code> or check it with <code>arena replay verify FILE</code>.</p>
<script src="/web/player.js" defer></script>"#,
        replay = escape(replay),
        left = attr(&avatars[0]),
        right = attr(&avatars[1]),
        caption = escape(caption),
    )
}

pub(super) async fn bot_replay(
    State(s): State<Arc<Shared>>,
    reference: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Html<String>, PageError> {
    let Path(reference) = reference.map_err(|e| PageError::not_found(format!("that is not a bot's address: {e}")))?;
    let registry = s.registry.clone();
    let index = blocking(move || registry.index()).await??;
    let Some((e, v)) = index.find(&reference) else {
        return Err(PageError::not_found(format!(
            "there is no bot `{}` here (a bot is NAME or NAME@VERSION); the list of entrants is at /",
            reference.escape_debug()
        )));
    };
    if v.validation_replay.is_none() {
        return Err(PageError::not_found(format!("{}@{} has no validation replay to watch", e.name, v.version)));
    }
    let avatar = v.avatar.as_ref().map(|_| format!("/api/v1/bots/{}@{}/avatar", encode_segment(&e.name), v.version));
    let body = format!(
        r#"<p><a href="/bots/{}">{}</a> version {} against the dummy that never moves: the validation match.</p>{}"#,
        encode_segment(&e.name),
        escape(&e.name),
        v.version,
        player(&version_replay_path(&e.name, v.version), [avatar, None], "")
    );
    Ok(page(&format!("{} v{}: validation", e.name, v.version), &body))
}

pub(super) async fn replay_by_hash(
    State(s): State<Arc<Shared>>,
    sha256: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Html<String>, PageError> {
    let Path(sha256) = sha256.map_err(|e| PageError::not_found(format!("that is not a replay's address: {e}")))?;
    if !is_hash(&sha256) {
        return Err(PageError::not_found(
            "a validation replay is named by the SHA-256 of its bot: 64 lowercase hex digits",
        ));
    }
    if find_hash_replay(&s, &sha256).await?.is_none() {
        return Err(PageError::not_found(NO_HASH_REPLAY));
    }
    let body = format!(
        "<p>The validation match of the bot whose SHA-256 is <code>{sha256}</code>.</p>{}",
        player(&replay_path(&sha256), [None, None], "")
    );
    Ok(page("Validation replay", &body))
}
