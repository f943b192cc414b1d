//! The C bot's build helper: generates the C bindings of the `fighter`
//! world (wit-bindgen) and turns the core module clang makes into a
//! component (wit-component, with the WASI preview1 reactor adapter).
//!
//!     componentize bindings WIT_DIR OUT_DIR
//!     componentize component CORE.wasm OUT.wasm

use std::path::Path;

use anyhow::{bail, Context, Result};
use wit_bindgen_core::Files;
use wit_component::ComponentEncoder;
use wit_parser::{Resolve, WorldId};

fn world(wit: &Path) -> Result<(Resolve, WorldId)> {
    let mut resolve = Resolve::default();
    let (package, _) = resolve.push_path(wit).with_context(|| format!("cannot read the WIT in {}", wit.display()))?;
    let world = resolve.select_world(&[package], Some("fighter"))?;
    Ok((resolve, world))
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["bindings", wit, out] => {
            let (mut resolve, world) = world(Path::new(wit))?;
            let mut files = Files::default();
            wit_bindgen_c::Opts::default().build().generate(&mut resolve, world, &mut files)?;
            std::fs::create_dir_all(out)?;
            for (name, text) in files.iter() {
                let path = Path::new(out).join(name);
                std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
        ["component", core, out] => {
            let module = std::fs::read(core).with_context(|| format!("cannot read {core}"))?;
            let component = ComponentEncoder::default()
                .module(&module)?
                .validate(true)
                .adapter(
                    wasi_preview1_component_adapter_provider::WASI_SNAPSHOT_PREVIEW1_ADAPTER_NAME,
                    wasi_preview1_component_adapter_provider::WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER,
                )?
                .encode()
                .context("cannot make a component of the core module")?;
            std::fs::write(out, component).with_context(|| format!("cannot write {out}"))?;
        }
        _ => bail!("usage: componentize bindings WIT_DIR OUT_DIR | componentize component CORE.wasm OUT.wasm"),
    }
    Ok(())
}
