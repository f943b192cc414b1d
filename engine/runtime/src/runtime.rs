//! [`Runtime`]: the one wasmtime `Engine` and `Linker` shared by every match
//! on every thread, and [`BotProgram`], a bot compiled and ready to
//! instantiate.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arena_sim::{BotIdentity, BotLimits, FaultKind};
use sha2::{Digest, Sha256};
use wasmtime::component::{Component, ComponentExportIndex, InstancePre, Linker, ResourceTable};
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

use crate::bindings::FighterIndices;
use crate::cache::ComponentCache;
use crate::clock::TickClock;
use crate::error::RuntimeError;
use crate::log::SharedLog;

/// The wasmtime version every replay records: fuel costs differ between
/// versions, so this is part of what makes a match re-creatable.
pub const WASMTIME_VERSION: &str = "48.0.8";

/// What one bot instance owns inside its `Store`.
pub(crate) struct BotState {
    pub(crate) wasi: WasiCtx,
    pub(crate) table: ResourceTable,
    pub(crate) limiter: Limiter,
    pub(crate) log: Arc<SharedLog>,
}

impl WasiView for BotState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

/// Caps memory and tables, and remembers when it refused, so a trap that
/// follows can be reported as running out of memory.
pub(crate) struct Limiter {
    pub(crate) max_memory: usize,
    pub(crate) max_table: usize,
    pub(crate) max_instances: usize,
    pub(crate) max_stack: usize,
    pub(crate) refused: Option<String>,
}

impl wasmtime::ResourceLimiter for Limiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.max_memory {
            self.refused = Some(format!(
                "memory grew from {current} to {desired} bytes, past the cap of {} bytes (rules: limits.max_memory_bytes)",
                self.max_memory
            ));
            return Ok(false);
        }
        Ok(true)
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.max_table {
            self.refused = Some(format!(
                "a table grew from {current} to {desired} elements, past the cap of {} (rules: limits.max_table_elements)",
                self.max_table
            ));
            return Ok(false);
        }
        Ok(true)
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
    limits: BotLimits,
    pooling: bool,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").field("limits", &self.limits).field("pooling", &self.pooling).finish()
    }
}

impl Runtime {
    /// A runtime for bots under `limits`, caching compiled bots in
    /// `cache_dir` (`None`: compile every time).
    pub fn new(limits: &BotLimits, cache_dir: Option<PathBuf>) -> Result<Self, RuntimeError> {
        let (engine, pooling) = match Engine::new(&config(limits, true)) {
            Ok(engine) => (engine, true),
            // The pooling allocator reserves a lot of address space up front;
            // where the host refuses, instances are allocated on demand.
            Err(_) => (
                Engine::new(&config(limits, false)).map_err(|e| RuntimeError::Engine(e.to_string()))?,
                false,
            ),
        };
        let mut linker = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)
            .map_err(|e| RuntimeError::Engine(e.to_string()))?;
        forbid_sleeping(&mut linker).map_err(|e| RuntimeError::Engine(e.to_string()))?;
        let cache = cache_dir.map(|dir| ComponentCache::new(dir, &engine));
        Ok(Self { engine, linker, cache, limits: *limits, pooling })
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

    /// The limits this runtime enforces.
    pub fn limits(&self) -> &BotLimits {
        &self.limits
    }

    /// Whether instances come from the pooling allocator.
    pub fn is_pooling(&self) -> bool {
        self.pooling
    }

    /// How many components this runtime has compiled (not loaded from the
    /// cache) so far.
    pub fn compiled_count(&self) -> u64 {
        self.cache.as_ref().map_or(0, ComponentCache::compiled_count)
    }

    /// Loads a bot from a `.wasm` file.
    pub fn load_file(&self, path: &Path, name: &str, author: &str) -> Result<BotProgram, RuntimeError> {
        let meta = std::fs::metadata(path)
            .map_err(|source| RuntimeError::Read { path: path.to_owned(), source })?;
        // Refuse a huge file before reading it whole.
        self.check_size(meta.len())?;
        let bytes = std::fs::read(path)
            .map_err(|source| RuntimeError::Read { path: path.to_owned(), source })?;
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
        let sha256 = crate::hex(&Sha256::digest(wasm));
        let component = match &self.cache {
            Some(cache) => cache.get_or_compile(&self.engine, wasm, &sha256),
            None => Component::new(&self.engine, wasm).map_err(|e| e.to_string()),
        }
        .map_err(|message| RuntimeError::BadBot {
            kind: FaultKind::LoadFailed,
            message: format!("the bot does not compile as a WebAssembly component: {message}"),
        })?;
        let pre = self.linker.instantiate_pre(&component).map_err(|e| RuntimeError::BadBot {
            kind: FaultKind::WrongWorld,
            message: format!(
                "the bot needs an import that Arena does not provide ({}); bots may import only \
                 wasi:cli, wasi:clocks, wasi:random, wasi:io, wasi:filesystem and wasi:sockets \
                 (with no files and no network)",
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
        use rand_chacha::ChaCha20Rng;
        use rand_chacha::rand_core::SeedableRng;

        let log = Arc::new(SharedLog::new(max_log_bytes as usize));
        let mut wasi = WasiCtx::builder();
        wasi.stdout(crate::log::LogSink { log: log.clone(), stream: arena_sim::LogStream::Stdout })
            .stderr(crate::log::LogSink { log: log.clone(), stream: arena_sim::LogStream::Stderr })
            .wall_clock(clock.clone())
            .monotonic_clock(clock.clone())
            .secure_random(ChaCha20Rng::seed_from_u64(seed))
            .insecure_random(ChaCha20Rng::seed_from_u64(seed ^ 0x5eed_5eed_5eed_5eed))
            .insecure_random_seed(u128::from(seed))
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false);
        let state = BotState {
            wasi: wasi.build(),
            table: ResourceTable::new(),
            limiter: Limiter {
                max_memory: usize::try_from(self.limits.max_memory_bytes).unwrap_or(usize::MAX),
                max_table: self.limits.max_table_elements as usize,
                max_instances: self.limits.max_instances as usize,
                max_stack: self.limits.max_stack_bytes as usize,
                refused: None,
            },
            log,
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|s| &mut s.limiter);
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
/// part of the compile cache's key (through wasmtime's compatibility hash).
fn config(limits: &BotLimits, pooling: bool) -> Config {
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
    if pooling {
        let mut p = PoolingAllocationConfig::default();
        let max_memory = usize::try_from(limits.max_memory_bytes).unwrap_or(usize::MAX);
        p.total_component_instances(1000)
            .total_core_instances(4000)
            .total_memories(1000)
            .total_tables(2000)
            .total_stacks(1000)
            .max_memory_size(max_memory)
            .table_elements(limits.max_table_elements as usize)
            .max_core_instances_per_component(limits.max_instances)
            .max_memories_per_component(limits.max_instances.min(64))
            .max_tables_per_component(limits.max_instances.min(64) * 2)
            .max_memories_per_module(2)
            .max_tables_per_module(8)
            .max_core_instance_size(16 << 20)
            .max_component_instance_size(16 << 20);
        c.allocation_strategy(InstanceAllocationStrategy::Pooling(p));
    }
    c
}

/// Sleeping would make a bot wait on the host's real clock, so it traps.
fn forbid_sleeping(linker: &mut Linker<BotState>) -> wasmtime::Result<()> {
    linker.allow_shadowing(true);
    let mut clock = linker.instance("wasi:clocks/monotonic-clock@0.2.12")?;
    for name in ["subscribe-duration", "subscribe-instant"] {
        clock.func_new(name, |_, _, _, _| {
            Err(wasmtime::format_err!(
                "the bot tried to sleep; Arena bots are timed by fuel, not by the clock, so sleeping is not allowed"
            ))
        })?;
    }
    linker.allow_shadowing(false);
    Ok(())
}

/// Refuses what is plainly not a component, with a message that says what to do.
fn check_header(wasm: &[u8]) -> Result<(), RuntimeError> {
    let bad = |message: &str| RuntimeError::BadBot { kind: FaultKind::WrongWorld, message: message.to_owned() };
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err(bad("the file is not WebAssembly (it does not start with `\\0asm`)"));
    }
    if wasm[4..8] == [1, 0, 0, 0] {
        return Err(bad(
            "the file is a core WebAssembly module, not a component; build for \
             `wasm32-wasip2` (cargo build --target wasm32-wasip2) or wrap it with \
             `wasm-tools component new`",
        ));
    }
    Ok(())
}

/// The innermost message of an error chain, which names the missing export
/// or import.
pub(crate) fn root_cause(e: &wasmtime::Error) -> String {
    // wasmtime adds the wasm backtrace as a context; it means nothing to a
    // bot author without debug info, and it drowns the actual cause.
    let chain: Vec<String> = e
        .chain()
        .map(|c| c.to_string())
        .filter(|c| !c.contains("wasm backtrace"))
        .collect();
    chain.join(": ")
}
