//! `cargo xtask bots`: builds every example bot into a component.
//!
//! Rust bots are the members of the `bots/` workspace (a member under
//! `bots/hostile/` is a hostile bot); each builds with
//! `cargo build --release --target wasm32-wasip2` and is copied to
//! `target/bots/NAME.wasm` (`target/bots/hostile/NAME.wasm`). Python bots are
//! the folders of `bots/` holding an `app.py`; each builds with componentize-py
//! from `sdk/wit`, and is rebuilt only when a source is newer than its
//! component. JavaScript bots are the folders holding a `package.json`
//! (see [`crate::lang_js`]), C bots those holding a `bot.c` (see
//! [`crate::lang_c`]); both are rebuilt only when a source is newer too.
//! Crafted bots are the folders of `bots/hostile/` holding a
//! `shape.toml` (see [`crate::shape`]), made from a built bot. Missing tools
//! (the wasm32-wasip2 target, componentize-py, the JavaScript bots' npm
//! packages, Debian's clang and wasi-libc) are installed first.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

use crate::util::{self, repo_root};

/// The Rust target bots build for.
pub const WASM_TARGET: &str = "wasm32-wasip2";

/// The componentize-py version the Python bots are built with.
pub const COMPONENTIZE_PY: &str = "componentize-py==0.25.1";

/// Options of `cargo xtask bots`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Build only these bots, by name (`rusher`, `py-kicker`, `infinite-loop`…).
    #[arg(value_name = "NAME")]
    pub only: Vec<String>,
    /// Skip the Python bots (they need Python 3; a first build takes ~30 s).
    #[arg(long)]
    pub no_python: bool,
    /// Skip the JavaScript bots (they need Node.js 20 and npm; a first
    /// build installs ~340 MB of npm packages and takes ~40 s).
    #[arg(long)]
    pub no_js: bool,
    /// Skip the C bots (they need clang with the wasm32 target and
    /// wasi-libc, installed with apt-get on Debian as root).
    #[arg(long)]
    pub no_c: bool,
    /// Where the components go [default: target/bots in the repository].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// A bot to build.
#[derive(Clone, Debug)]
struct BotSource {
    /// The bot's name, as its component is named.
    name: String,
    /// Its folder.
    dir: PathBuf,
    /// Hostile bots go to `hostile/`.
    hostile: bool,
    /// Rust (a cargo package), Python (an app.py), JavaScript (a
    /// package.json) or C (a bot.c).
    lang: Lang,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Lang {
    Rust,
    Python,
    /// componentize-js (`package.json` and `bot.js`).
    Js,
    /// clang and wasi-libc (`bot.c`).
    C,
    /// A crafted component (`shape.toml`).
    Shaped,
}

/// A built component.
#[derive(Clone, Debug)]
pub struct Built {
    /// The bot's name.
    pub name: String,
    /// Where its component is.
    pub path: PathBuf,
    /// The component's size in bytes.
    pub bytes: u64,
    /// Whether it is a hostile bot.
    pub hostile: bool,
}

/// Builds the bots `args` asks for and returns where they are.
pub fn run(args: &Args) -> Result<Vec<Built>> {
    let root = repo_root();
    let bots_dir = root.join("bots");
    let out = args.out.clone().unwrap_or_else(|| root.join("target").join("bots"));
    let mut sources = discover(&bots_dir)?;
    sources.retain(|b| {
        !(args.no_python && b.lang == Lang::Python
            || args.no_js && b.lang == Lang::Js
            || args.no_c && b.lang == Lang::C)
    });
    if !args.only.is_empty() {
        for name in &args.only {
            if !sources.iter().any(|b| &b.name == name) {
                let known: Vec<_> = sources.iter().map(|b| b.name.as_str()).collect();
                bail!("there is no bot named `{name}` (the bots are: {})", known.join(", "));
            }
        }
        sources.retain(|b| args.only.contains(&b.name));
    }

    let mut built = Vec::new();
    let rust: Vec<_> = sources.iter().filter(|b| b.lang == Lang::Rust).cloned().collect();
    if !rust.is_empty() {
        ensure_target(WASM_TARGET)?;
        built.extend(build_rust(&bots_dir, &rust, &out, args.only.is_empty())?);
    }
    let python: Vec<_> = sources.iter().filter(|b| b.lang == Lang::Python).collect();
    if !python.is_empty() {
        let componentize = ensure_componentize_py()?;
        for bot in python {
            built.push(build_python(&root, &componentize, bot, &out)?);
        }
    }

    let js: Vec<_> = sources.iter().filter(|b| b.lang == Lang::Js).collect();
    if !js.is_empty() {
        crate::lang_js::ensure_toolchain()?;
        for bot in js {
            let path = out.join(format!("{}.wasm", bot.name));
            fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
            if !crate::lang_js::build(&root, &bot.dir, &path)? {
                eprintln!("{} is up to date ({})", bot.name, path.display());
            }
            built.push(install(&path, bot, &out)?);
        }
    }
    let c: Vec<_> = sources.iter().filter(|b| b.lang == Lang::C).collect();
    if !c.is_empty() {
        crate::lang_c::ensure_toolchain()?;
        for bot in c {
            let path = out.join(format!("{}.wasm", bot.name));
            let work = root.join("target").join("c-bots").join(&bot.name);
            fs::create_dir_all(&work).with_context(|| format!("cannot create {}", work.display()))?;
            fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
            if !crate::lang_c::build(&root, &bot.dir, &work, &path)? {
                eprintln!("{} is up to date ({})", bot.name, path.display());
            }
            built.push(install(&path, bot, &out)?);
        }
    }

    for bot in sources.iter().filter(|b| b.lang == Lang::Shaped) {
        built.push(build_shaped(bot, &out)?);
    }

    println!("{:<16} {:>12}  component", "bot", "bytes");
    for b in &built {
        let shown = b.path.strip_prefix(&root).unwrap_or(&b.path);
        let kind = if b.hostile { "hostile" } else { "" };
        println!("{:<16} {:>12}  {} {kind}", b.name, b.bytes, shown.display());
    }
    Ok(built)
}

/// The bots under `bots/`: the cargo workspace's members and the folders
/// with an `app.py`, a `package.json` or a `bot.c`.
fn discover(bots_dir: &Path) -> Result<Vec<BotSource>> {
    let manifest = bots_dir.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).with_context(|| format!("cannot read {}", manifest.display()))?;
    let doc: toml::Table = toml::from_str(&text).with_context(|| format!("cannot parse {}", manifest.display()))?;
    let members = doc
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(|m| m.as_array())
        .with_context(|| format!("{} has no [workspace] members", manifest.display()))?;
    let mut bots = Vec::new();
    for member in members {
        let member = member.as_str().context("a workspace member is not a string")?;
        let dir = bots_dir.join(member);
        let name = package_name(&dir.join("Cargo.toml"))?;
        bots.push(BotSource { name, hostile: member.starts_with("hostile/"), dir, lang: Lang::Rust });
    }
    for entry in fs::read_dir(bots_dir)? {
        let dir = entry?.path();
        let lang = if dir.join("app.py").is_file() {
            Lang::Python
        } else if dir.join("package.json").is_file() {
            Lang::Js
        } else if dir.join("bot.c").is_file() {
            Lang::C
        } else {
            continue;
        };
        let name = dir.file_name().and_then(|n| n.to_str()).context("a bot folder name is not UTF-8")?;
        bots.push(BotSource { name: name.to_owned(), dir: dir.clone(), hostile: false, lang });
    }
    for entry in fs::read_dir(bots_dir.join("hostile"))? {
        let dir = entry?.path();
        if dir.join("shape.toml").is_file() {
            let name = dir.file_name().and_then(|n| n.to_str()).context("a bot folder name is not UTF-8")?;
            bots.push(BotSource { name: name.to_owned(), dir: dir.clone(), hostile: true, lang: Lang::Shaped });
        }
    }
    bots.sort_by(|a, b| (a.hostile, a.lang, &a.name).cmp(&(b.hostile, b.lang, &b.name)));
    Ok(bots)
}

/// Makes a crafted bot from its base, which must be built already.
fn build_shaped(bot: &BotSource, out: &Path) -> Result<Built> {
    let shape = crate::shape::Shape::read(&bot.dir)?;
    let base_path =
        [out.join(format!("{}.wasm", shape.base)), out.join("hostile").join(format!("{}.wasm", shape.base))]
            .into_iter()
            .find(|p| p.is_file())
            .with_context(|| format!("{}: its base bot `{}` is not built", bot.name, shape.base))?;
    let base = fs::read(&base_path).with_context(|| format!("cannot read {}", base_path.display()))?;
    let wasm = shape.apply(&base).with_context(|| format!("cannot make {}", bot.name))?;
    let dir = out.join("hostile");
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{}.wasm", bot.name));
    let tmp = dir.join(format!(".{}.wasm.tmp", bot.name));
    fs::write(&tmp, &wasm).with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Built { name: bot.name.clone(), bytes: wasm.len() as u64, path, hostile: true })
}

fn package_name(manifest: &Path) -> Result<String> {
    let text = fs::read_to_string(manifest).with_context(|| format!("cannot read {}", manifest.display()))?;
    let doc: toml::Table = toml::from_str(&text).with_context(|| format!("cannot parse {}", manifest.display()))?;
    doc.get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .map(str::to_owned)
        .with_context(|| format!("{} has no package name", manifest.display()))
}

/// Installs a Rust target with rustup if it is missing.
pub fn ensure_target(target: &str) -> Result<()> {
    if let Some(sysroot) = util::output(Command::new("rustc").args(["--print", "sysroot"]))
        && Path::new(sysroot.trim()).join("lib/rustlib").join(target).is_dir()
    {
        return Ok(());
    }
    if !util::on_path("rustup") {
        bail!(
            "the Rust target {target} is missing and rustup is not installed to add it; \
             install it with your toolchain's installer"
        );
    }
    util::run(Command::new("rustup").args(["target", "add", target]))
}

/// Builds the Rust bots (all of the workspace, or just these) and copies
/// their components to `out`.
fn build_rust(bots_dir: &Path, bots: &[BotSource], out: &Path, all: bool) -> Result<Vec<Built>> {
    let target_dir = bots_dir.join("target");
    let mut cmd = util::cargo();
    cmd.current_dir(bots_dir)
        .args(["build", "--release", "--target", WASM_TARGET, "--target-dir"])
        .arg(&target_dir)
        // The bots have their own target folder, whatever the caller's is.
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET")
        .env("CARGO_ENCODED_RUSTFLAGS", path_free_rustflags(&util::repo_root()));
    if all {
        cmd.arg("--workspace");
    } else {
        for b in bots {
            cmd.args(["--package", &b.name]);
        }
    }
    util::run(&mut cmd)?;
    let release = target_dir.join(WASM_TARGET).join("release");
    bots.iter()
        .map(|b| {
            let file = release.join(format!("{}.wasm", b.name.replace('-', "_")));
            if !file.is_file() {
                bail!("cargo built {} but left no {}", b.name, file.display());
            }
            install(&file, b, out)
        })
        .collect()
}

/// Flags that keep the folders of the building machine out of a component.
///
/// Panic messages embed source paths, so without them every component
/// carried the clone's folder and the user's cargo home. Components are
/// stored in registries and named in replays, so they should not. This does
/// not make a component's bytes, and so its hash and its random seeds, the
/// same in every clone: cargo also hashes the absolute path of a path
/// dependency outside the workspace (`../sdk`) into its symbol names.
fn path_free_rustflags(root: &Path) -> String {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    let mut flags = vec![format!("--remap-path-prefix={}=/arena", root.display())];
    if let Some(home) = cargo_home {
        flags.push(format!("--remap-path-prefix={}=/cargo", home.display()));
    }
    // Cargo reads CARGO_ENCODED_RUSTFLAGS as flags separated by 0x1f.
    flags.join("\u{1f}")
}

/// Copies a component to `out/NAME.wasm` (or `out/hostile/NAME.wasm`).
fn install(file: &Path, bot: &BotSource, out: &Path) -> Result<Built> {
    let dir = if bot.hostile { out.join("hostile") } else { out.to_owned() };
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!("{}.wasm", bot.name));
    if file != path {
        fs::copy(file, &path).with_context(|| format!("cannot copy {} to {}", file.display(), path.display()))?;
    }
    let bytes = fs::metadata(&path)?.len();
    Ok(Built { name: bot.name.clone(), path, bytes, hostile: bot.hostile })
}

/// Finds componentize-py, installing it with pip if it is missing.
fn ensure_componentize_py() -> Result<PathBuf> {
    if let Some(found) = find_componentize_py() {
        return Ok(found);
    }
    let python = ["python3", "python"].into_iter().find(|p| util::on_path(p)).context(
        "the Python bots need Python 3 (with pip) to install componentize-py; install it, or pass --no-python",
    )?;
    util::run(Command::new(python).args(["-m", "pip", "install", "--quiet", COMPONENTIZE_PY]))?;
    find_componentize_py().context(
        "pip installed componentize-py, but its program is not on the PATH (add pip's scripts folder to the PATH)",
    )
}

fn find_componentize_py() -> Option<PathBuf> {
    if util::on_path("componentize-py") {
        return Some("componentize-py".into());
    }
    // pip's scripts folder may not be on the PATH.
    ["python3", "python"].into_iter().find_map(|python| {
        let scripts =
            util::output(Command::new(python).args(["-c", "import sysconfig; print(sysconfig.get_path('scripts'))"]))?;
        let user = util::output(Command::new(python).args(["-c", "import site; print(site.USER_BASE)"]));
        [Some(PathBuf::from(scripts.trim())), user.map(|u| Path::new(u.trim()).join("bin"))]
            .into_iter()
            .flatten()
            .map(|dir| dir.join("componentize-py"))
            .find(|p| p.is_file())
    })
}

/// Builds one Python bot, unless its component is newer than its sources.
fn build_python(root: &Path, componentize: &Path, bot: &BotSource, out: &Path) -> Result<Built> {
    let wit = root.join("sdk").join("wit");
    let path = out.join(format!("{}.wasm", bot.name));
    let mut sources = python_sources(&bot.dir)?;
    sources.extend(fs::read_dir(&wit)?.filter_map(|e| e.ok().map(|e| e.path())));
    if is_fresh(&path, &sources) {
        eprintln!("{} is up to date ({})", bot.name, path.display());
    } else {
        fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
        // Write next to the target, then rename: a failed build leaves no
        // half-written component that looks fresh.
        let partial = out.join(format!("{}.wasm.partial", bot.name));
        util::run(
            Command::new(componentize)
                .current_dir(&bot.dir)
                .arg("-d")
                .arg(&wit)
                .args(["-w", "fighter", "--quiet", "componentize", "app", "-p"])
                .arg(&bot.dir)
                .arg("-o")
                .arg(&partial),
        )?;
        fs::rename(&partial, &path)?;
    }
    install(&path, bot, out)
}

fn python_sources(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() && path.file_name().is_some_and(|n| n != "__pycache__") {
            found.extend(python_sources(&path)?);
        } else if path.extension().is_some_and(|e| e == "py") {
            found.push(path);
        }
    }
    Ok(found)
}

/// Whether `built` exists and is newer than every one of `sources`.
pub fn is_fresh(built: &Path, sources: &[PathBuf]) -> bool {
    let newest_source = sources.iter().filter_map(|p| modified(p)).max();
    match (modified(built), newest_source) {
        (Some(built), Some(source)) => built > source,
        _ => false,
    }
}

/// Writes a component next to `path`, then renames it there: a failed
/// build leaves no half-written component that looks fresh.
pub fn write_component(path: &Path, bytes: &[u8]) -> Result<()> {
    let partial = path.with_extension("wasm.partial");
    fs::write(&partial, bytes).with_context(|| format!("cannot write {}", partial.display()))?;
    fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_the_rust_and_python_bots() {
        let bots = discover(&repo_root().join("bots")).unwrap();
        let find = |name: &str| bots.iter().find(|b| b.name == name).unwrap_or_else(|| panic!("no bot {name}"));
        assert_eq!(find("champion").lang, Lang::Rust);
        assert!(!find("champion").hostile);
        assert!(find("infinite-loop").hostile);
        assert!(find("wrong-world").hostile);
        assert_eq!(find("py-kicker").lang, Lang::Python);
        assert_eq!(find("js-rusher").lang, Lang::Js);
        assert_eq!(find("c-rusher").lang, Lang::C);
        // Hostile bots sort last.
        assert!(bots.last().unwrap().hostile);
    }

    /// Components are stored and shared; the folders of the machine that
    /// built them are nobody's business.
    #[test]
    fn built_components_name_no_folder_of_this_machine() {
        let out = repo_root().join("target").join("bots");
        let mut components = Vec::new();
        for dir in [out.clone(), out.join("hostile")] {
            let entries = fs::read_dir(&dir)
                .unwrap_or_else(|_| panic!("{} is missing: run `cargo xtask bots` first", dir.display()));
            for entry in entries {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "wasm") {
                    components.push(path);
                }
            }
        }
        assert!(components.len() > 10, "too few components in {}", out.display());
        let root = repo_root().display().to_string();
        for path in components {
            let bytes = fs::read(&path).unwrap();
            let named = bytes.windows(root.len()).any(|w| w == root.as_bytes());
            assert!(!named, "{} contains the path {root}", path.display());
        }
    }
}
