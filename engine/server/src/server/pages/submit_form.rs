//! `GET /submit`: the submission form. Its script sends the form to
//! `POST /api/v1/submissions` (the same path, checks, limits and messages
//! as `arena submit --server`) and shows each check and the validation
//! replay's link.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Html;

use super::html::page;
use crate::api::AuthMode;
use crate::server::state::Shared;

pub(super) async fn form(State(s): State<Arc<Shared>>) -> Html<String> {
    let closed = if s.is_closed() {
        r#"<p class="error">Submissions are closed: the registry is locked for the tournament.</p>"#
    } else {
        ""
    };
    let token = match s.auth {
        AuthMode::Tokens => {
            r#"<label>Token <input name="token" type="password" autocomplete="off" required placeholder="the token the organiser gave you"></label>"#
        }
        AuthMode::Open => r#"<p class="note">This server is open: no token is needed.</p>"#,
    };
    let body = format!(
        r#"{closed}<form id="submit-form" enctype="multipart/form-data">
{token}
<label>Bot name <input name="name" required maxlength="64" placeholder="rusher"></label>
<label>Your handle <input name="author" required maxlength="64" placeholder="ada"></label>
<label>Bot (.wasm, up to {max} bytes) <input name="wasm" type="file" accept=".wasm,application/wasm" required data-max="{max}"></label>
<label>Avatar (optional PNG) <input name="avatar" type="file" accept="image/png"></label>
<button type="submit">Submit</button>
</form>
<div id="answer" aria-live="polite"></div>
<p class="note">The bot is checked as <code>arena validate</code> checks it: it must be a component of the fighter world, fit the limits, and beat a dummy that never moves. From a terminal: <code>arena submit BOT.wasm --name NAME --author HANDLE --server URL --token TOKEN</code>.</p>
<script src="/web/submit.js" defer></script>"#,
        max = s.rules.limits.max_module_bytes,
    );
    page("Submit a bot", &body)
}
