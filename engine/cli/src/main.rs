//! `arena`: run matches, validate and submit bots, look at replays, run
//! tournaments. `arena --help` lists the commands.

mod commands;
mod new_bot;
mod remote;

use std::process::ExitCode;

fn main() -> ExitCode {
    quiet_on_a_closed_pipe();
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

/// `arena match … | head` closes the pipe early; printing then fails, and
/// Rust's `println!` panics. End quietly with the shell's usual status for
/// it (141, SIGPIPE) instead of a backtrace; other panics print as always.
fn quiet_on_a_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}
