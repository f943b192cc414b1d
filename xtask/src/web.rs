//! `cargo xtask web`: the replay player of the web pages. Builds arena-web
//! for `wasm32-unknown-unknown` (no wasm-bindgen: the module speaks C-ABI
//! functions to a hand-written script) and puts it, with the viewer's
//! fonts, in `target/web/`, where `arena serve` finds it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::bots::ensure_target;
use crate::util::{self, repo_root};

/// The browser's wasm target.
pub const WEB_TARGET: &str = "wasm32-unknown-unknown";

/// The fonts the pages ship: the viewer's own, so names in any script look
/// the same in the browser as on the projector.
const FONTS: [&str; 4] = ["NanumSquareR.ttf", "NanumSquareB.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/// Options of `cargo xtask web`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Where the bundle goes.
pub fn web_dir() -> PathBuf {
    repo_root().join("target").join("web")
}

/// Builds the player and copies the bundle into [`web_dir`].
pub fn run(_args: &Args) -> Result<()> {
    let root = repo_root();
    ensure_target(WEB_TARGET)?;
    util::run(util::cargo().current_dir(&root).env_remove("RUSTC_WORKSPACE_WRAPPER").args([
        "build",
        "--locked",
        "--profile",
        "web",
        "-p",
        "arena-web",
        "--target",
        WEB_TARGET,
    ]))?;
    let out = web_dir();
    std::fs::create_dir_all(out.join("fonts")).with_context(|| format!("cannot make {}", out.display()))?;
    let built = root.join("target").join(WEB_TARGET).join("web").join("arena_web.wasm");
    copy(&built, &out.join("arena_web.wasm"))?;
    let fonts = root.join("arena-viewer").join("assets").join("fonts");
    for font in FONTS {
        copy(&fonts.join(font), &out.join("fonts").join(font))?;
    }
    // What a browser downloads: each file gzipped, once, here.
    let mut total = 0;
    for file in std::iter::once("arena_web.wasm".to_owned()).chain(FONTS.iter().map(|f| format!("fonts/{f}"))) {
        total += gzip(&out.join(&file))?;
    }
    let size = std::fs::metadata(out.join("arena_web.wasm")).map(|m| m.len()).unwrap_or(0);
    println!(
        "web: the replay player is in {} (arena_web.wasm: {} KiB; the bundle gzipped: {} KiB)",
        out.display(),
        size / 1024,
        total / 1024
    );
    Ok(())
}

/// Writes `FILE.gz` beside `file`; returns its size.
fn gzip(file: &Path) -> Result<u64> {
    use std::io::Write as _;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&bytes)?;
    let zipped = z.finish()?;
    let out = file.with_file_name(format!("{}.gz", file.file_name().unwrap_or_default().to_string_lossy()));
    std::fs::write(&out, &zipped).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(zipped.len() as u64)
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to).with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    Ok(())
}
