//! System packages some tests need (the viewer's rendering test draws
//! offscreen with Mesa's software Vulkan, lavapipe; no X server).

use anyhow::Result;

use crate::util;

/// Debian packages the viewer's rendering test needs.
pub const VIEWER_PACKAGES: &[&str] = &["mesa-vulkan-drivers", "libvulkan1"];

/// Installs the missing viewer packages with apt-get, where that is
/// possible (Debian, as root); elsewhere says what to install.
pub fn install_viewer_packages() -> Result<()> {
    let missing: Vec<&str> = VIEWER_PACKAGES
        .iter()
        .copied()
        .filter(|p| {
            util::output(std::process::Command::new("dpkg-query").args(["-W", "-f=${Status}", p]))
                .is_none_or(|s| !s.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let root = util::output(std::process::Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !util::on_path("apt-get") || !root {
        eprintln!(
            "warning: the viewer's rendering test needs these packages: {} (install them with your package manager)",
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
