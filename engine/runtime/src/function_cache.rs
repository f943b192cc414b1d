//! The function cache: Cranelift's incremental compilation cache on disk, so
//! code that many bots share is compiled once for all of them.
//!
//! Every Python bot carries the same CPython, every JavaScript bot the same
//! StarlingMonkey; as components they differ (each has its own hash and its
//! own entry in the component cache), but most of their functions are the
//! same function bodies. Cranelift keys each function by a hash of its
//! IR and the target's settings, and stores the machine code with its
//! relocations left open, so the second distinct Python bot reuses the
//! first one's CPython.
//!
//! An entry is a file, `functions/wasmtime-VERSION/KEY`, holding the 128-bit
//! XXH3 checksum of the value and the value. Cranelift checks only that an
//! entry decodes and is of its version; a flipped bit in machine code would
//! decode fine, so an entry whose checksum fails is deleted and the
//! function compiled again, never trusted. Entries are written whole
//! (temporary file and rename), so threads and processes can share the
//! folder; two writers of one key write the same bytes. The folder is kept
//! under a size cap: when an insert takes it past the cap, the oldest
//! entries (by modification time) go until it is at three quarters.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use xxhash_rust::xxh3::xxh3_128;

use crate::runtime::WASMTIME_VERSION;

/// The default size cap of the function cache (CPython's functions take
/// about 40 MB; a few toolchains' runtimes fit many times over).
pub const DEFAULT_FUNCTION_CACHE_BYTES: u64 = 1 << 30;

const CHECKSUM: usize = 16;

/// What the function cache has done since the runtime was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FunctionCacheStats {
    /// Functions whose code came from the cache.
    pub hits: u64,
    /// Functions looked up and not found (or found corrupt), then compiled.
    pub misses: u64,
    /// Entries found corrupt and deleted.
    pub corrupt: u64,
}

pub(crate) struct FunctionCache {
    dir: PathBuf,
    cap: u64,
    /// Bytes in the folder, as far as this process knows (counted at start,
    /// then what it wrote; another process's writes are found at the next trim).
    bytes: AtomicU64,
    hits: AtomicU64,
    misses: AtomicU64,
    corrupt: AtomicU64,
    trimming: Mutex<()>,
}

impl std::fmt::Debug for FunctionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FunctionCache").field("dir", &self.dir).field("cap", &self.cap).finish()
    }
}

impl FunctionCache {
    /// The cache under `cache_dir`, capped at `cap` bytes.
    pub(crate) fn new(cache_dir: &Path, cap: u64) -> Self {
        let dir = cache_dir.join("functions").join(format!("wasmtime-{WASMTIME_VERSION}"));
        let bytes = entries(&dir).iter().map(|e| e.1).sum();
        Self {
            dir,
            cap,
            bytes: AtomicU64::new(bytes),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            corrupt: AtomicU64::new(0),
            trimming: Mutex::new(()),
        }
    }

    pub(crate) fn stats(&self) -> FunctionCacheStats {
        FunctionCacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            corrupt: self.corrupt.load(Ordering::Relaxed),
        }
    }

    fn path(&self, key: &[u8]) -> PathBuf {
        self.dir.join(hex::encode(key))
    }

    /// Removes the oldest entries until the folder is at three quarters of
    /// its cap. One thread trims at a time; the others go on.
    fn trim(&self) {
        let Ok(_one) = self.trimming.try_lock() else { return };
        let mut all = entries(&self.dir);
        let mut total: u64 = all.iter().map(|e| e.1).sum();
        all.sort_by_key(|e| e.2);
        let target = self.cap / 4 * 3;
        for (path, len, _) in all {
            if total <= target {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
        self.bytes.store(total, Ordering::Relaxed);
    }
}

/// The entries of the folder: path, length, modification time.
fn entries(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    read.filter_map(Result::ok)
        .filter(|e| !arena_atomic::is_temporary(&e.file_name().to_string_lossy()))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_file().then(|| (e.path(), meta.len(), meta.modified().unwrap_or(std::time::UNIX_EPOCH)))
        })
        .collect()
}

impl wasmtime::CacheStore for FunctionCache {
    fn get(&self, key: &[u8]) -> Option<Cow<'_, [u8]>> {
        let path = self.path(key);
        let Ok(mut bytes) = std::fs::read(&path) else {
            self.misses.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        let whole = bytes.len() >= CHECKSUM && xxh3_128(&bytes[CHECKSUM..]).to_le_bytes()[..] == bytes[..CHECKSUM];
        if !whole {
            // Torn, flipped or planted: compile the function again.
            let _ = std::fs::remove_file(&path);
            self.corrupt.fetch_add(1, Ordering::Relaxed);
            self.misses.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        self.hits.fetch_add(1, Ordering::Relaxed);
        bytes.drain(..CHECKSUM);
        Some(Cow::Owned(bytes))
    }

    fn insert(&self, key: &[u8], value: Vec<u8>) -> bool {
        let len = (value.len() + CHECKSUM) as u64;
        // Not synced: a lost or torn entry fails its checksum and costs one
        // function's compile, and syncing thousands of small files would
        // cost more than compiling them.
        let sum = xxh3_128(&value).to_le_bytes();
        if arena_atomic::write_parts(&self.path(key), &[&sum, &value], arena_atomic::Durability::Replaced).is_err() {
            return false;
        }
        if self.bytes.fetch_add(len, Ordering::Relaxed) + len > self.cap {
            self.trim();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use wasmtime::CacheStore;

    use super::*;

    #[test]
    fn an_entry_comes_back_and_a_damaged_one_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FunctionCache::new(dir.path(), 1 << 20);
        assert!(cache.get(b"key").is_none());
        assert!(cache.insert(b"key", b"machine code".to_vec()));
        assert_eq!(cache.get(b"key").as_deref(), Some(&b"machine code"[..]));
        let path = cache.path(b"key");
        let mut bytes = std::fs::read(&path).unwrap();
        *bytes.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(cache.get(b"key").is_none(), "a flipped bit must not be trusted");
        assert!(!path.exists(), "the damaged entry is deleted");
        std::fs::write(&path, b"short").unwrap();
        assert!(cache.get(b"key").is_none());
        assert_eq!(cache.stats(), FunctionCacheStats { hits: 1, misses: 3, corrupt: 2 });
    }

    #[test]
    fn the_folder_stays_under_its_cap() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FunctionCache::new(dir.path(), 10_000);
        for i in 0u32..100 {
            assert!(cache.insert(&i.to_le_bytes(), vec![7; 484]));
        }
        let total: u64 = entries(&cache.dir).iter().map(|e| e.1).sum();
        assert!(total <= 10_000, "{total} bytes kept under a 10,000-byte cap");
        assert!(total >= 5_000, "trimming keeps the cache useful: {total}");
        // A new cache over the same folder counts what is there.
        assert_eq!(FunctionCache::new(dir.path(), 10_000).bytes.load(Ordering::Relaxed), total);
    }
}
