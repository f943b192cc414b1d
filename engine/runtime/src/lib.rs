//! # arena-runtime: the sandbox that runs bots
//!
//! Bots are WebAssembly components of the `fighter` world
//! (`sdk/wit/fighter.wit`). This crate compiles them (once: compiled
//! components are cached on disk, and so is each compiled function, which
//! bots built with the same toolchain share), instantiates them in a deterministic
//! sandbox and plays matches between them with [`arena_sim`].
//!
//! - **Deterministic**: fuel, never wall-clock time; clocks that advance with
//!   the ticks; random numbers from ChaCha seeded per bot per match; NaN
//!   canonicalisation; no threads. The same bots, rules and seed give the
//!   same replay bytes on every run.
//! - **Sandboxed**: no files, no network, no environment, no sleeping;
//!   memory, tables, instances, stack and module size capped; stdout and
//!   stderr captured (capped) into the replay, tick-stamped.
//! - **Faults are data**: a trap, an overrun, a bad value or a failed `init`
//!   loses the bot that round and is recorded in the replay
//!   ([`arena_sim::Fault`]); it never takes the host down.
//!
//! ```no_run
//! use arena_runtime::{Contestant, Runtime};
//! use arena_sim::{IdleDummy, MatchKind, Rules};
//!
//! let rules = Rules::default();
//! let runtime = Runtime::new(&rules.limits, Runtime::default_cache_dir()).unwrap();
//! let bot = runtime.load_file("target/bots/rusher.wasm".as_ref(), "rusher", "arena").unwrap();
//! let replay = runtime
//!     .play(&rules, 7, MatchKind::Normal, [Contestant::Wasm(bot), Contestant::native("dummy", IdleDummy)])
//!     .unwrap();
//! println!("winner: {:?}", replay.outcome.winner);
//! ```

mod bindings;
mod cache;
mod clock;
mod error;
mod floor;
mod function_cache;
pub mod host;
mod log;
mod play;
mod runtime;
pub mod static_limits;
mod validate;
mod wire;

pub use error::RuntimeError;
pub use function_cache::{DEFAULT_FUNCTION_CACHE_BYTES, FunctionCacheStats};
pub use play::{Contestant, engine_version};
pub use runtime::{BotProgram, DEFAULT_BACKSTOP, Runtime, WASMTIME_VERSION};
pub use validate::{Check, CheckOutcome, VALIDATION_SEED, Validation};
