//! The on-disk compile cache: a compiled component per (wasmtime version,
//! engine configuration, wasm SHA-256), so the second run of anything
//! compiles nothing.
//!
//! An entry is the 128-bit XXH3 checksum of the serialized component
//! followed by the component. An entry whose checksum does not match (a torn
//! write, a flipped bit) or that wasmtime refuses is deleted and rebuilt,
//! never trusted. The checksum guards against accidents, not attackers: the
//! cache directory is the organiser's own (SHA-256, which the key uses for the
//! wasm, took half the time of loading a cached component).

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use wasmtime::Engine;
use wasmtime::component::Component;
use xxhash_rust::xxh3::xxh3_128;

use crate::runtime::WASMTIME_VERSION;

pub(crate) struct ComponentCache {
    dir: PathBuf,
    engine_key: String,
    compiled: AtomicU64,
}

impl ComponentCache {
    pub(crate) fn new(dir: PathBuf, engine: &Engine) -> Self {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        engine.precompile_compatibility_hash().hash(&mut h);
        // `xxh3`: the entry format, so entries of an older format are never read.
        let engine_key = format!("wasmtime-{WASMTIME_VERSION}-{:016x}-xxh3", h.finish());
        Self { dir: dir.join("components"), engine_key, compiled: AtomicU64::new(0) }
    }

    pub(crate) fn compiled_count(&self) -> u64 {
        self.compiled.load(Ordering::Relaxed)
    }

    fn path(&self, sha256: &str) -> PathBuf {
        self.dir.join(format!("{}-{sha256}.cwasm", self.engine_key))
    }

    /// The cached component of the wasm with this hash, or `compile`'s,
    /// which is then cached.
    pub(crate) fn get_or_compile<E>(
        &self,
        engine: &Engine,
        sha256: &str,
        compile: impl FnOnce() -> Result<Component, E>,
    ) -> Result<Component, E> {
        let path = self.path(sha256);
        if let Ok(bytes) = std::fs::read(&path) {
            if let Some(component) = load_entry(engine, &bytes) {
                return Ok(component);
            }
            // Corrupt or stale: rebuild it.
            let _ = std::fs::remove_file(&path);
        }
        let component = compile()?;
        self.compiled.fetch_add(1, Ordering::Relaxed);
        if let Ok(serialized) = component.serialize() {
            // A cache that cannot be written only costs time; the match goes on.
            let _ = write_entry(&path, &serialized);
        }
        Ok(component)
    }
}

fn load_entry(engine: &Engine, bytes: &[u8]) -> Option<Component> {
    let (sum, body) = bytes.split_first_chunk::<16>()?;
    if xxh3_128(body).to_le_bytes() != *sum {
        return None;
    }
    // SAFETY: the bytes were written by `Component::serialize` of an engine
    // with the same compatibility hash (it is in the file name), and the
    // checksum proves they are unchanged since.
    #[allow(unsafe_code)]
    unsafe {
        Component::deserialize(engine, body).ok()
    }
}

fn write_entry(path: &std::path::Path, body: &[u8]) -> std::io::Result<()> {
    // Synced: a cache shared between processes must never hand one a torn
    // entry (the checksum would catch it, but the compile would be lost).
    arena_atomic::write_parts(path, &[&xxh3_128(body).to_le_bytes(), body], arena_atomic::Durability::Synced)
}
