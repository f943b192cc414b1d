//! The one submission path: what `arena submit` (into a registry folder)
//! and the server (`POST /api/v1/submissions`, and its web form) both do
//! with an upload: check its name, handle, avatar and bytes, refuse a name
//! that is taken before spending a validation on it, validate, and store a
//! passing bot with its validation record and replay.

use arena_registry::form::Upload;
use arena_registry::{CheckRecord, Registry, RegistryError, Submission, ValidationRecord, Version};
use arena_runtime::{Runtime, Validation};
use arena_sim::Rules;

/// What became of a submission that was validated.
#[derive(Debug)]
pub struct Submitted {
    /// The checks, in order.
    pub validation: Validation,
    /// The validation match's replay, if it was played.
    pub replay: Option<Vec<u8>>,
    /// The version stored, if the bot passed.
    pub stored: Option<Version>,
}

/// Checks everything about an upload that is quick, before a validation
/// is spent on it: the name and handle, the avatar, that the bytes are
/// WebAssembly, and that the name is free (or the author's own) and
/// submissions are open. The registry checks again when it stores.
pub fn precheck(registry: &Registry, upload: &Upload) -> Result<(), RegistryError> {
    arena_registry::check_name("name", &upload.name)?;
    arena_registry::check_name("author", &upload.author)?;
    if let Some(png) = &upload.avatar {
        arena_registry::check_avatar(png)?;
    }
    let index = registry.index()?;
    if index.locked {
        return Err(RegistryError::Locked);
    }
    if let Some(e) = index.entrant(&upload.name).filter(|e| e.author != upload.author) {
        return Err(RegistryError::NameTaken { name: upload.name.clone(), owner: e.author.clone() });
    }
    Ok(())
}

/// Validates an upload under `rules` and stores it in `registry` if it
/// passes. A bot that fails is not stored; its validation and replay come
/// back all the same.
pub fn validate_and_store(
    runtime: &Runtime,
    rules: &Rules,
    registry: &Registry,
    upload: &Upload,
) -> Result<Submitted, RegistryError> {
    let validation = runtime.validate(&upload.wasm, &upload.name, &upload.author, rules);
    let replay = validation.replay.as_ref().map(arena_sim::Replay::to_bytes);
    if !validation.passed() {
        return Ok(Submitted { validation, replay, stored: None });
    }
    let stored = registry.submit(Submission {
        name: &upload.name,
        author: &upload.author,
        wasm: &upload.wasm,
        avatar_png: upload.avatar.as_deref(),
        validation: validation_record(&validation),
        validation_replay: replay.as_deref(),
    })?;
    Ok(Submitted { validation, replay, stored: Some(stored) })
}

/// A validation as the registry stores it.
pub fn validation_record(v: &Validation) -> ValidationRecord {
    ValidationRecord {
        passed: v.passed(),
        checks: v
            .checks
            .iter()
            .map(|c| CheckRecord { check: check_name(c.check), passed: c.passed, message: c.message.clone() })
            .collect(),
    }
}

/// A check's name as stored and sent (`component`, `limits`, `beats-dummy`).
pub fn check_name(check: arena_runtime::Check) -> String {
    serde_json::to_value(check).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
