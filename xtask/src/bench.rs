//! `cargo xtask bench`: builds the bots and `arena-bench` (release), then
//! runs it: every figure of the project in one table, each beside its goal.

use anyhow::Result;

use crate::bots;
use crate::util::{self, repo_root};

/// Options of `cargo xtask bench`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Skip the slow figures (the event and the Python compiles).
    #[arg(long)]
    pub quick: bool,
}

/// Runs every benchmark and prints the table.
pub fn run(args: &Args) -> Result<()> {
    let root = repo_root();
    bots::run(&bots::Args::default())?;
    let mut bench = util::cargo();
    bench.current_dir(&root).args(["run", "--release", "--locked", "-p", "arena-bench"]);
    if args.quick {
        bench.env("ARENA_BENCH_QUICK", "1");
    }
    util::run(&mut bench)
}
