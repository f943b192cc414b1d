//! `cargo xtask test`: installs what is missing, builds everything, runs
//! every test. It is the README's test command and what CI runs.

use anyhow::Result;

use crate::util::{self, repo_root};
use crate::{bots, system};

/// Options of `cargo xtask test`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Skip installing system packages (the viewer's rendering test then
    /// needs them present already).
    #[arg(long)]
    pub no_install: bool,
}

/// Runs every test of the project.
pub fn run(args: &Args) -> Result<()> {
    let root = repo_root();
    if !args.no_install {
        system::install_viewer_packages()?;
    }
    bots::run(&bots::Args::default())?;
    // One compile cache for every test binary: each bot compiles once.
    let cache = root.join("target").join("arena-cache");
    util::run(
        util::cargo()
            .current_dir(&root)
            .env("ARENA_CACHE_DIR", &cache)
            .args(["test", "--workspace", "--locked"]),
    )?;
    // The bots are a workspace of their own (they build for wasm32); their
    // tests run natively.
    util::run(util::cargo().current_dir(root.join("bots")).env_remove("CARGO_TARGET_DIR").args(["test", "--locked"]))?;
    // arena-sim must stay buildable for wasm32, so bots can embed it.
    util::run(util::cargo().current_dir(&root).args([
        "build",
        "--locked",
        "-p",
        "arena-sim",
        "--target",
        bots::WASM_TARGET,
    ]))?;
    eprintln!("all tests passed");
    Ok(())
}
