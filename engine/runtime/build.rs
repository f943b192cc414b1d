//! Gives the crate a build identity: a hash of the sources that decide a
//! match's outcome (this crate's and arena-sim's, and the bot interface).
//! Replays record it, and a tournament rerun reuses a replay only from the
//! same build: the crate version alone does not change between builds.

use std::path::{Path, PathBuf};

fn main() {
    let here = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let roots = [here.join("src"), here.join("../sim/src"), here.join("../../sdk/wit")];
    let mut files = Vec::new();
    for root in &roots {
        println!("cargo::rerun-if-changed={}", root.display());
        collect(root, &mut files);
    }
    files.sort();
    // FNV-1a over every file's path (relative to its root) and contents.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (relative, path) in &files {
        feed(relative.as_bytes());
        feed(&std::fs::read(path).expect("a source file is readable"));
    }
    println!("cargo::rustc-env=ARENA_BUILD_ID={hash:016x}");
}

fn collect(root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                let base = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                out.push((format!("{base}/{relative}"), path));
            }
        }
    }
}
