//! The reference event with 72 distinct bots, half of them Python, run end
//! to end with a cold and a warm cache at each thread count.
//!
//! The format is `tournaments/event.toml`'s (groups of 6, round robins, a
//! 16-entrant bracket). Its entrants are made distinct with
//! [`bots::variant`]: 36 copies of the Python example bot and 36 of the
//! five Rust ones, each a component with its own SHA-256, so each is
//! compiled as at a real event, where every submission is a different file.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use arena_runner::{RunOptions, TournamentFile, run};

use crate::bots;
use crate::figures::Options;
use crate::table::{Table, duration};

const RUST_BOTS: [&str; 5] = ["champion", "zoner", "rusher", "turtle", "random"];
const ENTRANTS: u32 = 72;

/// Writes the 72 distinct bots into `dir` and returns the tournament text.
fn field(dir: &Path, output: &Path) -> Result<String> {
    let python = bots::wasm("py-kicker")?;
    let rust: Vec<Vec<u8>> = RUST_BOTS.iter().map(|b| bots::wasm(b)).collect::<Result<_>>()?;
    let mut text = format!(
        "name = \"Arena event, 72 distinct bots\"\noutput = {:?}\nseed = 72\nbest_of = 3\nseeding = \"shuffled\"\n\
         [format]\ntype = \"groups-then-knockout\"\ngroup_size = 6\ngroup_format = \"round-robin\"\n\
         qualifiers_per_group = 1\nknockout_size = 16\n",
        output.display().to_string()
    );
    for i in 0..ENTRANTS {
        let (base, source) = if i % 2 == 0 {
            ("py-kicker", &python)
        } else {
            let k = (i / 2) as usize % RUST_BOTS.len();
            (RUST_BOTS[k], &rust[k])
        };
        let path = dir.join(format!("{base}-{i:02}.wasm"));
        std::fs::write(&path, bots::variant(source, i)).with_context(|| format!("cannot write {}", path.display()))?;
        text.push_str(&format!("[[entrants]]\nwasm = {:?}\nauthor = \"bench\"\n", path.display().to_string()));
    }
    Ok(text)
}

/// One run of the event into a fresh output folder; seconds, games, bots compiled.
fn once(work: &Path, cache: &Path, threads: usize, label: &str) -> Result<(f64, u64, u64)> {
    let output = work.join(format!("out-{label}"));
    let _ = std::fs::remove_dir_all(&output);
    std::fs::create_dir_all(&output)?;
    let text = field(work, &output)?;
    let file = TournamentFile::parse(&text, work).map_err(anyhow::Error::msg)?;
    let options = RunOptions { threads, progress: false, cache_dir: Some(cache.to_owned()), backstop: None };
    let start = Instant::now();
    let report = run(&file, &options)?;
    let secs = start.elapsed().as_secs_f64();
    anyhow::ensure!(report.tournament.is_finished(), "the event did not finish");
    Ok((secs, report.games_played, report.bots_compiled))
}

/// The event at every thread count, cold then warm.
pub fn event(table: &mut Table, options: &Options) -> Result<()> {
    let work = tempfile::tempdir()?;
    let mut base: Option<(f64, f64)> = None;
    for &n in &options.threads {
        let cache = work.path().join(format!("cache-{n}"));
        let (cold, games, compiled) = once(work.path(), &cache, n, &format!("cold-{n}"))?;
        let (warm, _, recompiled) = once(work.path(), &cache, n, &format!("warm-{n}"))?;
        anyhow::ensure!(recompiled == 0, "a warm run compiled {recompiled} bots");
        let (cold1, warm1) = *base.get_or_insert((cold, warm));
        let efficiency = |one: f64, many: f64| one / many / n as f64 * 100.0;
        table.add(
            format!("event, 72 distinct bots, cold, {n} thread{}", if n == 1 { "" } else { "s" }),
            duration(cold),
            format!("{games} games, {compiled} bots compiled; efficiency {:.0}%", efficiency(cold1, cold)),
            None,
        );
        table.add(
            format!("event, 72 distinct bots, warm, {n} thread{}", if n == 1 { "" } else { "s" }),
            duration(warm),
            format!("compiles nothing; efficiency {:.0}% (goal >= 80%)", efficiency(warm1, warm)),
            (n > 1).then(|| efficiency(warm1, warm) >= 80.0),
        );
    }
    Ok(())
}
