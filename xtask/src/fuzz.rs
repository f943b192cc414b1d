//! `cargo xtask fuzz`: builds the libFuzzer targets of `fuzz/` with
//! coverage instrumentation (on stable Rust, no sanitizer: every target is
//! safe code, so a bug shows as a panic, a hang or an allocation over the
//! memory limit) and runs each one from its seed corpus.
//!
//! The seeds are the project's own files (golden replays, the tournament
//! files) and `fuzz/seeds/TARGET/`; what a run finds that adds coverage is
//! kept in `target/fuzz/corpus/TARGET/` for the next run, and an input
//! that breaks a target in `target/fuzz/artifacts/TARGET/`.

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::util::{self, repo_root};

/// Options of `cargo xtask fuzz`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Minutes to run each target.
    #[arg(long, default_value_t = 1.0)]
    pub minutes: f64,
    /// Run each target this many inputs instead of for a time (CI runs a
    /// short fixed number so that the targets keep building and the seeds
    /// keep passing).
    #[arg(long)]
    pub runs: Option<u64>,
    /// Only these targets (default: all).
    pub targets: Vec<String>,
}

/// Every target, with the repository folders its seeds come from.
pub const TARGETS: &[(&str, &[&str])] = &[
    ("replay", &["engine/sim/tests/golden"]),
    ("tournament_file", &["tournaments"]),
    ("state_json", &[]),
    ("registry_index", &[]),
    ("submission_form", &[]),
];

/// The flags `cargo fuzz build -s none` gives rustc.
const COVERAGE_FLAGS: &str = "-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
     -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
     -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing";

/// Builds the targets and runs each.
pub fn run(args: &Args) -> Result<()> {
    let root = repo_root();
    for t in &args.targets {
        if !TARGETS.iter().any(|(name, _)| name == t) {
            let known: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
            bail!("no fuzz target `{t}`; the targets are {}", known.join(", "));
        }
    }
    let target_dir = root.join("target/fuzz");
    // An explicit target keeps the coverage flags off build scripts and
    // proc macros, which run on the host without libFuzzer.
    let host = util::output(std::process::Command::new("rustc").arg("-vV"))
        .and_then(|v| v.lines().find_map(|l| l.strip_prefix("host: ").map(str::to_owned)))
        .ok_or_else(|| anyhow::anyhow!("`rustc -vV` did not say the host's target"))?;
    util::run(
        util::cargo()
            .current_dir(root.join("fuzz"))
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("RUSTFLAGS", COVERAGE_FLAGS)
            .args(["build", "--locked", "--release", "--bins", "--target", &host]),
    )?;
    let bin_dir = target_dir.join(&host).join("release");
    for (name, seed_dirs) in TARGETS {
        if !args.targets.is_empty() && !args.targets.iter().any(|t| t == name) {
            continue;
        }
        let corpus = target_dir.join("corpus").join(name);
        let artifacts = target_dir.join("artifacts").join(name);
        std::fs::create_dir_all(&corpus)?;
        std::fs::create_dir_all(&artifacts)?;
        let mut seeds: Vec<PathBuf> = seed_dirs.iter().map(|d| root.join(d)).collect();
        let committed = root.join("fuzz/seeds").join(name);
        if committed.is_dir() {
            seeds.push(committed);
        }
        let mut cmd = std::process::Command::new(bin_dir.join(name));
        cmd.arg(&corpus).args(&seeds).args([
            format!("-artifact_prefix={}/", artifacts.display()),
            "-rss_limit_mb=2048".to_owned(),
            "-malloc_limit_mb=512".to_owned(),
            "-timeout=20".to_owned(),
            "-max_len=65536".to_owned(),
            "-print_final_stats=1".to_owned(),
        ]);
        match args.runs {
            Some(runs) => cmd.arg(format!("-runs={runs}")),
            None => cmd.arg(format!("-max_total_time={}", (args.minutes * 60.0).round().max(1.0) as u64)),
        };
        if let Err(e) = util::run(&mut cmd) {
            bail!("fuzz target `{name}` failed: {e}; the input that broke it is in {}", artifacts.display());
        }
    }
    Ok(())
}
