//! `wasi:cli`: no environment, no arguments, a closed stdin, the log as
//! stdout and stderr, no terminal; `exit` ends the bot's round.

use wasmtime::StoreContextMut;
use wasmtime::component::{Linker, Resource, ResourceType};

use super::io::{InputStream, OutputStream, STDERR, STDOUT};
use super::{BotExit, CALL, charge, interface};
use crate::runtime::BotState;

/// `wasi:cli/terminal-input.terminal-input`. Never handed out.
pub(crate) struct TerminalInput;
/// `wasi:cli/terminal-output.terminal-output`. Never handed out.
pub(crate) struct TerminalOutput;

type Store<'a> = StoreContextMut<'a, BotState>;

pub(super) fn add_to_linker(linker: &mut Linker<BotState>) -> wasmtime::Result<()> {
    let mut environment = linker.instance(&interface("cli/environment"))?;
    environment.func_wrap_async("get-environment", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((Vec::<(String, String)>::new(),))
        })
    })?;
    environment.func_wrap_async("get-arguments", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((Vec::<String>::new(),))
        })
    })?;
    environment.func_wrap_async("initial-cwd", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((None::<String>,))
        })
    })?;

    let mut exit = linker.instance(&interface("cli/exit"))?;
    exit.func_wrap_async("exit", |mut store: Store<'_>, (status,): (Result<(), ()>,)| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Err::<(), _>(BotExit(if status.is_ok() { 0 } else { 1 }).into())
        })
    })?;
    exit.func_wrap_async("exit-with-code", |mut store: Store<'_>, (code,): (u8,)| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Err::<(), _>(BotExit(i32::from(code)).into())
        })
    })?;

    linker.instance(&interface("cli/stdin"))?.func_wrap_async("get-stdin", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((Resource::<InputStream>::new_own(0),))
        })
    })?;
    linker.instance(&interface("cli/stdout"))?.func_wrap_async("get-stdout", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((Resource::<OutputStream>::new_own(STDOUT),))
        })
    })?;
    linker.instance(&interface("cli/stderr"))?.func_wrap_async("get-stderr", |mut store: Store<'_>, (): ()| {
        Box::new(async move {
            charge(&mut store, CALL).await?;
            Ok((Resource::<OutputStream>::new_own(STDERR),))
        })
    })?;

    linker.instance(&interface("cli/terminal-input"))?.resource(
        "terminal-input",
        ResourceType::host::<TerminalInput>(),
        |_, _| Ok(()),
    )?;
    linker.instance(&interface("cli/terminal-output"))?.resource(
        "terminal-output",
        ResourceType::host::<TerminalOutput>(),
        |_, _| Ok(()),
    )?;
    linker.instance(&interface("cli/terminal-stdin"))?.func_wrap_async(
        "get-terminal-stdin",
        |mut store: Store<'_>, (): ()| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok((None::<Resource<TerminalInput>>,))
            })
        },
    )?;
    for (name, function) in
        [("cli/terminal-stdout", "get-terminal-stdout"), ("cli/terminal-stderr", "get-terminal-stderr")]
    {
        linker.instance(&interface(name))?.func_wrap_async(function, |mut store: Store<'_>, (): ()| {
            Box::new(async move {
                charge(&mut store, CALL).await?;
                Ok((None::<Resource<TerminalOutput>>,))
            })
        })?;
    }
    Ok(())
}
