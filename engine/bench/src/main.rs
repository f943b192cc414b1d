//! `arena-bench`: every figure Arena promises, measured in one run and
//! printed as one table, each figure beside its goal. Run it with
//! `cargo xtask bench` (which builds the bots and this in release first).
//!
//! Thread counts for the event come from `ARENA_BENCH_THREADS`
//! (`1,2,4,8,16`; default: 1 and every core), so the parallel efficiency
//! of a bigger machine can be read off the same table. `ARENA_BENCH_QUICK=1`
//! skips the event and the Python figures (a minute instead of many).

mod bots;
mod event;
mod figures;
mod table;

use anyhow::Result;

fn main() -> Result<()> {
    let options = figures::Options::from_env()?;
    let mut table = table::Table::default();
    eprintln!("arena-bench: {} cores, event at threads {:?}", options.cores, options.threads);
    figures::sim(&mut table);
    figures::matches(&mut table)?;
    figures::validation(&mut table, &options)?;
    figures::hostile(&mut table)?;
    if !options.quick {
        figures::runtime_compiles(&mut table)?;
        event::event(&mut table, &options)?;
    }
    table.print(options.cores);
    Ok(())
}
