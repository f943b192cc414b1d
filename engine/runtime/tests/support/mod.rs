//! The built bots, for the tests and benchmarks of this crate.

use std::path::PathBuf;

/// `target/bots/NAME.wasm` or `target/bots/hostile/NAME.wasm`.
pub fn bot_path(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bots");
    let path = [root.join(format!("{name}.wasm")), root.join("hostile").join(format!("{name}.wasm"))]
        .into_iter()
        .find(|p| p.exists());
    path.unwrap_or_else(|| panic!("target/bots/{name}.wasm is missing: run `cargo xtask bots` first"))
}

/// The bytes of that bot.
pub fn wasm(name: &str) -> Vec<u8> {
    std::fs::read(bot_path(name)).unwrap()
}
