//! `cargo xtask demo`: builds the example bots and the `arena` command,
//! runs the demo tournament, prints the standings and how to watch it.

use anyhow::Result;

use crate::util::{self, repo_root};
use crate::{bots, web};

/// Options of `cargo xtask demo`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Worker threads (default: every core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

/// Runs the demo tournament.
pub fn run(args: &Args) -> Result<()> {
    let root = repo_root();
    bots::run(&bots::Args::default())?;
    web::run(&web::Args::default())?;
    util::run(util::cargo().current_dir(&root).args(["build", "-p", "arena-cli"]))?;
    let arena = root.join("target").join("debug").join("arena");
    util::run(std::process::Command::new(&arena).current_dir(&root).args([
        "tournament",
        "run",
        "tournaments/demo.toml",
        "--threads",
        &args.threads.to_string(),
    ]))?;
    println!();
    println!("The `arena` command is {}; to use it by name:", arena.display());
    println!("    export PATH=\"{}:$PATH\"", arena.parent().expect("a directory").display());
    println!("Watch the demo on the projector:");
    println!("    cargo run -p arena-viewer -- live arena-out/demo");
    println!("Watch it in a browser (the event's pages: entrants, submissions, the playground, the bracket):");
    println!(
        "    {} serve --registry arena-registry --bind 127.0.0.1:8080 --tournament arena-out/demo",
        arena.display()
    );
    println!("    then open http://127.0.0.1:8080/live");
    Ok(())
}
