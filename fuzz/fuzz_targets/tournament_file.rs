//! A tournament file as an organiser might mistype it. Reading it only
//! reads: it creates no directory, whatever the paths in it.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

fn base() -> &'static PathBuf {
    static BASE: OnceLock<PathBuf> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("arena-fuzz-tournament-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = arena_tournament_file::TournamentFile::parse(text, base());
    }
});
