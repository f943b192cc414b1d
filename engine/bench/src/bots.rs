//! The bots the figures use: the ones `cargo xtask bots` builds, and
//! distinct variants of them.

use std::path::PathBuf;

use anyhow::{Context, Result};

/// `target/bots/NAME.wasm` (or under `hostile/`).
pub fn path(name: &str) -> Result<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bots");
    [root.join(format!("{name}.wasm")), root.join("hostile").join(format!("{name}.wasm"))]
        .into_iter()
        .find(|p| p.exists())
        .with_context(|| format!("target/bots/{name}.wasm is missing: run `cargo xtask bots` first"))
}

/// The bytes of that bot.
pub fn wasm(name: &str) -> Result<Vec<u8>> {
    let path = path(name)?;
    std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// Whether the bot was built (the JavaScript bot needs npm, for one).
pub fn exists(name: &str) -> bool {
    path(name).is_ok()
}

/// A distinct component that plays exactly as `wasm`: the same bot with a
/// custom section naming `variant` appended. Its SHA-256 differs, so it is
/// compiled and cached as a bot of its own (its seed differs too), while
/// its code is the same, as two Python bots share CPython.
pub fn variant(wasm: &[u8], variant: u32) -> Vec<u8> {
    let name = b"arena-bench-variant";
    let mut payload = leb128(name.len() as u64);
    payload.extend_from_slice(name);
    payload.extend_from_slice(&variant.to_le_bytes());
    let mut out = wasm.to_vec();
    out.push(0); // custom section
    out.extend(leb128(payload.len() as u64));
    out.extend(payload);
    out
}

fn leb128(mut n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}
