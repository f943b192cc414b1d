//! The C bots: a folder of `bots/` holding a `bot.c`. Each builds with
//! clang for `wasm32-wasi` (Debian's clang 14, lld and wasi-libc, installed
//! when missing) against the C bindings of `sdk/wit` (wit-bindgen's C
//! generator, as a library), and its core module becomes a component with
//! wit-component and the WASI preview1 reactor adapter of this wasmtime
//! (the adapter turns wasi-libc's preview1 imports into WASI 0.2). The
//! `arena new-bot --lang c` template does the same with a Makefile and a
//! small helper of its own (`sdk/templates/c/componentize`), pinned to
//! these versions.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use wasi_preview1_component_adapter_provider::{
    WASI_SNAPSHOT_PREVIEW1_ADAPTER_NAME, WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER,
};

use crate::{system, util};

/// The clang target of a C bot's core module.
pub const CLANG_TARGET: &str = "wasm32-wasi";

/// Makes sure clang can build for wasm32, installing Debian's packages
/// where that is possible.
pub fn ensure_toolchain() -> Result<()> {
    if util::on_path("dpkg-query") {
        system::install_packages("the C bots", system::C_PACKAGES)?;
    }
    if !util::on_path("clang") {
        bail!(
            "the C bots need clang with the wasm32 target and wasi-libc (Debian: apt-get install {}); \
             install them, or pass --no-c",
            system::C_PACKAGES.join(" ")
        );
    }
    Ok(())
}

/// Builds the C bot in `dir` into `out` (a component), with its
/// intermediate files under `work`; returns false if it was up to date.
pub fn build(root: &Path, dir: &Path, work: &Path, out: &Path) -> Result<bool> {
    let wit = root.join("sdk").join("wit");
    let mut sources = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "c" || e == "h") {
            sources.push(path);
        }
    }
    sources.sort();
    let mut inputs = sources.clone();
    inputs.extend(fs::read_dir(&wit)?.filter_map(|e| e.ok().map(|e| e.path())));
    if crate::bots::is_fresh(out, &inputs) {
        return Ok(false);
    }

    let generated = work.join("gen");
    bindings(&wit, &generated)?;
    let core = work.join("core.wasm");
    let mut clang = Command::new("clang");
    clang
        .arg(format!("--target={CLANG_TARGET}"))
        .args(["-mexec-model=reactor", "-O2", "-Wall"])
        // Keep this machine's folders out of the component (`__FILE__`).
        .arg(format!("-ffile-prefix-map={}=/arena", root.display()))
        .arg("-I")
        .arg(&generated)
        .args(sources.iter().filter(|p| p.extension().is_some_and(|e| e == "c")))
        .arg(generated.join("fighter.c"))
        .arg(generated.join("fighter_component_type.o"))
        .arg("-o")
        .arg(&core);
    util::run(&mut clang)?;
    let module = fs::read(&core).with_context(|| format!("cannot read {}", core.display()))?;
    let component = componentize(&module).with_context(|| format!("cannot make a component of {}", core.display()))?;
    crate::bots::write_component(out, &component)?;
    Ok(true)
}

/// Writes the C bindings of the `fighter` world in `wit` into `out`:
/// `fighter.h`, `fighter.c` and `fighter_component_type.o` (the world's
/// type, which wit-component reads back from the core module).
pub fn bindings(wit: &Path, out: &Path) -> Result<()> {
    let mut resolve = wit_parser::Resolve::default();
    let (package, _) = resolve.push_path(wit).with_context(|| format!("cannot read the WIT in {}", wit.display()))?;
    let world = resolve.select_world(&[package], Some("fighter"))?;
    let mut files = wit_bindgen_core::Files::default();
    wit_bindgen_c::Opts::default().build().generate(&mut resolve, world, &mut files)?;
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for (name, bytes) in files.iter() {
        let path: PathBuf = out.join(name);
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// A component of a core module built against [`bindings`], its preview1
/// imports adapted to WASI 0.2.
pub fn componentize(module: &[u8]) -> Result<Vec<u8>> {
    wit_component::ComponentEncoder::default()
        .module(module)?
        .validate(true)
        .adapter(WASI_SNAPSHOT_PREVIEW1_ADAPTER_NAME, WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER)?
        .encode()
}
