//! `wasi:random`: two ChaCha20 generators seeded per bot per match, so a
//! bot's "random" numbers replay exactly.

use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use wasmtime::StoreContextMut;
use wasmtime::component::Linker;

use super::{CALL, HostRefused, MAX_RANDOM_BYTES, bytes_cost, charge, interface};
use crate::runtime::BotState;

/// A bot's generators.
#[derive(Debug)]
pub(crate) struct BotRandom {
    secure: ChaCha20Rng,
    insecure: ChaCha20Rng,
    seed: u64,
}

impl BotRandom {
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            secure: ChaCha20Rng::seed_from_u64(seed),
            insecure: ChaCha20Rng::seed_from_u64(seed ^ 0x5eed_5eed_5eed_5eed),
            seed,
        }
    }
}

type Store<'a> = StoreContextMut<'a, BotState>;

fn generator(state: &mut BotState, secure: bool) -> &mut ChaCha20Rng {
    if secure { &mut state.random.secure } else { &mut state.random.insecure }
}

async fn bytes(store: &mut Store<'_>, len: u64, secure: bool, what: &str) -> wasmtime::Result<(Vec<u8>,)> {
    charge(store, bytes_cost(len)).await?;
    if len > MAX_RANDOM_BYTES {
        return Err(HostRefused(format!(
            "`{what}` was asked for {len} bytes; one call may ask for at most {MAX_RANDOM_BYTES}"
        ))
        .into());
    }
    let mut out = vec![0; len as usize];
    generator(store.data_mut(), secure).fill_bytes(&mut out);
    Ok((out,))
}

async fn u64_of(store: &mut Store<'_>, secure: bool) -> wasmtime::Result<(u64,)> {
    charge(store, CALL).await?;
    Ok((generator(store.data_mut(), secure).next_u64(),))
}

pub(super) fn add_to_linker(linker: &mut Linker<BotState>) -> wasmtime::Result<()> {
    let mut random = linker.instance(&interface("random/random"))?;
    random.func_wrap_async("get-random-bytes", |mut store: Store<'_>, (len,): (u64,)| {
        Box::new(async move { bytes(&mut store, len, true, "get-random-bytes").await })
    })?;
    random.func_wrap_async("get-random-u64", |mut store: Store<'_>, (): ()| {
        Box::new(async move { u64_of(&mut store, true).await })
    })?;

    let mut insecure = linker.instance(&interface("random/insecure"))?;
    insecure.func_wrap_async("get-insecure-random-bytes", |mut store: Store<'_>, (len,): (u64,)| {
        Box::new(async move { bytes(&mut store, len, false, "get-insecure-random-bytes").await })
    })?;
    insecure.func_wrap_async("get-insecure-random-u64", |mut store: Store<'_>, (): ()| {
        Box::new(async move { u64_of(&mut store, false).await })
    })?;

    linker.instance(&interface("random/insecure-seed"))?.func_wrap_async(
        "insecure-seed",
        |mut store: Store<'_>, (): ()| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok(((store.data().random.seed, 0u64),))
            })
        },
    )?;
    Ok(())
}
