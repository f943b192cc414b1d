//! The JavaScript bots: a folder of `bots/` holding a `package.json` and a
//! `bot.js`. Each installs the exact packages of its `package-lock.json`
//! with `npm ci` (once, or when the lock file changes) and builds with
//! componentize-js (StarlingMonkey) from `sdk/wit`, leaving out the WASI
//! features the sandbox refuses (`wasi:http`). The `arena new-bot --lang js`
//! template pins the same versions.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::util;

/// What componentize-js is told to leave out: jco's defaults import
/// `wasi:http`, which the host refuses at load.
pub const DISABLED_FEATURES: &[&str] = &["http", "fetch-event"];

/// Makes sure npm is there.
pub fn ensure_toolchain() -> Result<()> {
    if !util::on_path("npm") || !util::on_path("node") {
        bail!("the JavaScript bots need Node.js 20 or newer with npm; install it, or pass --no-js");
    }
    Ok(())
}

/// Builds the JavaScript bot in `dir` into `out` (a component); returns
/// false if it was up to date.
pub fn build(root: &Path, dir: &Path, out: &Path) -> Result<bool> {
    let wit = root.join("sdk").join("wit");
    let lock = dir.join("package-lock.json");
    if !lock.is_file() {
        bail!("{} is missing: a JavaScript bot pins its packages", lock.display());
    }
    // npm writes its own copy of the lock into node_modules on install.
    let installed = dir.join("node_modules").join(".package-lock.json");
    if !crate::bots::is_fresh(&installed, std::slice::from_ref(&lock)) {
        util::run(Command::new("npm").current_dir(dir).args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]))?;
    }
    let mut inputs = vec![lock];
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "js") {
            inputs.push(path);
        }
    }
    inputs.extend(std::fs::read_dir(&wit)?.filter_map(|e| e.ok().map(|e| e.path())));
    if crate::bots::is_fresh(out, &inputs) {
        return Ok(false);
    }
    // componentize-js records the folder it runs in (the script's path in
    // the engine's snapshot), so the sources are built from a copy outside
    // the clone: the folders of this machine stay out of the component.
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("bot");
    let staging = std::env::temp_dir().join("arena-js-bots").join(name);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).with_context(|| format!("cannot clear {}", staging.display()))?;
    }
    std::fs::create_dir_all(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
    for source in inputs.iter().filter(|p| p.extension().is_some_and(|e| e == "js")) {
        let copy = staging.join(source.file_name().expect("a source file has a name"));
        std::fs::copy(source, &copy).with_context(|| format!("cannot copy {}", source.display()))?;
    }
    let partial = out.with_extension("wasm.partial");
    let componentize = dir.join("node_modules").join(".bin").join("componentize-js");
    util::run(
        Command::new("node")
            .current_dir(&staging)
            .arg(componentize)
            .arg("bot.js")
            .arg("--wit")
            .arg(&wit)
            .args(["--world-name", "fighter", "--disable"])
            .args(DISABLED_FEATURES)
            .arg("--out")
            .arg(&partial),
    )?;
    std::fs::rename(&partial, out)?;
    Ok(true)
}
