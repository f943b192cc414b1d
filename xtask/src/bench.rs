//! `cargo xtask bench`: builds the bots and `arena-bench` (release), then
//! runs it: every figure of the project in one table, each beside its goal;
//! then the web pages' figures from the browser test.

use anyhow::Result;

use crate::util::{self, repo_root};
use crate::{bots, web};

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
    util::run(&mut bench)?;
    // The web pages' figures come from a real browser: the browser test
    // prints them (bundle size, first frame), beside the table.
    web::run(&web::Args::default())?;
    let mut browser = util::cargo();
    browser.current_dir(&root).env("ARENA_REQUIRE_BROWSER", "1").args([
        "test",
        "--locked",
        "-p",
        "arena-cli",
        "--test",
        "browser",
        "--",
        "--nocapture",
    ]);
    let out = browser.output().map_err(|e| anyhow::anyhow!("cannot run the browser test: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    match text.lines().find(|l| l.starts_with("web: ")) {
        Some(line) if out.status.success() => println!("{line}"),
        _ => anyhow::bail!(
            "the browser test failed or printed no figures:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
    Ok(())
}
