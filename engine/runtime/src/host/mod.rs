//! What a bot may ask of the host, and what each request costs it.
//!
//! A bot is a component; everything it imports is listed here and nothing
//! else links (a bot that imports anything more, `wasi:http` say, is
//! refused at submission with the import's name). There is no
//! `wasmtime-wasi` underneath: every function below is Arena's own, so
//! none of them can touch a file, a socket, the host's clock or its
//! environment, and each one does a bounded amount of work that the bot
//! pays for in fuel.
//!
//! # What a host call costs
//!
//! Fuel counts wasm instructions; a host call is one instruction to wasm
//! but real work for the host. So every call is charged on entry, in the
//! same fuel, before the host does the work:
//!
//! - [`CALL`] fuel for the call itself (the component call path costs the
//!   host about what that much wasm does);
//! - [`BYTE`] fuel for every byte the host generates, copies or stores;
//! - [`HANDLE`] fuel for every resource handle in a list it walks.
//!
//! The charge comes out of the `tick` call's budget like wasm fuel. A bot
//! whose host calls use up the fuel of the tick it is in is suspended in the
//! host call until the next tick, exactly as if its wasm had used the fuel;
//! one whose calls use up the whole budget (`tick_fuel × max_think_ticks`,
//! or `init_fuel` in `init`) faults with `out-of-fuel`. A host call starts
//! a fresh slice of `tick_fuel`, but a call is never more than one slice
//! ahead of the ticks it has spent: a bot that is, is suspended at its next
//! host call until the ticks catch up.
//!
//! # The imports, function by function
//!
//! Versions 0.2.0 to 0.2.12 of each interface link (semver). "call" is
//! [`CALL`], "byte" [`BYTE`], "handle" [`HANDLE`]; `len` is the argument.
//!
//! | Interface | Function | What it does here | Cost |
//! |---|---|---|---|
//! | `wasi:cli/environment` | `get-environment` | no variables | call |
//! | | `get-arguments` | no arguments | call |
//! | | `initial-cwd` | none | call |
//! | `wasi:cli/exit` | `exit` | ends the bot's round as a `trap` fault | call |
//! | | `exit-with-code` | the same | call |
//! | `wasi:cli/stdin` | `get-stdin` | a stream that is always closed | call |
//! | `wasi:cli/stdout` | `get-stdout` | the bot's log, kept with the replay, tick-stamped | call |
//! | `wasi:cli/stderr` | `get-stderr` | the same, marked as stderr | call |
//! | `wasi:cli/terminal-stdin` | `get-terminal-stdin` | none: not a terminal | call |
//! | `wasi:cli/terminal-stdout` | `get-terminal-stdout` | none | call |
//! | `wasi:cli/terminal-stderr` | `get-terminal-stderr` | none | call |
//! | `wasi:clocks/monotonic-clock` | `now` | nanoseconds since the match began, advancing 1/60 s per tick | call |
//! | | `resolution` | one tick (16,666,666 ns) | call |
//! | | `subscribe-instant` | a `trap` fault: bots may not sleep | call |
//! | | `subscribe-duration` | the same | call |
//! | `wasi:clocks/wall-clock` | `now` | 2025-01-01T00:00:00Z plus the match's ticks | call |
//! | | `resolution` | one tick | call |
//! | `wasi:random/random` | `get-random-bytes` | ChaCha20 seeded per bot per match; `len` at most [`MAX_RANDOM_BYTES`], more is a `trap` fault | call + byte × `len` |
//! | | `get-random-u64` | the same generator | call |
//! | `wasi:random/insecure` | `get-insecure-random-bytes` | a second ChaCha20, also seeded; same cap | call + byte × `len` |
//! | | `get-insecure-random-u64` | the same generator | call |
//! | `wasi:random/insecure-seed` | `insecure-seed` | the bot's seed | call |
//! | `wasi:io/error` | `[method]error.to-debug-string` | never reached: no call returns an error resource | call |
//! | `wasi:io/poll` | `poll` | every pollable is ready at once (nothing a bot can wait on is ever pending) | call + handle × list length |
//! | | `[method]pollable.ready` | true | call |
//! | | `[method]pollable.block` | returns at once | call |
//! | `wasi:io/streams` | `[method]output-stream.check-write` | [`WRITE_PERMIT`] | call |
//! | | `[method]output-stream.write` | appends to the log; past `limits.max_log_bytes` a match's output is dropped; more than [`WRITE_PERMIT`] bytes is a `trap` fault | call + byte × length |
//! | | `[method]output-stream.blocking-write-and-flush` | the same, at most 4096 bytes (WASI's rule) | call + byte × length |
//! | | `[method]output-stream.write-zeroes` | appends `len` zero bytes, at most [`WRITE_PERMIT`] | call + byte × `len` |
//! | | `[method]output-stream.blocking-write-zeroes-and-flush` | the same, at most 4096 | call + byte × `len` |
//! | | `[method]output-stream.flush` | nothing to do | call |
//! | | `[method]output-stream.blocking-flush` | nothing to do | call |
//! | | `[method]output-stream.subscribe` | a ready pollable | call |
//! | | `[method]output-stream.splice` | copies nothing: the only input stream is closed | call |
//! | | `[method]output-stream.blocking-splice` | the same | call |
//! | | `[method]input-stream.read` | closed | call |
//! | | `[method]input-stream.blocking-read` | closed | call |
//! | | `[method]input-stream.skip` | closed | call |
//! | | `[method]input-stream.blocking-skip` | closed | call |
//! | | `[method]input-stream.subscribe` | a ready pollable | call |
//! | `wasi:filesystem/preopens` | `get-directories` | no directories, so no file can ever be opened | call |
//! | `wasi:filesystem/types` | `filesystem-error-code` | none | call |
//! | | every `[method]descriptor.*`, `[method]directory-entry-stream.*` | never reached: no descriptor exists | call |
//! | `wasi:sockets/instance-network` | `instance-network` | a network handle that can do nothing | call |
//! | `wasi:sockets/network` | `network-error-code` | none | call |
//! | `wasi:sockets/tcp-create-socket` | `create-tcp-socket` | error `access-denied` | call |
//! | `wasi:sockets/udp-create-socket` | `create-udp-socket` | error `access-denied` | call |
//! | `wasi:sockets/ip-name-lookup` | `resolve-addresses` | error `access-denied` | call + byte × name length |
//! | `wasi:sockets/tcp`, `wasi:sockets/udp`, `ip-name-lookup` | every `[method]*` | never reached: no socket exists | call |
//!
//! Besides fuel, a bot holds at most [`MAX_HANDLES`] resource handles at
//! once, and no list or string it passes to the host may exceed
//! [`MAX_HOST_LIST_BYTES`] (both are `trap` faults).

mod cli;
mod clocks;
mod denied;
mod io;
mod random;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use wasmtime::StoreContextMut;
use wasmtime::component::Linker;

use crate::clock::TickClock;
use crate::runtime::BotState;

pub(crate) use random::BotRandom;

/// Fuel every host call costs, whatever it does.
pub const CALL: u64 = 2_000;
/// Fuel per byte a host call generates, copies or stores.
pub const BYTE: u64 = 8;
/// Fuel per resource handle in a list a host call walks.
pub const HANDLE: u64 = 400;
/// The most random bytes one call may ask for.
pub const MAX_RANDOM_BYTES: u64 = 64 << 10;
/// What `check-write` answers: the most bytes one `write` may carry.
pub const WRITE_PERMIT: u64 = 64 << 10;
/// The most bytes of lists and strings one host call may lift out of a bot.
pub const MAX_HOST_LIST_BYTES: usize = 64 << 10;
/// The most resource handles a bot may hold at once.
pub const MAX_HANDLES: usize = 4096;

/// The WASI version every interface is defined at; imports of any 0.2.x
/// version link to it.
const WASI: &str = "0.2.12";

/// Defines every import a bot may use, and nothing else.
pub(crate) fn add_to_linker(linker: &mut Linker<BotState>) -> wasmtime::Result<()> {
    io::add_to_linker(linker)?;
    cli::add_to_linker(linker)?;
    clocks::add_to_linker(linker)?;
    random::add_to_linker(linker)?;
    denied::add_to_linker(linker)?;
    Ok(())
}

/// `wasi:NAMESPACE/INTERFACE@0.2.12`.
fn interface(name: &str) -> String {
    format!("wasi:{name}@{WASI}")
}

/// How a bot's fuel is being spent right now, for the host calls to charge.
#[derive(Debug)]
pub(crate) struct Ledger {
    /// The match's tick counter.
    pub(crate) clock: TickClock,
    /// The `tick` call in progress; `None` during instantiation and `init`,
    /// which run on one budget with no slices.
    pub(crate) call: Option<TickCall>,
}

/// A `tick` call's budget, set when the call begins.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TickCall {
    /// The tick on which the call began.
    pub(crate) started: u64,
    /// The fuel it was given.
    pub(crate) budget: u64,
    /// Fuel per tick (the yield interval).
    pub(crate) tick_fuel: u64,
}

/// A bot's host calls used up its fuel. Reported as `out-of-fuel`.
#[derive(Debug, thiserror::Error)]
#[error("the bot's host calls used up its fuel")]
pub(crate) struct HostFuelExhausted;

/// A bot broke a rule of a host call (too many bytes asked for, sleeping…).
/// Reported as a `trap` fault with this message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct HostRefused(pub(crate) String);

/// A bot called `exit`.
#[derive(Debug, thiserror::Error)]
#[error("the bot called exit({0})")]
pub(crate) struct BotExit(pub(crate) i32);

/// Charges `cost` fuel for a host call before it does its work.
///
/// In a `tick` call, a bot whose spending has run ahead of the ticks it has
/// been thinking is suspended here until they catch up (each `Pending` is one
/// tick), then gets a fresh slice: see the module docs.
pub(crate) async fn charge(store: &mut StoreContextMut<'_, BotState>, cost: u64) -> wasmtime::Result<()> {
    let fuel = store.get_fuel()?;
    if cost >= fuel {
        return Err(HostFuelExhausted.into());
    }
    let left = fuel - cost;
    if let Some(call) = store.data().ledger.call {
        let used = call.budget.saturating_sub(left);
        loop {
            let thinking = store.data().ledger.clock.ticks().saturating_sub(call.started);
            if used / call.tick_fuel <= thinking {
                break;
            }
            NextTick::default().await;
        }
    }
    store.set_fuel(left)?;
    Ok(())
}

/// Pending once: the match runner polls a bot once per tick, so this ends
/// the tick for the bot.
#[derive(Default)]
struct NextTick {
    yielded: bool,
}

impl Future for NextTick {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            Poll::Ready(())
        } else {
            self.yielded = true;
            Poll::Pending
        }
    }
}

/// The cost of a call that moves `bytes` bytes.
fn bytes_cost(bytes: u64) -> u64 {
    CALL.saturating_add(BYTE.saturating_mul(bytes))
}

#[cfg(test)]
mod tests {
    /// Every function the linker defines is in the cost table of the module
    /// docs, so the docs cannot fall behind the code.
    #[test]
    fn every_import_is_in_the_cost_table() {
        let docs = include_str!("mod.rs");
        let sources =
            [include_str!("io.rs"), include_str!("cli.rs"), include_str!("clocks.rs"), include_str!("random.rs")];
        let mut checked = 0;
        for source in sources {
            for name in defined_names(source) {
                assert!(docs.contains(&format!("{name}`")), "`{name}` is defined but not in the cost table");
                checked += 1;
            }
        }
        assert!(checked > 30, "only {checked} functions found: is `defined_names` still finding them?");
    }

    /// The functions a source file defines (for the docs test).
    fn defined_names(source: &str) -> Vec<String> {
        source
            .split("_async(")
            .skip(1)
            .filter_map(|rest| rest.trim_start().strip_prefix('"')?.split('"').next())
            .map(str::to_owned)
            .collect()
    }
}
