//! `wasi:filesystem` and `wasi:sockets`: they link, so that bots built by
//! ordinary toolchains (whose standard libraries import them) load, but no
//! file and no socket can ever be reached. There are no preopened
//! directories, so no descriptor exists; creating a socket is refused, so
//! no socket exists; every method of those resources is unreachable and
//! traps if a bot gets there anyway.

use wasmtime::StoreContextMut;
use wasmtime::component::{Linker, LinkerInstance, Resource, ResourceType, Val};

use super::{BYTE, CALL, HostRefused, charge, interface};
use crate::runtime::BotState;

type Store<'a> = StoreContextMut<'a, BotState>;

/// `wasi:filesystem/types.descriptor`. Never handed out.
pub(crate) struct Descriptor;
struct DirectoryEntryStream;
/// `wasi:sockets/network.network`: handed out, good for nothing.
pub(crate) struct Network;
struct TcpSocket;
struct UdpSocket;
struct IncomingDatagramStream;
struct OutgoingDatagramStream;
struct ResolveAddressStream;

const DESCRIPTOR_METHODS: &[&str] = &[
    "read-via-stream",
    "write-via-stream",
    "append-via-stream",
    "advise",
    "sync-data",
    "get-flags",
    "get-type",
    "set-size",
    "set-times",
    "read",
    "write",
    "read-directory",
    "sync",
    "create-directory-at",
    "stat",
    "stat-at",
    "set-times-at",
    "link-at",
    "open-at",
    "readlink-at",
    "remove-directory-at",
    "rename-at",
    "symlink-at",
    "unlink-file-at",
    "is-same-object",
    "metadata-hash",
    "metadata-hash-at",
];
const TCP_METHODS: &[&str] = &[
    "start-bind",
    "finish-bind",
    "start-connect",
    "finish-connect",
    "start-listen",
    "finish-listen",
    "accept",
    "local-address",
    "remote-address",
    "is-listening",
    "address-family",
    "set-listen-backlog-size",
    "keep-alive-enabled",
    "set-keep-alive-enabled",
    "keep-alive-idle-time",
    "set-keep-alive-idle-time",
    "keep-alive-interval",
    "set-keep-alive-interval",
    "keep-alive-count",
    "set-keep-alive-count",
    "hop-limit",
    "set-hop-limit",
    "receive-buffer-size",
    "set-receive-buffer-size",
    "send-buffer-size",
    "set-send-buffer-size",
    "subscribe",
    "shutdown",
];
const UDP_METHODS: &[&str] = &[
    "start-bind",
    "finish-bind",
    "stream",
    "local-address",
    "remote-address",
    "address-family",
    "unicast-hop-limit",
    "set-unicast-hop-limit",
    "receive-buffer-size",
    "set-receive-buffer-size",
    "send-buffer-size",
    "set-send-buffer-size",
    "subscribe",
];

/// Defines resource `name` of host type `R`, with `methods` that cannot be
/// reached (no value of the resource is ever handed out).
fn unreachable_resource<R: 'static>(
    instance: &mut LinkerInstance<'_, BotState>,
    name: &'static str,
    methods: &[&str],
) -> wasmtime::Result<()> {
    instance.resource(name, ResourceType::host::<R>(), |_, _| Ok(()))?;
    for method in methods {
        let full = format!("[method]{name}.{method}");
        let what = full.clone();
        instance.func_new_async(&full, move |mut store: Store<'_>, _, _, _| {
            let what = what.clone();
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Err(HostRefused(format!("`{what}` cannot be reached: Arena bots have no files and no network")).into())
            })
        })?;
    }
    Ok(())
}

/// Releases the borrowed handles among `params`: a dynamic host function
/// must, or the call fails when it returns.
async fn release(store: &mut Store<'_>, params: &[Val]) -> wasmtime::Result<()> {
    for param in params {
        if let Val::Resource(handle) = param {
            handle.resource_drop_async(&mut *store).await?;
        }
    }
    Ok(())
}

/// A function whose answer is `result<_, error-code>`: always the error
/// `access-denied`. Strings among the arguments cost by the byte.
fn deny(instance: &mut LinkerInstance<'_, BotState>, name: &str) -> wasmtime::Result<()> {
    instance.func_new_async(name, |mut store: Store<'_>, _, params, results| {
        Box::new(async move {
            let bytes: u64 = params.iter().map(|p| if let Val::String(s) = p { s.len() as u64 } else { 0 }).sum();
            charge(&mut store, CALL.saturating_add(BYTE.saturating_mul(bytes))).await?;
            release(&mut store, params).await?;
            results[0] = Val::Result(Err(Some(Box::new(Val::Enum("access-denied".into())))));
            Ok(())
        })
    })
}

/// A function whose answer is an `option`: always none.
fn none(instance: &mut LinkerInstance<'_, BotState>, name: &str) -> wasmtime::Result<()> {
    instance.func_new_async(name, |mut store: Store<'_>, _, params, results| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            release(&mut store, params).await?;
            results[0] = Val::Option(None);
            Ok(())
        })
    })
}

pub(super) fn add_to_linker(linker: &mut Linker<BotState>) -> wasmtime::Result<()> {
    let mut types = linker.instance(&interface("filesystem/types"))?;
    unreachable_resource::<Descriptor>(&mut types, "descriptor", DESCRIPTOR_METHODS)?;
    unreachable_resource::<DirectoryEntryStream>(&mut types, "directory-entry-stream", &["read-directory-entry"])?;
    none(&mut types, "filesystem-error-code")?;

    linker.instance(&interface("filesystem/preopens"))?.func_wrap_async(
        "get-directories",
        |mut store: Store<'_>, (): ()| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok((Vec::<(Resource<Descriptor>, String)>::new(),))
            })
        },
    )?;

    let mut network = linker.instance(&interface("sockets/network"))?;
    network.resource("network", ResourceType::host::<Network>(), |_, _| Ok(()))?;
    none(&mut network, "network-error-code")?;
    linker.instance(&interface("sockets/instance-network"))?.func_wrap_async(
        "instance-network",
        |mut store: Store<'_>, (): ()| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok((Resource::<Network>::new_own(0),))
            })
        },
    )?;

    let mut tcp = linker.instance(&interface("sockets/tcp"))?;
    unreachable_resource::<TcpSocket>(&mut tcp, "tcp-socket", TCP_METHODS)?;
    deny(&mut linker.instance(&interface("sockets/tcp-create-socket"))?, "create-tcp-socket")?;

    let mut udp = linker.instance(&interface("sockets/udp"))?;
    unreachable_resource::<UdpSocket>(&mut udp, "udp-socket", UDP_METHODS)?;
    unreachable_resource::<IncomingDatagramStream>(&mut udp, "incoming-datagram-stream", &["receive", "subscribe"])?;
    unreachable_resource::<OutgoingDatagramStream>(
        &mut udp,
        "outgoing-datagram-stream",
        &["check-send", "send", "subscribe"],
    )?;
    deny(&mut linker.instance(&interface("sockets/udp-create-socket"))?, "create-udp-socket")?;

    let mut lookup = linker.instance(&interface("sockets/ip-name-lookup"))?;
    unreachable_resource::<ResolveAddressStream>(
        &mut lookup,
        "resolve-address-stream",
        &["resolve-next-address", "subscribe"],
    )?;
    deny(&mut lookup, "resolve-addresses")?;
    Ok(())
}
