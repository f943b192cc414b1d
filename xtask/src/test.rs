//! `cargo xtask test`: installs what is missing, builds everything, runs
//! every test. It is the README's test command and what CI runs.

use anyhow::Result;

use crate::util::{self, repo_root};
use crate::{bots, fuzz, system, web};

/// Options of `cargo xtask test`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Install no system package (the viewer's rendering test, the browser
    /// test and the C bots then need theirs present already).
    #[arg(long)]
    pub no_install: bool,
}

/// Runs every test of the project.
pub fn run(args: &Args) -> Result<()> {
    let root = repo_root();
    if args.no_install {
        system::never_install();
    } else {
        system::install_viewer_packages()?;
        system::install_browser_packages()?;
    }
    let clippy = clippy_driver()?;
    // The house style, checked first: it takes seconds.
    for dir in [root.clone(), root.join("bots"), root.join("fuzz")] {
        util::run(util::cargo().current_dir(dir).args(["fmt", "--all", "--check"]))
            .map_err(|e| anyhow::anyhow!("{e}: run `cargo fmt --all` in that folder"))?;
    }
    bots::run(&bots::Args::default())?;
    // The pages' replay player, which the server's browser tests load.
    web::run(&web::Args::default())?;
    // One compile cache for every test binary: each bot compiles once.
    let cache = root.join("target").join("arena-cache");
    // Clippy lints the workspace's own crates while they are compiled for
    // the tests (a wrapper around rustc, warnings denied), so its check
    // costs no second build of anything.
    let lint = |cmd: &mut std::process::Command| {
        cmd.env("RUSTC_WORKSPACE_WRAPPER", &clippy)
            .env("CLIPPY_ARGS", "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__");
    };
    let mut tally = Tally::default();
    let mut main = util::cargo();
    main.current_dir(&root)
        .env("ARENA_CACHE_DIR", &cache)
        // The pages' browser test fails, rather than skips, without Chromium.
        .env("ARENA_REQUIRE_BROWSER", "1")
        .args(["test", "--workspace", "--locked"]);
    lint(&mut main);
    tally.run(&mut main)?;
    // The bots are a workspace of their own (they build for wasm32); their
    // tests run natively.
    let mut bots_tests = util::cargo();
    bots_tests.current_dir(root.join("bots")).env_remove("CARGO_TARGET_DIR").args(["test", "--locked"]);
    lint(&mut bots_tests);
    tally.run(&mut bots_tests)?;
    // arena-sim must stay buildable for wasm32, so bots can embed it.
    util::run(util::cargo().current_dir(&root).args([
        "build",
        "--locked",
        "-p",
        "arena-sim",
        "--target",
        bots::WASM_TARGET,
    ]))?;
    // The fuzz targets must keep building, and their seeds keep passing: a
    // short fixed run of each (`cargo xtask fuzz --minutes N` for more).
    fuzz::run(&fuzz::Args { minutes: 0.0, runs: Some(CI_FUZZ_RUNS), targets: Vec::new() })?;
    // One line for the whole run, after the last of the many `test result`
    // lines (some of which count doc tests of crates that have none).
    println!("tests: {} passed, {} failed", tally.passed, tally.failed);
    Ok(())
}

/// The toolchain's `clippy-driver`, installing clippy and rustfmt if
/// either is missing.
fn clippy_driver() -> Result<std::path::PathBuf> {
    let sysroot = util::output(std::process::Command::new("rustc").args(["--print", "sysroot"]))
        .map(|s| std::path::PathBuf::from(s.trim()))
        .ok_or_else(|| anyhow::anyhow!("`rustc --print sysroot` failed"))?;
    let driver = sysroot.join("bin").join("clippy-driver");
    if !driver.is_file() || !sysroot.join("bin").join("rustfmt").is_file() {
        util::run(std::process::Command::new("rustup").args(["component", "add", "clippy", "rustfmt"]))?;
    }
    Ok(driver)
}

/// Inputs each fuzz target runs in CI: a few seconds each.
const CI_FUZZ_RUNS: u64 = 20_000;

/// Passed and failed tests over several `cargo test` runs.
#[derive(Debug, Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    /// Runs `cargo test …`, echoing its output and counting its results.
    fn run(&mut self, cmd: &mut std::process::Command) -> Result<()> {
        use std::io::BufRead;
        let line = util::describe(cmd);
        eprintln!("$ {line}");
        let mut child = cmd
            .stdout(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| anyhow::anyhow!("cannot run `{line}`: {e}"))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        for text in std::io::BufReader::new(stdout).lines() {
            let text = text?;
            println!("{text}");
            if let Some(rest) = text.strip_prefix("test result: ") {
                self.passed += count(rest, " passed");
                self.failed += count(rest, " failed");
            }
        }
        let status = child.wait()?;
        if !status.success() {
            println!("tests: {} passed, {} failed", self.passed, self.failed.max(1));
            anyhow::bail!("`{line}` failed ({status})");
        }
        Ok(())
    }
}

/// The number before `label` in a `test result:` line.
fn count(result: &str, label: &str) -> u64 {
    result
        .split(';')
        .find_map(|part| {
            part.trim().trim_start_matches("ok.").trim_start_matches("FAILED.").trim().strip_suffix(label.trim())
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_come_from_cargo_test_result_lines() {
        let line = "ok. 12 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(super::count(line, " passed"), 12);
        assert_eq!(super::count(line, " failed"), 3);
        assert_eq!(super::count("FAILED. 4 passed; 1 failed; 0 ignored", " failed"), 1);
    }
}
