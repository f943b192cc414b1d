//! `arena-viewer`: watch a replay, follow a tournament live, or render one
//! frame to a PNG.

#![allow(elided_lifetimes_in_paths)]

use std::path::PathBuf;
use std::process::ExitCode;

use arena_tournament::{Format, GroupStage};
use arena_viewer::fixture::{self, SampleOptions};
use arena_viewer::screenshot::{self, Shot};
use arena_viewer::{Mode, run_window};
use bevy::math::UVec2;
use clap::{Args, Parser, Subcommand};

/// Arena's viewer: match replays and the live tournament bracket.
#[derive(Parser)]
#[command(name = "arena-viewer", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Play a replay file. Keys: space pause, ←/→ step a tick (shift: a
    /// second), [ ] halve or double the speed, home/end, page up/down or 1-5
    /// jump between rounds, tab the log panel, F fullscreen; click or drag
    /// the bar at the bottom to scrub.
    Replay {
        /// The replay file (`arena match … --replay FILE` writes one).
        file: PathBuf,
        /// The left bot's avatar PNG.
        #[arg(long)]
        avatar_left: Option<PathBuf>,
        /// The right bot's avatar PNG.
        #[arg(long)]
        avatar_right: Option<PathBuf>,
        /// Start fullscreen.
        #[arg(long)]
        fullscreen: bool,
        /// Log the frame rate every second.
        #[arg(long)]
        fps: bool,
    },
    /// Follow a tournament's output directory (its state.json) on a
    /// projector, playing each finished match in bracket order. Keys: N next,
    /// R replay again, Esc back to the bracket, space pause, arrows + Enter
    /// pick any match, page up/down change page, [ ] speed, F fullscreen.
    Live {
        /// The tournament's output directory.
        dir: PathBuf,
        /// Treat the matches already finished at start-up as shown.
        #[arg(long)]
        skip_finished: bool,
        /// Start in a window instead of fullscreen.
        #[arg(long)]
        windowed: bool,
        /// Poll state.json only; no file events.
        #[arg(long)]
        no_watch: bool,
        /// Log the frame rate every second.
        #[arg(long)]
        fps: bool,
    },
    /// Write a sample tournament (native fighters, names in Latin and
    /// Hangul) to a directory, to try the viewer without running one.
    Sample {
        /// Where to write state.json and the replays.
        dir: PathBuf,
        /// single-elimination, double-elimination, round-robin, swiss or groups.
        #[arg(long, default_value = "double-elimination")]
        format: String,
        /// How many entrants.
        #[arg(long, default_value_t = 8)]
        entrants: usize,
        /// Best of how many games.
        #[arg(long, default_value_t = 3)]
        best_of: u32,
        /// Stop after this many matches (a tournament in progress).
        #[arg(long)]
        matches: Option<usize>,
    },
    /// Render one frame to a PNG and exit (no window, no X server needed).
    Screenshot {
        #[command(subcommand)]
        what: ShotCommand,
    },
}

#[derive(Subcommand)]
enum ShotCommand {
    /// A replay at one tick.
    Replay {
        /// The replay file.
        file: PathBuf,
        /// The tick within the round.
        #[arg(long, default_value_t = 0)]
        tick: usize,
        /// The round, from 1.
        #[arg(long, default_value_t = 1)]
        round: usize,
        /// Show the side panel (logs, faults, actions).
        #[arg(long)]
        panel: bool,
        /// The left bot's avatar PNG.
        #[arg(long)]
        avatar_left: Option<PathBuf>,
        /// The right bot's avatar PNG.
        #[arg(long)]
        avatar_right: Option<PathBuf>,
        #[command(flatten)]
        out: Output,
    },
    /// A tournament's bracket, every finished match shown.
    Live {
        /// The tournament's output directory.
        dir: PathBuf,
        /// The page, from 1 (default: the page of the last finished match).
        #[arg(long)]
        page: Option<usize>,
        #[command(flatten)]
        out: Output,
    },
}

#[derive(Args)]
struct Output {
    /// Where to write the PNG.
    #[arg(long)]
    out: PathBuf,
    /// The frame's size, WIDTHxHEIGHT.
    #[arg(long, default_value = "1920x1080", value_parser = parse_size)]
    size: UVec2,
    /// Also write the frame's display list (JSON): what the web page draws
    /// for the same frame.
    #[arg(long, value_name = "FILE")]
    display_list: Option<PathBuf>,
}

fn parse_size(s: &str) -> Result<UVec2, String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| format!("`{s}` is not WIDTHxHEIGHT, e.g. 1920x1080"))?;
    let w: u32 = w.trim().parse().map_err(|_| format!("`{w}` is not a width in pixels"))?;
    let h: u32 = h.trim().parse().map_err(|_| format!("`{h}` is not a height in pixels"))?;
    Ok(UVec2::new(w, h))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Replay { file, avatar_left, avatar_right, fullscreen, fps } => {
            let exit = run_window(Mode::Replay { path: file, avatars: [avatar_left, avatar_right] }, fullscreen, fps);
            if exit.is_success() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Command::Live { dir, skip_finished, windowed, no_watch, fps } => {
            let exit = run_window(Mode::Live { dir, skip_finished, watch: !no_watch }, !windowed, fps);
            if exit.is_success() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Command::Sample { dir, format, entrants, best_of, matches } => {
            let format = match format.as_str() {
                "single-elimination" => Format::SingleElimination,
                "double-elimination" => Format::DoubleElimination { grand_final_reset: true },
                "round-robin" => Format::RoundRobin { legs: 1 },
                "swiss" => Format::Swiss { rounds: None },
                "groups" => Format::GroupsThenKnockout(GroupStage::default()),
                other => {
                    eprintln!(
                        "arena-viewer: unknown format `{other}` (single-elimination, double-elimination, round-robin, swiss, groups)"
                    );
                    return ExitCode::FAILURE;
                }
            };
            let options = SampleOptions {
                format,
                entrants,
                best_of,
                matches,
                simulate: true,
                name: "Arena sample cup".to_owned(),
            };
            match fixture::sample(&options, Some(&dir)) {
                Ok(state) => {
                    println!(
                        "wrote {} with {} finished matches; watch it with `arena-viewer live {}`",
                        dir.join("state.json").display(),
                        state.finished_order.len(),
                        dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("arena-viewer: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Screenshot { what } => {
            let (shot, out) = match what {
                ShotCommand::Replay { file, tick, round, panel, avatar_left, avatar_right, out } => {
                    (Shot::Replay { path: file, round, tick, panel, avatars: [avatar_left, avatar_right] }, out)
                }
                ShotCommand::Live { dir, page, out } => {
                    (Shot::Live { dir, page: page.map(|p| p.saturating_sub(1)) }, out)
                }
            };
            match screenshot::take(&shot, out.size, &out.out, out.display_list.as_deref()) {
                Ok(()) => {
                    println!("wrote {}", out.out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("arena-viewer: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1280x720"), Ok(UVec2::new(1280, 720)));
        assert!(parse_size("1280").is_err());
        assert!(parse_size("ax720").is_err());
    }
}
