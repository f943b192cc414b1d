//! System packages some builds and tests need: the viewer's rendering test
//! draws offscreen with Mesa's software Vulkan, lavapipe (no X server); the
//! C bots build with Debian's clang, lld and wasi-libc; the web pages' browser test
//! drives Debian's Chromium.

use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;

use crate::util;

/// Debian packages the viewer's rendering test needs.
pub const VIEWER_PACKAGES: &[&str] = &["mesa-vulkan-drivers", "libvulkan1"];

/// Debian packages the C bots build with: clang 14 with the wasm32 target,
/// its linker, wasi-libc and the compiler runtime for wasm32 (without
/// which clang fails with a missing `libclang_rt.builtins-wasm32.a`).
pub const C_PACKAGES: &[&str] = &["clang", "lld", "wasi-libc", "libclang-rt-14-dev-wasm32"];

/// Installs the missing viewer packages with apt-get, where that is
/// possible (Debian, as root); elsewhere says what to install.
pub fn install_viewer_packages() -> Result<()> {
    install_packages("the viewer's rendering test", VIEWER_PACKAGES)
}

/// Headless Chromium, for the web pages' browser test.
const BROWSER_PACKAGES: &[&str] = &["chromium"];

/// Installs Debian's Chromium if it is missing.
pub fn install_browser_packages() -> Result<()> {
    install_packages("the web pages' browser test", BROWSER_PACKAGES)
}

/// Set by `cargo xtask test --no-install`: no task installs a system
/// package, whichever asks (the C bots' toolchain included).
static NO_INSTALL: AtomicBool = AtomicBool::new(false);

/// From now on, warn about missing system packages instead of installing
/// them.
pub fn never_install() {
    NO_INSTALL.store(true, Ordering::Relaxed);
}

/// Installs the missing packages of `packages` with apt-get, where that is
/// possible (Debian, as root) and allowed (not `--no-install`); elsewhere
/// warns that `purpose` needs them.
pub fn install_packages(purpose: &str, packages: &[&str]) -> Result<()> {
    let missing = missing_packages(packages);
    if missing.is_empty() {
        return Ok(());
    }
    let root = util::output(std::process::Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !util::on_path("apt-get") || !root || NO_INSTALL.load(Ordering::Relaxed) {
        eprintln!(
            "warning: {purpose} needs these packages: {} (install them with your package manager)",
            missing.join(" ")
        );
        return Ok(());
    }
    util::run(std::process::Command::new("apt-get").args(["update", "-qq"]))?;
    util::run(
        std::process::Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing),
    )
}

/// The packages of `packages` dpkg does not list as installed (all of them
/// where there is no dpkg).
fn missing_packages<'a>(packages: &[&'a str]) -> Vec<&'a str> {
    packages
        .iter()
        .copied()
        .filter(|p| {
            util::output(std::process::Command::new("dpkg-query").args(["-W", "-f=${Status}", p]))
                .is_none_or(|s| !s.contains("install ok installed"))
        })
        .collect()
}
