//! [`Runtime`]: the one wasmtime `Engine` and `Linker` shared by every match
//! on every thread, and [`BotProgram`], a bot compiled and ready to
//! instantiate.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arena_sim::{BotIdentity, BotLimits, FaultKind};
use sha2::{Digest, Sha256};
use wasmtime::component::{Component, ComponentExportIndex, InstancePre, Linker};
use wasmtime::{Config, Engine, Store};

use crate::bindings::FighterIndices;
use crate::cache::ComponentCache;
use crate::clock::TickClock;
use crate::error::RuntimeError;
use crate::function_cache::{DEFAULT_FUNCTION_CACHE_BYTES, FunctionCache, FunctionCacheStats};
use crate::host::{BotRandom, Ledger};
use crate::log::SharedLog;

/// The wasmtime version every replay records: fuel costs differ between
/// versions, so this is part of what makes a match re-creatable.
pub const WASMTIME_VERSION: &str = "48.0.8";

/// What one bot instance owns inside its `Store`.
pub(crate) struct BotState {
    pub(crate) limiter: Limiter,
    pub(crate) log: Arc<SharedLog>,
    pub(crate) ledger: Ledger,
    pub(crate) random: BotRandom,
}

/// Caps the bot's memory and tables *together*: the sum of all its linear
/// memories and the sum of all its tables' elements, whatever the shape of
/// the component (one memory or sixty-four). It remembers when it refused,
/// so a trap that follows can be reported as running out of memory.
pub(crate) struct Limiter {
    /// Bytes of all the bot's linear memories.
    pub(crate) memory: Budget,
    /// Elements of all the bot's tables.
    pub(crate) table: Budget,
    pub(crate) max_instances: usize,
    pub(crate) max_stack: usize,
    pub(crate) refused: Option<String>,
}

/// What the bot holds of one kind, against its cap.
pub(crate) struct Budget {
    used: usize,
    cap: usize,
    /// The growth last allowed, undone if the allocation then fails.
    pending: usize,
}

impl Budget {
    fn new(cap: usize) -> Self {
        Self { used: 0, cap, pending: 0 }
    }

    /// Grows one object (a memory, a table) from `current` to `desired`:
    /// `Ok(true)` if the bot stays within the cap, `Ok(false)` past the
    /// object's own maximum (wasmtime fails that anyway; refusing it here
    /// keeps the total exact), `Err(total)` past the cap.
    fn grow(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> Result<bool, usize> {
        if maximum.is_some_and(|max| desired > max) {
            return Ok(false);
        }
        let delta = desired.saturating_sub(current);
        let total = self.used.saturating_add(delta);
        if total > self.cap {
            return Err(total);
        }
        self.used = total;
        self.pending = delta;
        Ok(true)
    }

    fn undo(&mut self) {
        self.used -= std::mem::take(&mut self.pending).min(self.used);
    }
}

impl Limiter {
    fn new(limits: &BotLimits) -> Self {
        Self {
            memory: Budget::new(usize::try_from(limits.max_memory_bytes).unwrap_or(usize::MAX)),
            table: Budget::new(limits.max_table_elements as usize),
            max_instances: limits.max_instances as usize,
            max_stack: limits.max_stack_bytes as usize,
            refused: None,
        }
    }
}

impl wasmtime::ResourceLimiter for Limiter {
    fn memory_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(self.memory.grow(current, desired, maximum).unwrap_or_else(|total| {
            self.refused = Some(format!(
                "its memories would grow to {total} bytes in all (one grew from {current} to {desired}), \
                 past the cap of {} bytes (rules: limits.max_memory_bytes)",
                self.memory.cap
            ));
            false
        }))
    }

    fn memory_grow_failed(&mut self, _error: wasmtime::Error) -> wasmtime::Result<()> {
        self.memory.undo();
        Ok(())
    }

    fn table_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(self.table.grow(current, desired, maximum).unwrap_or_else(|total| {
            self.refused = Some(format!(
                "its tables would grow to {total} elements in all (one grew from {current} to {desired}), \
                 past the cap of {} (rules: limits.max_table_elements)",
                self.table.cap
            ));
            false
        }))
    }

    fn table_grow_failed(&mut self, _error: wasmtime::Error) -> wasmtime::Result<()> {
        self.table.undo();
        Ok(())
    }

    fn instances(&self) -> usize {
        self.max_instances
    }

    fn tables(&self) -> usize {
        self.max_instances.saturating_mul(8)
    }

    fn memories(&self) -> usize {
        self.max_instances
    }
}

/// The sandbox: one wasmtime engine, configured for determinism, with the
/// deterministic WASI linker and the on-disk compile cache.
///
/// Create one per process (per set of limits) and share it: it is `Send +
/// Sync`, and compiling or instantiating from many threads at once is fine.
pub struct Runtime {
    engine: Engine,
    linker: Linker<BotState>,
    cache: Option<ComponentCache>,
    functions: Option<Arc<FunctionCache>>,
    limits: BotLimits,
    backstop: std::time::Duration,
}

/// The default wall-clock backstop of one match: far beyond what any bot can
/// spend with its fuel (a bot that uses its whole `tick_fuel` every tick of
/// three full rounds takes well under a minute).
pub const DEFAULT_BACKSTOP: std::time::Duration = std::time::Duration::from_secs(300);

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").field("limits", &self.limits).finish()
    }
}

impl Runtime {
    /// A runtime for bots under `limits`, caching compiled bots in
    /// `cache_dir` (`None`: compile every time).
    ///
    /// With a cache directory, compiled code is cached twice: each whole
    /// component (`components/`, so a bot seen before compiles nothing)
    /// and each function (`functions/`, Cranelift's incremental cache, so
    /// a new bot compiles only what no earlier bot had: the second distinct
    /// Python bot reuses the first one's CPython).
    pub fn new(limits: &BotLimits, cache_dir: Option<PathBuf>) -> Result<Self, RuntimeError> {
        let engine_error = |e: wasmtime::Error| RuntimeError::Engine(e.to_string());
        let mut config = config(limits);
        let functions = cache_dir.as_deref().map(|dir| Arc::new(FunctionCache::new(dir, DEFAULT_FUNCTION_CACHE_BYTES)));
        if let Some(functions) = &functions {
            config.enable_incremental_compilation(functions.clone()).map_err(engine_error)?;
        }
        let engine = Engine::new(&config).map_err(engine_error)?;
        let mut linker = Linker::new(&engine);
        crate::host::add_to_linker(&mut linker).map_err(engine_error)?;
        let cache = cache_dir.map(|dir| ComponentCache::new(dir, &engine));
        Ok(Self { engine, linker, cache, functions, limits: *limits, backstop: DEFAULT_BACKSTOP })
    }

    /// What the function cache has done so far (all zero without a cache).
    pub fn function_cache_stats(&self) -> FunctionCacheStats {
        self.functions.as_ref().map(|f| f.stats()).unwrap_or_default()
    }

    /// The same runtime with another wall-clock backstop per match (see
    /// [`RuntimeError::Backstop`]).
    pub fn with_backstop(mut self, limit: std::time::Duration) -> Self {
        self.backstop = limit;
        self
    }

    /// The wall-clock backstop per match.
    pub fn backstop(&self) -> std::time::Duration {
        self.backstop
    }

    /// The default cache directory: `$ARENA_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/arena`, else `~/.cache/arena`.
    pub fn default_cache_dir() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("ARENA_CACHE_DIR") {
            return Some(PathBuf::from(dir));
        }
        if let Some(dir) = std::env::var_os("XDG_CACHE_HOME") {
            return Some(PathBuf::from(dir).join("arena"));
        }
        std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache").join("arena"))
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The limits this runtime enforces.
    pub fn limits(&self) -> &BotLimits {
        &self.limits
    }

    /// How many components this runtime has compiled (not loaded from the
    /// cache) so far.
    pub fn compiled_count(&self) -> u64 {
        self.cache.as_ref().map_or(0, ComponentCache::compiled_count)
    }

    /// Loads a bot from a `.wasm` file.
    pub fn load_file(&self, path: &Path, name: &str, author: &str) -> Result<BotProgram, RuntimeError> {
        let meta = std::fs::metadata(path).map_err(|source| RuntimeError::Read { path: path.to_owned(), source })?;
        // Refuse a huge file before reading it whole.
        self.check_size(meta.len())?;
        let bytes = std::fs::read(path).map_err(|source| RuntimeError::Read { path: path.to_owned(), source })?;
        self.load(&bytes, name, author)
    }

    fn check_size(&self, len: u64) -> Result<(), RuntimeError> {
        if len > self.limits.max_module_bytes {
            return Err(RuntimeError::BadBot {
                kind: FaultKind::LoadFailed,
                message: format!(
                    "the bot is {} bytes, over the cap of {} bytes (rules: limits.max_module_bytes); \
                     build it in release mode and strip debug info",
                    len, self.limits.max_module_bytes
                ),
            });
        }
        Ok(())
    }

    /// Loads a bot from its wasm bytes: checks the size, that it is a
    /// component, and that it is of the `fighter` world; compiles it (or
    /// loads it from the cache).
    pub fn load(&self, wasm: &[u8], name: &str, author: &str) -> Result<BotProgram, RuntimeError> {
        self.check_size(wasm.len() as u64)?;
        check_header(wasm)?;
        let sha256 = hex::encode(Sha256::digest(wasm));
        // The code limits bound compiling, so they are read only before a
        // compile: a cached bot passed them when it was compiled.
        let compile = || {
            crate::static_limits::check(wasm, self.limits.max_memory_bytes)
                .map_err(|message| RuntimeError::BadBot { kind: FaultKind::LoadFailed, message })?;
            Component::new(&self.engine, wasm).map_err(|e| RuntimeError::BadBot {
                kind: FaultKind::LoadFailed,
                message: format!("the bot does not compile as a WebAssembly component: {}", root_cause(&e)),
            })
        };
        let component = match &self.cache {
            Some(cache) => cache.get_or_compile(&self.engine, &sha256, compile)?,
            None => compile()?,
        };
        let pre = self.linker.instantiate_pre(&component).map_err(|e| RuntimeError::BadBot {
            kind: FaultKind::WrongWorld,
            message: format!(
                "the bot needs an import that Arena does not provide ({}); bots may import only \
                 WASI 0.2 wasi:cli, wasi:clocks, wasi:random, wasi:io, wasi:filesystem and \
                 wasi:sockets (with no files and no network; engine/runtime/src/host/mod.rs lists every \
                 function and its cost). JavaScript: build with componentize-js `--disable http \
                 fetch-event` (without them it imports wasi:http); otherwise drop the library that \
                 imports it (docs/BOTS.md)",
                root_cause(&e)
            ),
        })?;
        let fighter = FighterIndices::new(&pre).map_err(|e| RuntimeError::BadBot {
            kind: FaultKind::WrongWorld,
            message: format!(
                "the bot is not of the `fighter` world ({}); it must export `init` and `tick` \
                 as sdk/wit/fighter.wit says",
                root_cause(&e)
            ),
        })?;
        let tick = component.get_export_index(None, "tick").expect("the exports were checked above");
        Ok(BotProgram {
            identity: BotIdentity { name: name.to_owned(), author: author.to_owned(), sha256 },
            instance_pre: pre,
            fighter,
            tick,
        })
    }

    /// A store for one bot instance. `max_log_bytes` is the match's cap (its
    /// rules may differ from the limits the runtime was made with).
    pub(crate) fn new_store(&self, seed: u64, clock: TickClock, max_log_bytes: u32) -> Store<BotState> {
        let log = Arc::new(SharedLog::new(max_log_bytes as usize));
        let state = BotState {
            limiter: Limiter::new(&self.limits),
            log,
            ledger: Ledger { clock, call: None },
            random: BotRandom::new(seed),
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|s| &mut s.limiter);
        // What the host copies out of a bot in one call, and the handles it
        // keeps for it, are bounded whatever the bot's fuel.
        store.set_hostcall_fuel(crate::host::MAX_HOST_LIST_BYTES);
        store.set_max_component_handles(crate::host::MAX_HANDLES);
        store
    }
}

/// A bot compiled and linked, ready to be instantiated in any number of
/// matches at once.
#[derive(Clone)]
pub struct BotProgram {
    /// Name, author and wasm SHA-256.
    pub identity: BotIdentity,
    pub(crate) instance_pre: InstancePre<BotState>,
    /// Where `init` and `tick` are, looked up (and type-checked) once.
    pub(crate) fighter: FighterIndices,
    /// The `tick` export, for [`crate::wire::WireObservation`]'s typed call.
    pub(crate) tick: ComponentExportIndex,
}

impl std::fmt::Debug for BotProgram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotProgram").field("identity", &self.identity).finish()
    }
}

/// The engine configuration. Everything here that changes compiled code is
/// part of the compile cache's key (through wasmtime's compatibility hash);
/// everything that can change an outcome is in [`engine_settings`].
///
/// Instances are allocated on demand, not from a pooling allocator: a pool
/// is shared by every match in the process, so a few hungry bots could
/// exhaust it and make an innocent bot's instantiation fail, a result
/// decided by thread scheduling. On demand, each bot gets what its own caps
/// allow and no match can take anything from another.
fn config(limits: &BotLimits) -> Config {
    let mut c = Config::new();
    // No `threads` feature is compiled in, so bots cannot use threads.
    c.consume_fuel(true)
        .wasm_component_model(true)
        .cranelift_nan_canonicalization(true)
        .relaxed_simd_deterministic(true)
        .max_wasm_stack(limits.max_stack_bytes as usize)
        // The async stack must hold the wasm stack plus the host's frames.
        .async_stack_size(limits.max_stack_bytes as usize + (1 << 20))
        .parallel_compilation(true);
    c
}

/// The engine settings that can change a match's outcome, as replays record
/// them (with the rules, which carry the bot limits).
pub(crate) fn engine_settings() -> String {
    format!(
        "wasmtime {WASMTIME_VERSION}; fuel per wasm op; host call {} + {}/byte + {}/handle; \
         nan-canonical; relaxed-simd deterministic; on-demand instances; handles {}; host lists {} B",
        crate::host::CALL,
        crate::host::BYTE,
        crate::host::HANDLE,
        crate::host::MAX_HANDLES,
        crate::host::MAX_HOST_LIST_BYTES,
    )
}

/// Refuses what is plainly not a component, with a message that says what to do.
fn check_header(wasm: &[u8]) -> Result<(), RuntimeError> {
    let bad = |message: &str| RuntimeError::BadBot { kind: FaultKind::WrongWorld, message: message.to_owned() };
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err(bad("the file is not WebAssembly (it does not start with `\\0asm`)"));
    }
    if wasm[4..8] == [1, 0, 0, 0] {
        return Err(bad("the file is a core WebAssembly module, not a component. Rust: \
             `cargo build --release --target wasm32-wasip2`; C or another wasm32-wasi (preview1) \
             toolchain: make a component with the WASI preview1 reactor adapter (the `make` of \
             `arena new-bot --lang c`, or `wasm-tools component new core.wasm --adapt \
             wasi_snapshot_preview1.reactor.wasm`); Python, JavaScript: submit what componentize-py \
             or componentize-js wrote (docs/BOTS.md)"));
    }
    Ok(())
}

/// The innermost message of an error chain, which names the missing export
/// or import.
pub(crate) fn root_cause(e: &wasmtime::Error) -> String {
    // wasmtime adds the wasm backtrace as a context; it means nothing to a
    // bot author without debug info, and it drowns the actual cause.
    let chain: Vec<String> = e.chain().map(|c| c.to_string()).filter(|c| !c.contains("wasm backtrace")).collect();
    chain.join(": ")
}
