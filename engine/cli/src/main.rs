//! `arena`: run matches, validate and submit bots, look at replays, run
//! tournaments. `arena --help` lists the commands.

mod commands;
mod remote;

use std::process::ExitCode;

fn main() -> ExitCode {
    match commands::run() {
        Ok(code) => code,
        Err(e) => {
            // Plain words, no backtrace: the chain of causes, outermost first.
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
