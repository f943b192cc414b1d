//! Reads a submission's body into an [`Upload`]: a `multipart/form-data`
//! form, or the raw `.wasm` with the name and author in the query string.

use arena_registry::form::{Form, FormProblem, Upload};
use axum::extract::{FromRequest, Multipart, Query, Request};
use axum::http::{StatusCode, header};
use http_body_util::BodyExt;
use serde::Deserialize;

use super::ApiError;
use super::limits::max_upload;
use super::state::Shared;

/// The `?name=…&author=…` of a raw `.wasm` upload.
#[derive(Debug, Default, Deserialize)]
struct SubmitQuery {
    name: Option<String>,
    author: Option<String>,
}

/// Reads the whole upload; the caller bounds how long that may take.
pub(super) async fn read_upload(s: &Shared, req: Request) -> Result<Upload, ApiError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
    if multipart {
        return read_form(s, req).await;
    }
    let query = Query::<SubmitQuery>::try_from_uri(req.uri())
        .map_err(|e| ApiError::bad(format!("the query string is not valid: {e}; use ?name=NAME&author=HANDLE")))?
        .0;
    let cap = s.rules.limits.max_module_bytes;
    let mut body = req.into_body();
    let mut wasm = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ApiError::bad(format!("the upload broke off: {e}")))?;
        if let Some(data) = frame.data_ref() {
            if wasm.len() as u64 + data.len() as u64 > cap {
                return Err(FormProblem::WasmTooBig { cap }.into());
            }
            wasm.extend_from_slice(data);
        }
    }
    Ok(Upload {
        name: query.name.ok_or_else(|| ApiError::bad("the bot's name is missing: add ?name=NAME to the address"))?,
        author: query
            .author
            .ok_or_else(|| ApiError::bad("the author's handle is missing: add &author=HANDLE to the address"))?,
        wasm,
        avatar: None,
    })
}

fn form_error(e: &axum::extract::multipart::MultipartError, s: &Shared) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the upload is over this server's cap of {} bytes (the module size cap plus an avatar); build in \
                 release mode and strip debug info",
                max_upload(&s.rules)
            ),
        )
    } else {
        ApiError::bad(format!("the upload is not a valid form: {}", e.body_text()))
    }
}

async fn read_form(s: &Shared, req: Request) -> Result<Upload, ApiError> {
    let mut multipart = Multipart::from_request(req, &())
        .await
        .map_err(|e| ApiError::bad(format!("the upload is not a valid form: {}", e.body_text())))?;
    let mut form = Form::new(s.rules.limits.max_module_bytes);
    while let Some(mut field) = multipart.next_field().await.map_err(|e| form_error(&e, s))? {
        form.start_field(field.name().unwrap_or_default());
        while let Some(chunk) = field.chunk().await.map_err(|e| form_error(&e, s))? {
            form.push(&chunk);
        }
        form.end_field();
    }
    form.finish().map_err(ApiError::from)
}
