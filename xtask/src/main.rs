//! `cargo xtask …`: the project's tasks, as a Rust program so that they run
//! the same everywhere (the alias lives in `.cargo/config.toml`).
//!
//! Each subcommand is a module with an `Args` struct (clap) and a `run`
//! function; add one by adding a variant to [`Command`].

mod bench;
mod bots;
mod demo;
mod fuzz;
mod lang_c;
mod lang_js;
mod shape;
mod system;
mod test;
mod util;
mod web;

use anyhow::Result;
use clap::{Parser, Subcommand};

/// The project's tasks.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "The Arena project's tasks.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// One task.
#[derive(Debug, Subcommand)]
enum Command {
    /// Runs every benchmark and prints one table of figures and goals
    /// (event thread counts from ARENA_BENCH_THREADS, e.g. 1,2,4,8,16).
    Bench(bench::Args),
    /// Builds every example bot (Rust, Python, JavaScript and C) into target/bots/NAME.wasm
    /// (the hostile ones into target/bots/hostile/NAME.wasm).
    Bots(bots::Args),
    /// Builds the bots, runs the demo tournament, prints the standings.
    Demo(demo::Args),
    /// Fuzzes every reader of untrusted bytes (replays, tournament files,
    /// state.json, the registry index, submission forms) with libFuzzer.
    Fuzz(fuzz::Args),
    /// Installs what is missing, builds everything, runs every test (CI).
    Test(test::Args),
    /// Builds the web pages' replay player (arena-web for wasm32) into
    /// target/web, where `arena serve` finds it.
    Web(web::Args),
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Bench(args) => bench::run(&args),
        Command::Bots(args) => bots::run(&args).map(|_| ()),
        Command::Demo(args) => demo::run(&args),
        Command::Fuzz(args) => fuzz::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Web(args) => web::run(&args),
    }
}
