//! # arena-tournament-file: the tournament file (TOML)
//!
//! What to run, with whom, under which rules, and where to write it. The
//! runner (`arena-runner`) plays what this crate reads; this crate
//! reads only (it never creates a registry or an output directory), so any
//! text can be given to [`TournamentFile::parse`].
//!
//! ```toml
//! name = "Demo"
//! output = "../arena-out/demo"     # relative to this file
//! seed = 42
//! best_of = 3
//! seeding = "as-given"             # or "by-rating", "shuffled"
//!
//! [format]
//! type = "single-elimination"      # double-elimination, round-robin, swiss, groups-then-knockout
//!
//! [rules]                          # any rule of `arena rules`; the rest keep their defaults
//! round_ticks = 1800
//!
//! [[entrants]]                     # a bot file…
//! name = "champion"
//! wasm = "../target/bots/champion.wasm"
//! author = "arena"
//! avatar = "avatars/champion.png"  # optional
//! copies = 1                       # optional: enter it N times, as "champion 1".."champion N"
//!
//! [[entrants]]                     # …or a bot from a registry
//! bot = "rusher@2"
//! registry = "../arena-registry"
//! ```
//!
//! Or take every bot of a registry: `registry = "DIR"` at the top level with
//! no `[[entrants]]`.

use std::path::{Path, PathBuf};

use arena_registry::Registry;
use arena_sim::Rules;
use arena_tournament::{Entrant, Format, Seeding, TournamentConfig};
use serde::Deserialize;

use thiserror::Error;

/// Most entrants a tournament file may enter (copies included): far above
/// any event, far below what would exhaust memory.
pub const MAX_ENTRANTS: usize = 4096;

/// Why a tournament file cannot be used.
#[derive(Debug, Error)]
pub enum FileError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid; the message names the field and line.
    #[error("{path}: {message}")]
    Bad {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: String,
    output: Option<String>,
    #[serde(default)]
    seed: u64,
    #[serde(default = "default_best_of")]
    best_of: u32,
    #[serde(default)]
    seeding: Seeding,
    format: Format,
    #[serde(default)]
    rules: Option<toml::Table>,
    registry: Option<String>,
    #[serde(default)]
    entrants: Vec<toml::Spanned<RawEntrant>>,
}

fn default_best_of() -> u32 {
    3
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntrant {
    name: Option<String>,
    wasm: Option<String>,
    bot: Option<String>,
    registry: Option<String>,
    author: Option<String>,
    avatar: Option<String>,
    rating: Option<f64>,
    #[serde(default = "one")]
    copies: u32,
}

fn one() -> u32 {
    1
}

/// One entrant, resolved to its bot's bytes.
#[derive(Clone, Debug)]
pub struct EntrantSpec {
    /// The entrant as the tournament knows it.
    pub entrant: Entrant,
    /// The bot's component.
    pub wasm: PathBuf,
    /// Its avatar PNG, if any.
    pub avatar: Option<PathBuf>,
}

/// A tournament file, read and resolved.
#[derive(Clone, Debug)]
pub struct TournamentFile {
    /// The tournament's name.
    pub name: String,
    /// Where its replays, `results.json` and `state.json` go.
    pub output: PathBuf,
    /// Format, best-of, seed, seeding.
    pub config: TournamentConfig,
    /// The rules, defaults overridden by the file's `[rules]`.
    pub rules: Rules,
    /// The entrants, in the order given.
    pub entrants: Vec<EntrantSpec>,
}

impl TournamentFile {
    /// Reads and resolves a tournament file. Errors name the field and,
    /// where it can be known, the line.
    pub fn load(path: &Path) -> Result<Self, FileError> {
        let text = std::fs::read_to_string(path).map_err(|source| FileError::Io { path: path.to_owned(), source })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Self::parse(&text, base).map_err(|message| FileError::Bad { path: path.to_owned(), message })
    }

    /// Parses a tournament file's text; relative paths are taken from `base`.
    pub fn parse(text: &str, base: &Path) -> Result<Self, String> {
        let raw: RawFile = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
        let line_of = |span: std::ops::Range<usize>| text[..span.start.min(text.len())].matches('\n').count() + 1;

        let rules = match raw.rules {
            None => Rules::default(),
            Some(table) => {
                let rules: Rules =
                    table.try_into().map_err(|e: toml::de::Error| format!("[rules]: {}", e.to_string().trim_end()))?;
                rules.validate().map_err(|e| format!("[rules]: {e}"))?;
                rules
            }
        };
        if raw.best_of == 0 || raw.best_of.is_multiple_of(2) {
            return Err(format!("best_of = {}: must be an odd number of games (1, 3, 5, …)", raw.best_of));
        }

        let mut entrants = Vec::new();
        for spanned in &raw.entrants {
            let line = line_of(spanned.span());
            let e = spanned.get_ref();
            let at = |message: String| format!("[[entrants]] at line {line}: {message}");
            let (name, author, wasm, avatar) = match (&e.wasm, &e.bot) {
                (Some(wasm), None) => {
                    let wasm = base.join(wasm);
                    if !wasm.is_file() {
                        return Err(at(format!(
                            "wasm = {:?}: no such file (build the example bots with `cargo xtask bots`)",
                            wasm.display().to_string()
                        )));
                    }
                    let name = match &e.name {
                        Some(n) => n.clone(),
                        None => wasm.file_stem().and_then(|s| s.to_str()).unwrap_or("bot").to_owned(),
                    };
                    let avatar = e.avatar.as_ref().map(|a| base.join(a));
                    (name, e.author.clone(), wasm, avatar)
                }
                (None, Some(bot)) => {
                    let Some(dir) = e.registry.as_ref().or(raw.registry.as_ref()) else {
                        return Err(at(format!("bot = {bot:?} needs a `registry` (here or at the top level)")));
                    };
                    let (name, author, wasm, avatar) = from_registry(&base.join(dir), bot).map_err(at)?;
                    (e.name.clone().unwrap_or(name), Some(author), wasm, avatar)
                }
                (Some(_), Some(_)) => return Err(at("give either `wasm` or `bot`, not both".into())),
                (None, None) => return Err(at("give the bot: `wasm = \"path.wasm\"` or `bot = \"name\"`".into())),
            };
            if let Some(a) = &avatar
                && !a.is_file()
            {
                return Err(at(format!("avatar = {:?}: no such file", a.display().to_string())));
            }
            if e.copies == 0 {
                return Err(at("copies = 0: enter a bot at least once".into()));
            }
            if entrants.len() + e.copies as usize > MAX_ENTRANTS {
                return Err(at(format!("copies = {}: a tournament takes at most {MAX_ENTRANTS} entrants", e.copies)));
            }
            for copy in 1..=e.copies {
                let shown = if e.copies > 1 { format!("{name} {copy}") } else { name.clone() };
                let mut entrant = Entrant::new(shown.clone(), shown);
                entrant.author = author.clone();
                entrant.rating = e.rating;
                entrants.push(EntrantSpec { entrant, wasm: wasm.clone(), avatar: avatar.clone() });
            }
        }
        if raw.entrants.is_empty() {
            let Some(dir) = &raw.registry else {
                return Err(
                    "no entrants: add [[entrants]] tables, or `registry = \"DIR\"` to take every bot there".into()
                );
            };
            let dir = base.join(dir);
            let registry = Registry::open_existing(&dir).map_err(|e| e.to_string())?;
            let index = registry.index().map_err(|e| e.to_string())?;
            for e in &index.entrants {
                let Some(v) = e.versions.iter().rev().find(|v| v.validation.passed) else { continue };
                let mut entrant = Entrant::new(e.name.clone(), e.name.clone());
                entrant.author = Some(e.author.clone());
                entrants.push(EntrantSpec {
                    entrant,
                    wasm: registry.path_of(&v.wasm),
                    avatar: v.avatar.as_ref().map(|a| registry.path_of(a)),
                });
            }
        }
        let mut names = std::collections::BTreeSet::new();
        for e in &entrants {
            if !names.insert(e.entrant.id.clone()) {
                return Err(format!("two entrants are named `{}`: give one a `name`, or use `copies`", e.entrant.id));
            }
        }
        if entrants.len() > MAX_ENTRANTS {
            return Err(format!("{} entrants: a tournament takes at most {MAX_ENTRANTS}", entrants.len()));
        }
        if entrants.len() < 2 {
            return Err(format!("a tournament needs at least 2 entrants, this one has {}", entrants.len()));
        }
        let output = normalize(&base.join(raw.output.unwrap_or_else(|| format!("arena-out/{}", slug(&raw.name)))));
        let config = TournamentConfig::new(raw.format).best_of(raw.best_of).seed(raw.seed).seeding(raw.seeding);
        Ok(Self { name: raw.name, output, config, rules, entrants })
    }
}

/// Resolves `name` or `name@N` in a registry.
fn from_registry(dir: &Path, reference: &str) -> Result<(String, String, PathBuf, Option<PathBuf>), String> {
    let registry = Registry::open_existing(dir).map_err(|e| e.to_string())?;
    let index = registry.index().map_err(|e| e.to_string())?;
    let (entrant, version) =
        index.find(reference).ok_or_else(|| format!("bot = {reference:?}: not in the registry {}", dir.display()))?;
    Ok((
        entrant.name.clone(),
        entrant.author.clone(),
        registry.path_of(&version.wasm),
        version.avatar.as_ref().map(|a| registry.path_of(a)),
    ))
}

/// `a/b/../c` as `a/c`, so the paths printed to a person are the short ones.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() { PathBuf::from(".") } else { out }
}

fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected_error: &str) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.wasm"), b"\0asm").unwrap();
        let err = TournamentFile::parse(text, dir.path()).unwrap_err();
        assert!(err.contains(expected_error), "`{err}` should contain `{expected_error}`");
    }

    #[test]
    fn bad_files_get_errors_that_name_the_field_and_the_line() {
        check("name = \"x\"\n[format]\ntype = \"knockout\"\n", "unknown variant `knockout`");
        check("name = \"x\"\nbest_of = 2\n[format]\ntype = \"round-robin\"\n", "best_of = 2: must be an odd number");
        check(
            "name = \"x\"\n[format]\ntype = \"round-robin\"\n[rules]\nhit_points = 0\n",
            "rule `hit_points` = 0 must be greater than 0",
        );
        check("name = \"x\"\n[format]\ntype = \"round-robin\"\n[rules]\nhitpoints = 5\n", "unknown field `hitpoints`");
        check(
            "name = \"x\"\n[format]\ntype = \"round-robin\"\n\n[[entrants]]\nwasm = \"a.wasm\"\n\n[[entrants]]\nwasm = \"missing.wasm\"\n",
            "[[entrants]] at line 8: wasm = ",
        );
        check("name = \"x\"\n[format]\ntype = \"round-robin\"\n[[entrants]]\nname = \"a\"\n", "line 4: give the bot");
        check(
            "name = \"x\"\n[format]\ntype = \"round-robin\"\n[[entrants]]\nwasm = \"a.wasm\"\n[[entrants]]\nwasm = \"a.wasm\"\n",
            "two entrants are named `a`",
        );
        check("name = \"x\"\nsed = 1\n[format]\ntype = \"round-robin\"\n", "unknown field `sed`");
        check("name = \"x\"\n[format]\ntype = \"round-robin\"\n", "no entrants");
    }

    #[test]
    fn copies_enter_a_bot_several_times_under_distinct_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.wasm"), b"\0asm").unwrap();
        let text =
            "name = \"Big Event\"\n[format]\ntype = \"round-robin\"\n[[entrants]]\nwasm = \"a.wasm\"\ncopies = 3\n";
        let file = TournamentFile::parse(text, dir.path()).unwrap();
        let names: Vec<&str> = file.entrants.iter().map(|e| e.entrant.name.as_str()).collect();
        assert_eq!(names, ["a 1", "a 2", "a 3"]);
        assert_eq!(file.output, dir.path().join("arena-out/big-event"));
        assert_eq!(file.rules, Rules::default());
    }
}
