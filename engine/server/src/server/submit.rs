//! `POST /api/v1/submissions`, one step after another: admit the
//! submission, check its announced size, wait for room in memory, receive
//! the upload, check its author and its bytes, run the quick checks,
//! validate and store it on a worker, and answer. Each step refuses with its
//! own status and message. Refusals that do not need the upload come before
//! it is read, and the quick checks before a worker is spent on validation.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use arena_registry::form::Upload;
use arena_registry::{MAX_AVATAR_BYTES, RegistryError, Version};
use arena_runtime::Validation;
use axum::Json;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::OwnedSemaphorePermit;

use super::limits::{AddressSlot, MAX_UPLOADS_PER_ADDRESS, Pending, REFUSED_DRAIN, drain, kib, max_upload};
use super::state::Shared;
use super::upload::read_upload;
use super::{ApiError, blocking, log};
use crate::api::{self, CheckAnswer, StoredAnswer, SubmitAnswer};
use crate::time::describe;
use crate::tokens::Holder;

pub(super) async fn submit(
    State(s): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
) -> Response {
    let arrived = Instant::now();
    let expects_continue = expects_continue(req.headers());
    let (response, what) = match submit_inner(&s, peer, req, arrived, expects_continue).await {
        Ok((status, answer)) => {
            let what = match &answer.stored {
                Some(v) => format!(
                    "stored {} version {} by {} (queued {} ms, validated {} ms, waited {} ms)",
                    answer.name, v.version, answer.author, answer.queued_ms, answer.validation_ms, answer.waited_ms
                ),
                None => format!(
                    "{} by {} failed validation: {}",
                    answer.name,
                    answer.author,
                    answer.error.as_deref().unwrap_or("")
                ),
            };
            ((status, Json(answer)).into_response(), what)
        }
        Err(e) => {
            let what = format!("refused ({}): {}", e.status.as_u16(), e.message);
            (e.into_response(), what)
        }
    };
    log(&format!("{} submit: {what}", peer.ip()));
    response
}

/// The steps, in order; the first refusal is the answer.
async fn submit_inner(
    s: &Arc<Shared>,
    peer: SocketAddr,
    req: Request,
    arrived: Instant,
    expects_continue: bool,
) -> Result<(StatusCode, SubmitAnswer), ApiError> {
    let Received { holder, pending, budget, upload } = take_upload(s, peer, req, arrived, expects_continue).await?;
    check_author(holder.as_ref(), &upload)?;
    let upload = precheck(s, upload).await?;
    let done = validate_on_worker(s, upload, pending, budget).await?;
    Ok(answer(done, arrived))
}

/// An upload that is in, with what it holds until it is answered.
pub(super) struct Received {
    /// Who sent it: `None` on an open server without a token.
    pub(super) holder: Option<Holder>,
    /// Its place among the pending submissions.
    pub(super) pending: Pending,
    /// Its room in memory.
    pub(super) budget: OwnedSemaphorePermit,
    /// The form.
    pub(super) upload: Upload,
}

/// Every step up to a WebAssembly upload in memory, as submissions and the
/// playground take one: admit it (open, this machine's uploads, token,
/// rate, queue), check its announced size, wait for room in memory,
/// receive it, check that it is wasm.
pub(super) async fn take_upload(
    s: &Arc<Shared>,
    peer: SocketAddr,
    req: Request,
    arrived: Instant,
    expects_continue: bool,
) -> Result<Received, ApiError> {
    let cap = max_upload(&s.rules);
    let length = declared_length(req.headers());
    // Refusals that do not depend on the upload come before reading it.
    let Admitted { holder, pending, slot } = match admit(s, peer.ip(), req.headers(), arrived) {
        Ok(admitted) => admitted,
        Err(e) => {
            let sending = !expects_continue && length.is_none_or(|n| n <= cap);
            return Err(refuse(e, req, sending, cap).await);
        }
    };
    check_declared_size(s, length, cap)?;
    let budget = match room_in_memory(s, length, cap).await {
        Ok(budget) => budget,
        Err(e) => {
            drop(pending);
            return Err(refuse(e, req, !expects_continue, cap).await);
        }
    };
    let upload = receive(s, req, slot).await?;
    check_wasm(&upload)?;
    Ok(Received { holder, pending, budget, upload })
}

/// Whether the client waits for `100 Continue` before sending the body.
pub(super) fn expects_continue(headers: &HeaderMap) -> bool {
    headers.get(header::EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"))
}

/// The `Content-Length` the client announced, if it sent a valid one.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok())
}

/// What an admitted submission holds until it is answered (the address's
/// slot only until its upload is in).
struct Admitted {
    /// Who sent it: `None` on an open server without a token.
    holder: Option<Holder>,
    pending: Pending,
    slot: AddressSlot,
}

/// The checks that do not need the upload, in order: submissions are open,
/// this machine may send another upload, the token, the participant's rate,
/// and room in the queue.
fn admit(s: &Arc<Shared>, ip: IpAddr, headers: &HeaderMap, arrived: Instant) -> Result<Admitted, ApiError> {
    s.ensure_open()?;
    let slot = AddressSlot::enter(&s.uploads_by_address, ip).ok_or_else(too_many_uploads)?;
    let holder = s.authenticate(headers)?;
    check_rate(s, holder.as_ref(), ip, arrived)?;
    Ok(Admitted { holder, pending: Pending::enter(s)?, slot })
}

fn too_many_uploads() -> ApiError {
    let mut e = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        format!(
            "this machine already has {MAX_UPLOADS_PER_ADDRESS} uploads in progress; wait for them to be \
             answered, then submit again"
        ),
    );
    e.retry_after = Some(10);
    e
}

/// Counts the submission against its participant's rate: the token's
/// handle, the organiser, or the machine on an open server.
fn check_rate(s: &Shared, holder: Option<&Holder>, ip: IpAddr, arrived: Instant) -> Result<(), ApiError> {
    let key = match holder {
        Some(Holder::Participant(handle)) => format!("token:{handle}"),
        Some(Holder::Admin) => "admin".to_owned(),
        None => format!("address:{ip}"),
    };
    if let Err(wait) = s.rate.check(&key, arrived) {
        let secs = wait.as_secs().max(1);
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "too many submissions: at most {} a minute for each participant; try again in {}",
                s.rate_per_minute,
                describe(Duration::from_secs(secs))
            ),
        );
        e.retry_after = Some(secs);
        return Err(e);
    }
    Ok(())
}

/// Answers a refusal at once and closes the connection: a refused client
/// holds no slot. A client that did not wait for `100 Continue` is already
/// sending the body (`sending`): it is read (up to the cap) and dropped, so
/// that the answer reaches the client instead of a reset connection.
async fn refuse(mut e: ApiError, req: Request, sending: bool, cap: u64) -> ApiError {
    if sending {
        drain(req.into_body(), cap, REFUSED_DRAIN).await;
    }
    e.close = true;
    e
}

/// Refuses an upload whose announced length is over the cap before any of
/// it is read.
fn check_declared_size(s: &Shared, length: Option<u64>, cap: u64) -> Result<(), ApiError> {
    if let Some(n) = length.filter(|n| *n > cap) {
        return Err(ApiError {
            close: true,
            ..ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the upload is {n} bytes, over this server's cap of {cap} bytes (the module size cap of {} bytes, \
                 rules: limits.max_module_bytes, plus an avatar of up to {MAX_AVATAR_BYTES} bytes); build in release \
                 mode and strip debug info (`strip = true` in your Cargo profile)",
                    s.rules.limits.max_module_bytes
                ),
            )
        });
    }
    Ok(())
}

/// Room in memory for the upload (its announced length, else the cap),
/// held until it is answered; waits up to half the upload timeout for it.
async fn room_in_memory(s: &Shared, length: Option<u64>, cap: u64) -> Result<OwnedSemaphorePermit, ApiError> {
    let room = kib(length.unwrap_or(cap).min(cap));
    let Ok(Ok(budget)) =
        tokio::time::timeout(s.upload_timeout / 2, s.upload_budget.clone().acquire_many_owned(room)).await
    else {
        let mut e = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy receiving other uploads; try again in a minute",
        );
        e.retry_after = Some(60);
        return Err(e);
    };
    Ok(budget)
}

/// Reads the upload within the upload timeout. The address's slot is given
/// up as soon as the body is in (or the time is up): validation does not
/// count against it.
async fn receive(s: &Shared, req: Request, slot: AddressSlot) -> Result<Upload, ApiError> {
    let upload = tokio::time::timeout(s.upload_timeout, read_upload(s, req)).await;
    drop(slot);
    match upload {
        Ok(result) => result,
        Err(_) => Err(ApiError {
            close: true,
            ..ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the upload took longer than {}: check your network connection and submit again",
                    describe(s.upload_timeout)
                ),
            )
        }),
    }
}

/// A participant's token submits only under its own handle.
fn check_author(holder: Option<&Holder>, upload: &Upload) -> Result<(), ApiError> {
    if let Some(Holder::Participant(handle)) = holder
        && *handle != upload.author
    {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "your token is for the author `{handle}`, so it cannot submit as `{}`: pass --author {handle}",
                upload.author.escape_debug()
            ),
        ));
    }
    Ok(())
}

/// The upload has bytes, and they are WebAssembly.
fn check_wasm(upload: &Upload) -> Result<(), ApiError> {
    if upload.wasm.is_empty() {
        return Err(ApiError::bad(
            "the upload is empty: send your bot's .wasm file (the `wasm` field of the form, or the body of the request)",
        ));
    }
    if !upload.wasm.starts_with(b"\0asm") {
        return Err(ApiError::bad(
            "the upload is not a WebAssembly file (it does not start with the bytes `\\0asm`): send the .wasm your \
             build made, e.g. target/wasm32-wasip2/release/NAME.wasm",
        ));
    }
    Ok(())
}

/// The quick checks of the one submission path (names, avatar, a taken
/// name, a locked registry) before a worker is spent on validation.
async fn precheck(s: &Shared, upload: Upload) -> Result<Upload, ApiError> {
    let registry = s.registry.clone();
    let (upload, checked) = blocking(move || {
        let checked = crate::submission::precheck(&registry, &upload);
        (upload, checked)
    })
    .await?;
    match checked {
        Ok(()) => Ok(upload),
        Err(RegistryError::Locked) => {
            s.closed.store(true, Ordering::SeqCst);
            Err(s.closed_error())
        }
        Err(e) => Err(e.into()),
    }
}

/// What became of a validated submission, and how long it took.
struct Validated {
    upload: Upload,
    validation: Validation,
    /// The version stored, if it passed.
    stored: Option<Version>,
    /// Waiting for a worker.
    queued: Duration,
    /// Validating and storing.
    took: Duration,
}

/// Waits for a worker (submissions still open once it is its turn), then
/// validates the upload and stores it if it passes.
async fn validate_on_worker(
    s: &Arc<Shared>,
    upload: Upload,
    pending: Pending,
    budget: OwnedSemaphorePermit,
) -> Result<Validated, ApiError> {
    let queued_at = Instant::now();
    let gate = s.gate.clone().read_owned().await;
    s.ensure_open()?;
    let permit = s.workers.clone().acquire_owned().await.map_err(ApiError::internal)?;
    let queued = queued_at.elapsed();
    let started = Instant::now();
    let shared = s.clone();
    // The permit, the gate and the pending count go with the work: should
    // the client hang up, the validation still finishes (and a passing bot
    // is stored) before another starts.
    let (upload, outcome) = blocking(move || {
        let _permit = permit;
        let _gate = gate;
        let _pending = pending;
        let _budget = budget;
        let outcome = shared.validate_and_store(&upload);
        (upload, outcome)
    })
    .await?;
    let (validation, stored) = outcome?;
    Ok(Validated { upload, validation, stored, queued, took: started.elapsed() })
}

/// The answer: 200 when stored, 422 when the bot fails validation, with
/// every check and the address of the validation replay.
fn answer(done: Validated, arrived: Instant) -> (StatusCode, SubmitAnswer) {
    let Validated { upload, validation: v, stored, queued, took } = done;
    let validation_ms = millis(took);
    let sha256 = v.identity.as_ref().map(|i| i.sha256.clone());
    let replay = match (&stored, &sha256, &v.replay) {
        (Some(version), _, Some(_)) => Some(api::version_replay_path(&upload.name, version.version)),
        (None, Some(sha), Some(_)) => Some(api::replay_path(sha)),
        _ => None,
    };
    let passed = stored.is_some();
    let answer = SubmitAnswer {
        name: upload.name,
        author: upload.author,
        passed,
        checks: v
            .checks
            .iter()
            .map(|c| CheckAnswer {
                check: crate::submission::check_name(c.check),
                description: c.check.describe().to_owned(),
                passed: c.passed,
                message: c.message.clone(),
            })
            .collect(),
        stored: stored.map(|v| StoredAnswer { version: v.version, sha256: v.sha256, size: v.size }),
        sha256,
        replay,
        error: v.failure().map(|c| format!("it does not pass validation: {}", c.message)),
        queued_ms: millis(queued),
        validation_ms,
        waited_ms: millis(arrived.elapsed()),
    };
    let status = if passed { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    (status, answer)
}

pub(super) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
