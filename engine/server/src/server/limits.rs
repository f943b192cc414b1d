//! What one client, or all of them together, may hold: uploads in progress
//! per address, submissions pending, upload size and memory, and how long a
//! refused client's body is read before its connection is closed.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arena_registry::form::Form;
use arena_sim::Rules;
use axum::body::Body;
use axum::http::StatusCode;
use http_body_util::BodyExt;

use super::ApiError;
use super::state::Shared;

/// The most uploads one client address may be sending at once (from the
/// request's arrival until its body is in): a slow client, or one that
/// never finishes, holds at most this many connections and this much
/// upload memory. Validation afterwards does not count.
pub const MAX_UPLOADS_PER_ADDRESS: usize = 32;

/// How long a refused request's body is read before the connection is
/// closed: long enough for a client that is already sending a small bot to
/// get the answer instead of a reset, short enough that refused clients hold
/// no connection slot.
pub(super) const REFUSED_DRAIN: Duration = Duration::from_secs(1);

/// One upload in progress from an address; leaving frees its place.
pub(super) struct AddressSlot {
    map: Arc<Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl AddressSlot {
    pub(super) fn enter(map: &Arc<Mutex<HashMap<IpAddr, usize>>>, ip: IpAddr) -> Option<Self> {
        let mut m = map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = m.entry(ip).or_insert(0);
        if *n >= MAX_UPLOADS_PER_ADDRESS {
            return None;
        }
        *n += 1;
        Some(Self { map: map.clone(), ip })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut m = self.map.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = m.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                m.remove(&self.ip);
            }
        }
    }
}

/// The largest upload accepted: the module cap, an avatar and a form's
/// overhead.
pub(super) fn max_upload(rules: &Rules) -> u64 {
    Form::max_bytes(rules.limits.max_module_bytes)
}

/// Bytes in KiB, rounded up (semaphore permits).
pub(super) fn kib(bytes: u64) -> u32 {
    u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX)
}

/// Counts a submission as pending from the start of its upload until it is
/// answered.
pub(super) struct Pending(Arc<Shared>);

impl Pending {
    pub(super) fn enter(s: &Arc<Shared>) -> Result<Self, ApiError> {
        let limit = s.worker_count + s.queue;
        let was = s.pending.fetch_add(1, Ordering::SeqCst);
        if was >= limit {
            s.pending.fetch_sub(1, Ordering::SeqCst);
            let mut e = ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the server is busy: {was} submissions are being received, validated or waiting; try again in a minute"
                ),
            );
            e.retry_after = Some(60);
            return Err(e);
        }
        Ok(Self(s.clone()))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.pending.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads and drops a request body, up to `cap` bytes and `within` time, and
/// only while it keeps coming: a client that pauses for [`DRAIN_IDLE`] is
/// not waited for.
pub(super) async fn drain(body: Body, cap: u64, within: Duration) {
    let mut body = body;
    let mut read = 0u64;
    let _ = tokio::time::timeout(within, async {
        while let Ok(Some(Ok(frame))) = tokio::time::timeout(DRAIN_IDLE, body.frame()).await {
            if let Some(data) = frame.data_ref() {
                read += data.len() as u64;
                if read > cap {
                    break;
                }
            }
        }
    })
    .await;
}

/// How long a refused client's body may pause before the connection is
/// closed.
const DRAIN_IDLE: Duration = Duration::from_millis(100);
