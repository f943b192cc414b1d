//! `wasi:clocks`: both clocks follow the match's ticks; sleeping is refused.

use wasmtime::StoreContextMut;
use wasmtime::component::{ComponentType, Lift, Linker, Lower, Resource};

use super::io::Pollable;
use super::{CALL, HostRefused, charge, interface};
use crate::clock::{EPOCH_SECS, NANOS_PER_TICK};
use crate::runtime::BotState;

/// `wasi:clocks/wall-clock.datetime`.
#[derive(Clone, Copy, ComponentType, Lift, Lower)]
#[component(record)]
struct Datetime {
    seconds: u64,
    nanoseconds: u32,
}

type Store<'a> = StoreContextMut<'a, BotState>;

pub(super) fn add_to_linker(linker: &mut Linker<BotState>) -> wasmtime::Result<()> {
    let mut monotonic = linker.instance(&interface("clocks/monotonic-clock"))?;
    monotonic.func_wrap_async("now", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((store.data().ledger.clock.nanos(),))
        })
    })?;
    monotonic.func_wrap_async("resolution", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((NANOS_PER_TICK,))
        })
    })?;
    // Sleeping would make a bot wait on the host's real clock.
    for name in ["subscribe-instant", "subscribe-duration"] {
        monotonic.func_wrap_async(name, |mut store: Store<'_>, (_,): (u64,)| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Err::<(Resource<Pollable>,), _>(
                    HostRefused(
                        "the bot tried to sleep; Arena bots are timed by fuel, not by the clock, so sleeping \
                         is not allowed"
                            .into(),
                    )
                    .into(),
                )
            })
        })?;
    }

    let mut wall = linker.instance(&interface("clocks/wall-clock"))?;
    wall.func_wrap_async("now", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            let nanos = store.data().ledger.clock.nanos();
            Ok((Datetime { seconds: EPOCH_SECS + nanos / 1_000_000_000, nanoseconds: (nanos % 1_000_000_000) as u32 },))
        })
    })?;
    wall.func_wrap_async("resolution", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((Datetime { seconds: 0, nanoseconds: NANOS_PER_TICK as u32 },))
        })
    })?;
    Ok(())
}
