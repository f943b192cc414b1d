//! `GET /web/...`: the pages' script and style (part of the server) and
//! the player bundle that `cargo xtask web` builds (the wasm module and
//! the viewer's fonts), read from the web folder.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::PageError;
use crate::server::blocking;
use crate::server::state::Shared;

/// The files the server carries itself.
const EMBEDDED: [(&str, &str, &str); 5] = [
    ("play.js", "text/javascript; charset=utf-8", include_str!("../../../web/play.js")),
    ("live.js", "text/javascript; charset=utf-8", include_str!("../../../web/live.js")),
    ("player.js", "text/javascript; charset=utf-8", include_str!("../../../web/player.js")),
    ("submit.js", "text/javascript; charset=utf-8", include_str!("../../../web/submit.js")),
    ("style.css", "text/css; charset=utf-8", include_str!("../../../web/style.css")),
];

/// The files of the web folder a page may ask for, and their types:
/// nothing else of that folder is ever served.
const BUILT: [(&str, &str); 1] = [("arena_web.wasm", "application/wasm")];

/// The viewer's fonts, in the web folder's `fonts/`.
const FONTS: [&str; 4] = ["NanumSquareR.ttf", "NanumSquareB.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/// What `cargo xtask web` has not built yet.
fn not_built(file: &str) -> PageError {
    PageError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        message: format!(
            "the replay player is not built on this server ({file} is missing): the organiser runs `cargo xtask web` \
             (or passes `arena serve --web DIR`)"
        ),
    }
}

/// A file of the bundle; its gzip copy (`NAME.gz`, which `cargo xtask
/// web` writes beside it) when the browser takes gzip, as every browser
/// does: the bundle is for phones on booth Wi-Fi.
async fn built_file(
    s: &Shared,
    headers: &HeaderMap,
    relative: String,
    content_type: &'static str,
) -> Result<Response, PageError> {
    let Some(dir) = s.web_dir.clone() else { return Err(not_built(&relative)) };
    let gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().split(';').next() == Some("gzip")));
    let path = dir.join(&relative);
    let read = blocking(move || {
        let zipped = path.with_file_name(format!("{}.gz", path.file_name().unwrap_or_default().to_string_lossy()));
        match std::fs::read(&zipped) {
            Ok(bytes) if gzip => Ok((bytes, true)),
            _ => std::fs::read(&path).map(|bytes| (bytes, false)),
        }
    })
    .await?;
    let Ok((bytes, zipped)) = read else { return Err(not_built(&relative)) };
    let mut response =
        ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], bytes).into_response();
    if zipped {
        response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    Ok(response)
}

pub(super) async fn asset(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    if let Some((_, content_type, text)) = EMBEDDED.iter().find(|(name, ..)| *name == file) {
        return Ok(([(header::CONTENT_TYPE, *content_type)], *text).into_response());
    }
    match BUILT.iter().find(|(name, _)| *name == file) {
        Some((name, content_type)) => built_file(&s, &headers, (*name).to_owned(), content_type).await,
        None => Err(PageError::not_found(format!("there is no /web/{} here", file.escape_debug()))),
    }
}

pub(super) async fn font(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    match FONTS.iter().find(|name| **name == file) {
        Some(name) => built_file(&s, &headers, format!("fonts/{name}"), "font/ttf").await,
        None => Err(PageError::not_found(format!("there is no font {} here", file.escape_debug()))),
    }
}
