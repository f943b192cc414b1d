//! `wasi:io`: the streams behind stdout and stderr, a closed stdin, and
//! pollables that are always ready.

use wasmtime::StoreContextMut;
use wasmtime::component::{ComponentType, Lift, Linker, Lower, Resource, ResourceType};

use super::{CALL, HANDLE, HostRefused, WRITE_PERMIT, bytes_cost, charge, interface};
use crate::runtime::BotState;
use arena_sim::LogStream;

/// `wasi:io/error.error`. Nothing here ever returns one.
pub(crate) struct IoError;
/// `wasi:io/poll.pollable`: always ready.
pub(crate) struct Pollable;
/// `wasi:io/streams.input-stream`: stdin, always closed.
pub(crate) struct InputStream;
/// `wasi:io/streams.output-stream`: stdout (rep 1) or stderr (rep 2).
pub(crate) struct OutputStream;

pub(crate) const STDOUT: u32 = 1;
pub(crate) const STDERR: u32 = 2;

/// `wasi:io/streams.stream-error`.
#[derive(ComponentType, Lift, Lower)]
#[component(variant)]
pub(crate) enum StreamError {
    #[component(name = "last-operation-failed")]
    LastOperationFailed(Resource<IoError>),
    #[component(name = "closed")]
    Closed,
}

type Store<'a> = StoreContextMut<'a, BotState>;
type Answer<T> = wasmtime::Result<(Result<T, StreamError>,)>;

pub(super) fn add_to_linker(linker: &mut Linker<BotState>) -> wasmtime::Result<()> {
    let mut error = linker.instance(&interface("io/error"))?;
    error.resource("error", ResourceType::host::<IoError>(), |_, _| Ok(()))?;
    error.func_wrap_async("[method]error.to-debug-string", |mut store: Store<'_>, (_,): (Resource<IoError>,)| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((String::new(),))
        })
    })?;

    let mut poll = linker.instance(&interface("io/poll"))?;
    poll.resource("pollable", ResourceType::host::<Pollable>(), |_, _| Ok(()))?;
    poll.func_wrap_async("[method]pollable.ready", |mut store: Store<'_>, (_,): (Resource<Pollable>,)| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((true,))
        })
    })?;
    poll.func_wrap_async("[method]pollable.block", |mut store: Store<'_>, (_,): (Resource<Pollable>,)| {
        Box::new(async move { charge(&mut store, CALL).await })
    })?;
    poll.func_wrap_async("poll", |mut store: Store<'_>, (list,): (Vec<Resource<Pollable>>,)| {
        Box::new(async move {
            let n = list.len() as u64;
            charge(&mut store, CALL.saturating_add(HANDLE.saturating_mul(n))).await?;
            if list.is_empty() {
                return Err(HostRefused("`poll` was given an empty list".into()).into());
            }
            // Every pollable is ready, so every index is in the answer.
            Ok(((0..list.len() as u32).collect::<Vec<u32>>(),))
        })
    })?;

    let mut streams = linker.instance(&interface("io/streams"))?;
    streams.resource("input-stream", ResourceType::host::<InputStream>(), |_, _| Ok(()))?;
    streams.resource("output-stream", ResourceType::host::<OutputStream>(), |_, _| Ok(()))?;

    // stdin: every read finds it closed.
    streams.func_wrap_async(
        "[method]input-stream.read",
        |mut store: Store<'_>, (_, _): (Resource<InputStream>, u64)| {
            Box::new(async move { closed::<Vec<u8>>(&mut store).await })
        },
    )?;
    streams.func_wrap_async(
        "[method]input-stream.blocking-read",
        |mut store: Store<'_>, (_, _): (Resource<InputStream>, u64)| {
            Box::new(async move { closed::<Vec<u8>>(&mut store).await })
        },
    )?;
    streams.func_wrap_async(
        "[method]input-stream.skip",
        |mut store: Store<'_>, (_, _): (Resource<InputStream>, u64)| {
            Box::new(async move { closed::<u64>(&mut store).await })
        },
    )?;
    streams.func_wrap_async(
        "[method]input-stream.blocking-skip",
        |mut store: Store<'_>, (_, _): (Resource<InputStream>, u64)| {
            Box::new(async move { closed::<u64>(&mut store).await })
        },
    )?;
    streams.func_wrap_async(
        "[method]input-stream.subscribe",
        |mut store: Store<'_>, (_,): (Resource<InputStream>,)| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok((Resource::<Pollable>::new_own(0),))
            })
        },
    )?;

    // stdout and stderr: the bot's log.
    streams.func_wrap_async(
        "[method]output-stream.check-write",
        |mut store: Store<'_>, (_,): (Resource<OutputStream>,)| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok((Ok::<u64, StreamError>(WRITE_PERMIT),))
            })
        },
    )?;
    streams.func_wrap_async(
        "[method]output-stream.write",
        |mut store: Store<'_>, (stream, bytes): (Resource<OutputStream>, Vec<u8>)| {
            Box::new(async move { write(&mut store, &stream, &bytes, WRITE_PERMIT, "write").await })
        },
    )?;
    streams.func_wrap_async(
        "[method]output-stream.blocking-write-and-flush",
        |mut store: Store<'_>, (stream, bytes): (Resource<OutputStream>, Vec<u8>)| {
            Box::new(async move { write(&mut store, &stream, &bytes, 4096, "blocking-write-and-flush").await })
        },
    )?;
    streams.func_wrap_async(
        "[method]output-stream.write-zeroes",
        |mut store: Store<'_>, (stream, len): (Resource<OutputStream>, u64)| {
            Box::new(async move { write_zeroes(&mut store, &stream, len, WRITE_PERMIT, "write-zeroes").await })
        },
    )?;
    streams.func_wrap_async(
        "[method]output-stream.blocking-write-zeroes-and-flush",
        |mut store: Store<'_>, (stream, len): (Resource<OutputStream>, u64)| {
            Box::new(
                async move { write_zeroes(&mut store, &stream, len, 4096, "blocking-write-zeroes-and-flush").await },
            )
        },
    )?;
    streams.func_wrap_async(
        "[method]output-stream.flush",
        |mut store: Store<'_>, (_,): (Resource<OutputStream>,)| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok((Ok::<(), StreamError>(()),))
            })
        },
    )?;
    streams.func_wrap_async(
        "[method]output-stream.blocking-flush",
        |mut store: Store<'_>, (_,): (Resource<OutputStream>,)| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok((Ok::<(), StreamError>(()),))
            })
        },
    )?;
    streams.func_wrap_async(
        "[method]output-stream.subscribe",
        |mut store: Store<'_>, (_,): (Resource<OutputStream>,)| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok((Resource::<Pollable>::new_own(0),))
            })
        },
    )?;
    // The only input stream is closed, so a splice copies nothing.
    streams.func_wrap_async(
        "[method]output-stream.splice",
        |mut store: Store<'_>, (_, _, _): (Resource<OutputStream>, Resource<InputStream>, u64)| {
            Box::new(async move { closed::<u64>(&mut store).await })
        },
    )?;
    streams.func_wrap_async(
        "[method]output-stream.blocking-splice",
        |mut store: Store<'_>, (_, _, _): (Resource<OutputStream>, Resource<InputStream>, u64)| {
            Box::new(async move { closed::<u64>(&mut store).await })
        },
    )?;
    Ok(())
}

async fn closed<T>(store: &mut Store<'_>) -> Answer<T> {
    charge(store, CALL).await?;
    Ok((Err(StreamError::Closed),))
}

fn log_stream(stream: &Resource<OutputStream>) -> LogStream {
    if stream.rep() == STDERR { LogStream::Stderr } else { LogStream::Stdout }
}

async fn write(
    store: &mut Store<'_>,
    stream: &Resource<OutputStream>,
    bytes: &[u8],
    permit: u64,
    what: &str,
) -> Answer<()> {
    charge(store, bytes_cost(bytes.len() as u64)).await?;
    if bytes.len() as u64 > permit {
        return Err(HostRefused(format!(
            "`{what}` was given {} bytes; it takes at most {permit} (ask `check-write`)",
            bytes.len()
        ))
        .into());
    }
    store.data().log.write(log_stream(stream), bytes);
    Ok((Ok::<(), StreamError>(()),))
}

async fn write_zeroes(
    store: &mut Store<'_>,
    stream: &Resource<OutputStream>,
    len: u64,
    permit: u64,
    what: &str,
) -> Answer<()> {
    charge(store, bytes_cost(len)).await?;
    if len > permit {
        return Err(HostRefused(format!("`{what}` was asked for {len} bytes; it takes at most {permit}")).into());
    }
    const ZEROES: [u8; 4096] = [0; 4096];
    let mut left = len as usize;
    while left > 0 {
        let n = left.min(ZEROES.len());
        store.data().log.write(log_stream(stream), &ZEROES[..n]);
        left -= n;
    }
    Ok((Ok::<(), StreamError>(()),))
}
