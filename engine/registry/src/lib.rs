//! # arena-registry: where submitted bots are kept
//!
//! A registry is a directory:
//!
//! ```text
//! index.json                      every entrant, its versions and their validation results
//! wasm/SHA256.wasm                each bot, content-addressed
//! avatars/SHA256.png              each avatar, content-addressed
//! replays/KEY-VERSION.replay      each version's validation match against the dummy (KEY: of the name)
//! records/KEY-VERSION.json        each version's record: name, author and its line of the index
//! ```
//!
//! The index is a summary of the records: a version's record is synced
//! before the index names it, so a damaged or lost index can always be
//! made again from the records and the stored files
//! ([`Registry::rebuild_index`], `arena registry rebuild`).
//!
//! Submitting stores a new version; earlier versions stay. Every file is
//! written to a temporary name, synced and renamed into place, and the index
//! last, so a crash at any moment leaves either the old registry or the new
//! one, never a half-written entry (the next submission removes a killed
//! write's temporary files). A lock file serialises writers (several
//! `arena submit` processes, or the submission server's workers).
//!
//! This crate stores and finds bots; it does not run them. Validation
//! happens before [`Registry::submit`] (in `arena-runtime`), and its result
//! is stored as a [`ValidationRecord`].
//!
//! ```
//! use arena_registry::{Registry, Submission, ValidationRecord};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let registry = Registry::open(dir.path()).unwrap();
//! let stored = registry
//!     .submit(Submission {
//!         name: "rusher",
//!         author: "ada",
//!         wasm: b"\0asm\x0d\0\x01\0 a component",
//!         avatar_png: None,
//!         validation: ValidationRecord { passed: true, checks: vec![] },
//!         validation_replay: None,
//!     })
//!     .unwrap();
//! assert_eq!(stored.version, 1);
//! assert_eq!(registry.index().unwrap().latest("rusher").unwrap().sha256, stored.sha256);
//! ```

pub mod form;

use std::fs::File;
use std::path::{Path, PathBuf};

use arena_atomic::Durability;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// The version of `index.json`'s layout.
pub const INDEX_FORMAT: u32 = 1;

/// Largest avatar accepted, in bytes.
pub const MAX_AVATAR_BYTES: usize = 1 << 20;

/// Longest name or author handle, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// What can go wrong with a registry.
#[derive(Debug, Error)]
pub enum RegistryError {
    /// A file could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done ("cannot write").
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// `index.json` is not a valid index.
    #[error(
        "the registry index {path} is damaged ({message}); rebuild it from the stored records with `arena registry rebuild --registry DIR`"
    )]
    CorruptIndex {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A name or handle that cannot be used.
    #[error("{field} `{value}` is not allowed: {reason}")]
    BadName {
        /// "name" or "author".
        field: &'static str,
        /// The value given (control characters escaped).
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The name belongs to another author.
    #[error("the name `{name}` is already taken by {owner}; choose another name")]
    NameTaken {
        /// The name.
        name: String,
        /// Its author.
        owner: String,
    },
    /// The avatar is not a PNG, or too big.
    #[error("the avatar {0}")]
    BadAvatar(String),
    /// No entrant of that name (or version).
    #[error("no bot `{0}` in the registry; `arena bots` lists what is there")]
    NotFound(String),
    /// The registry is locked for the tournament: submissions are closed.
    #[error("submissions are closed: the registry is locked for the tournament")]
    Locked,
}

/// One check of a validation, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// The check's name (`component`, `limits`, `beats-dummy`).
    pub check: String,
    /// Whether it passed.
    pub passed: bool,
    /// What was found.
    pub message: String,
}

/// A bot's validation result, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationRecord {
    /// Whether every check passed.
    pub passed: bool,
    /// The checks, in order.
    pub checks: Vec<CheckRecord>,
}

/// One stored version of a bot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// 1 for the first submission of a name, then 2, 3, …
    pub version: u32,
    /// SHA-256 of the wasm, in hex.
    pub sha256: String,
    /// Size of the wasm in bytes.
    pub size: u64,
    /// The wasm, relative to the registry directory.
    pub wasm: String,
    /// The avatar, relative to the registry directory, if one was given.
    pub avatar: Option<String>,
    /// The validation replay, relative to the registry directory.
    pub validation_replay: Option<String>,
    /// The validation result.
    pub validation: ValidationRecord,
    /// When it was submitted, in seconds since the Unix epoch.
    pub submitted_unix: u64,
}

impl Version {
    /// Whether each file this version names is a plain file of its folder.
    fn check_paths(&self) -> Result<(), String> {
        let named = std::iter::once(("wasm", Some(&self.wasm), "wasm/")).chain([
            ("avatar", self.avatar.as_ref(), "avatars/"),
            ("validation replay", self.validation_replay.as_ref(), "replays/"),
        ]);
        for (what, relative, folder) in named {
            if let Some(relative) = relative
                && !is_confined(relative, folder)
            {
                return Err(format!("its {what} `{relative}` is not a file of the registry's {folder} folder"));
            }
        }
        Ok(())
    }
}

/// One version's record (`records/KEY-VERSION.json`): what the index says
/// of it, kept beside the files so that the index can be rebuilt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The layout version ([`INDEX_FORMAT`]).
    pub format: u32,
    /// The bot's name.
    pub name: String,
    /// Its author's handle.
    pub author: String,
    /// The version, as the index lists it.
    pub version: Version,
}

/// Largest record file read back, in bytes (a record is a few hundred).
const MAX_RECORD_BYTES: u64 = 1 << 20;

/// What [`Registry::rebuild_index`] found and did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Entrants in the new index.
    pub entrants: usize,
    /// Versions in the new index.
    pub versions: usize,
    /// Records written from the old index for versions that had none (a
    /// registry made before records were kept).
    pub recorded: usize,
    /// Where the damaged index was moved, if it was damaged.
    pub damaged_index: Option<PathBuf>,
    /// Every record left out or changed, and why, in plain words.
    pub problems: Vec<String>,
}

/// A bot name and all its versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entrant {
    /// The bot's name, unique in the registry.
    pub name: String,
    /// Its author's handle.
    pub author: String,
    /// Every version, oldest first.
    pub versions: Vec<Version>,
}

/// The registry's `index.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// The layout version ([`INDEX_FORMAT`]).
    pub format: u32,
    /// Whether submissions are closed.
    #[serde(default)]
    pub locked: bool,
    /// Every entrant, in order of first submission.
    pub entrants: Vec<Entrant>,
}

impl Index {
    /// Parses the text of an `index.json`, checking its format and that
    /// every file it names stays inside the registry's folders (the server
    /// serves these paths and the runner loads them).
    pub fn parse(text: &str) -> Result<Self, String> {
        let index: Index = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if index.format != INDEX_FORMAT {
            return Err(format!("format {} is not the supported {INDEX_FORMAT}", index.format));
        }
        for entrant in &index.entrants {
            for v in &entrant.versions {
                v.check_paths().map_err(|m| format!("{}@{}: {m}", entrant.name, v.version))?;
            }
        }
        Ok(index)
    }

    /// The entrant called `name`.
    pub fn entrant(&self, name: &str) -> Option<&Entrant> {
        self.entrants.iter().find(|e| e.name == name)
    }

    /// The newest version of `name`.
    pub fn latest(&self, name: &str) -> Option<&Version> {
        self.entrant(name)?.versions.last()
    }

    /// A version by reference: `name` (the newest) or `name@N`.
    pub fn find(&self, reference: &str) -> Option<(&Entrant, &Version)> {
        let (name, version) = match reference.rsplit_once('@') {
            Some((n, v)) => (n, Some(v.parse::<u32>().ok()?)),
            None => (reference, None),
        };
        let e = self.entrant(name)?;
        let v = match version {
            Some(n) => e.versions.iter().find(|v| v.version == n)?,
            None => e.versions.last()?,
        };
        Some((e, v))
    }
}

/// What to store for one submission.
#[derive(Clone, Debug)]
pub struct Submission<'a> {
    /// The bot's name.
    pub name: &'a str,
    /// Its author's handle.
    pub author: &'a str,
    /// The component.
    pub wasm: &'a [u8],
    /// A PNG avatar, if any.
    pub avatar_png: Option<&'a [u8]>,
    /// The validation result.
    pub validation: ValidationRecord,
    /// The validation replay's bytes, if the match was played.
    pub validation_replay: Option<&'a [u8]>,
}

/// A registry directory.
#[derive(Clone, Debug)]
pub struct Registry {
    dir: PathBuf,
}

impl Registry {
    /// Opens (creating if needed) the registry at `dir`.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, RegistryError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|source| RegistryError::Io {
            action: "cannot create the registry directory",
            path: dir.clone(),
            source,
        })?;
        Ok(Self { dir })
    }

    /// Opens the registry at `dir`, which must already exist (readers of
    /// a registry never create one where a path was mistyped).
    pub fn open_existing(dir: impl Into<PathBuf>) -> Result<Self, RegistryError> {
        let dir = dir.into();
        if !dir.is_dir() {
            return Err(RegistryError::Io {
                action: "no registry at",
                path: dir,
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            });
        }
        Ok(Self { dir })
    }

    /// The registry's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn index_path(&self) -> PathBuf {
        self.dir.join("index.json")
    }

    /// Reads the index (an empty one if none was written yet).
    pub fn index(&self) -> Result<Index, RegistryError> {
        let path = self.index_path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Index { format: INDEX_FORMAT, ..Index::default() });
            }
            Err(source) => return Err(RegistryError::Io { action: "cannot read", path, source }),
        };
        Index::parse(&text).map_err(|message| RegistryError::CorruptIndex { path, message })
    }

    /// The absolute path of a file named in the index (which [`Self::index`]
    /// has checked stays inside the registry).
    pub fn path_of(&self, relative: &str) -> PathBuf {
        debug_assert!(!relative.contains(".."), "{relative}");
        self.dir.join(relative)
    }

    /// Stores a submission as the next version of its name. The name must be
    /// new or already belong to the same author.
    pub fn submit(&self, s: Submission<'_>) -> Result<Version, RegistryError> {
        check_name("name", s.name)?;
        check_name("author", s.author)?;
        if let Some(png) = s.avatar_png {
            check_avatar(png)?;
        }
        let _lock = self.lock()?;
        self.remove_leftovers();
        let mut index = self.index()?;
        if index.locked {
            return Err(RegistryError::Locked);
        }
        if let Some(e) = index.entrant(s.name)
            && e.author != s.author
        {
            return Err(RegistryError::NameTaken { name: s.name.to_owned(), owner: e.author.clone() });
        }
        let sha256 = hex::encode(Sha256::digest(s.wasm));
        let wasm = format!("wasm/{sha256}.wasm");
        self.write_once(&wasm, s.wasm)?;
        let avatar = match s.avatar_png {
            Some(png) => {
                let rel = format!("avatars/{}.png", hex::encode(Sha256::digest(png)));
                self.write_once(&rel, png)?;
                Some(rel)
            }
            None => None,
        };
        let next = index.entrant(s.name).and_then(|e| e.versions.last()).map_or(1, |v| v.version + 1);
        // By entrant and version, not by wasm: two entrants with the same
        // wasm each have their own validation match, with their own names.
        // Always rewritten: a file left by a write that never reached the
        // index may hold another match.
        let validation_replay = match s.validation_replay {
            Some(bytes) => {
                let rel = format!("replays/{}-{next}.replay", name_key(s.name));
                write_atomic(&self.dir.join(&rel), bytes)?;
                Some(rel)
            }
            None => None,
        };
        let submitted_unix =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let entrant = match index.entrants.iter_mut().position(|e| e.name == s.name) {
            Some(i) => &mut index.entrants[i],
            None => {
                index.entrants.push(Entrant {
                    name: s.name.to_owned(),
                    author: s.author.to_owned(),
                    versions: Vec::new(),
                });
                index.entrants.last_mut().expect("just pushed")
            }
        };
        let version = Version {
            version: next,
            sha256,
            size: s.wasm.len() as u64,
            wasm,
            avatar,
            validation_replay,
            validation: s.validation,
            submitted_unix,
        };
        // The record first, synced: whatever the index says must be
        // rebuildable from the records.
        self.write_record(s.name, s.author, &version)?;
        entrant.versions.push(version.clone());
        self.write_index(&index)?;
        Ok(version)
    }

    fn record_path(&self, name: &str, version: u32) -> PathBuf {
        self.dir.join(format!("records/{}-{version}.json", name_key(name)))
    }

    fn write_record(&self, name: &str, author: &str, version: &Version) -> Result<(), RegistryError> {
        let record =
            Record { format: INDEX_FORMAT, name: name.to_owned(), author: author.to_owned(), version: version.clone() };
        let mut json = serde_json::to_vec_pretty(&record).expect("a record is plain data");
        json.push(b'\n');
        write_atomic(&self.record_path(name, version.version), &json)
    }

    /// Makes the index again from the records and the stored files, for an
    /// index that is damaged or lost. Each record is checked before it is
    /// trusted: its name and handle, its paths, its wasm present with the
    /// hash it claims; a record that fails is left out and said in
    /// [`Rebuilt::problems`], a missing avatar or replay is dropped from its
    /// version. A damaged index is moved aside (`index.json.damaged`),
    /// never deleted. A readable index first gets records for any version
    /// that has none, so nothing it lists is lost. Entrants are ordered by
    /// their first submission (then name); the lock on submissions is kept
    /// when the old index can tell it.
    pub fn rebuild_index(&self) -> Result<Rebuilt, RegistryError> {
        let _lock = self.lock()?;
        self.remove_leftovers();
        let mut rebuilt = Rebuilt::default();
        let mut locked = false;
        match self.index() {
            Ok(old) => {
                locked = old.locked;
                for e in &old.entrants {
                    for v in &e.versions {
                        if !self.record_path(&e.name, v.version).exists() {
                            self.write_record(&e.name, &e.author, v)?;
                            rebuilt.recorded += 1;
                        }
                    }
                }
            }
            Err(RegistryError::CorruptIndex { message, .. }) => {
                let mut aside = self.dir.join("index.json.damaged");
                let mut n = 1;
                while aside.exists() {
                    n += 1;
                    aside = self.dir.join(format!("index.json.damaged-{n}"));
                }
                std::fs::rename(self.index_path(), &aside).map_err(|source| RegistryError::Io {
                    action: "cannot move the damaged index aside to",
                    path: aside.clone(),
                    source,
                })?;
                rebuilt.problems.push(format!(
                    "the index was damaged ({message}); it is kept as {}; submissions are open (the lock could not be read)",
                    aside.display()
                ));
                rebuilt.damaged_index = Some(aside);
            }
            Err(e) => return Err(e),
        }

        let dir = self.dir.join("records");
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(source) => return Err(RegistryError::Io { action: "cannot read", path: dir, source }),
        };
        files.sort();
        let mut by_name: std::collections::BTreeMap<String, Entrant> = std::collections::BTreeMap::new();
        for file in &files {
            let shown = file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            match self.check_record(file) {
                Ok(record) => {
                    let mut version = record.version;
                    for (what, slot) in
                        [("avatar", &mut version.avatar), ("validation replay", &mut version.validation_replay)]
                    {
                        if slot.as_ref().is_some_and(|rel| !self.dir.join(rel).is_file()) {
                            rebuilt.problems.push(format!(
                                "records/{shown}: its {what} {} is missing; the version is kept without it",
                                slot.as_deref().unwrap_or_default()
                            ));
                            *slot = None;
                        }
                    }
                    let entrant = by_name.entry(record.name.clone()).or_insert_with(|| Entrant {
                        name: record.name.clone(),
                        author: record.author.clone(),
                        versions: Vec::new(),
                    });
                    if entrant.author != record.author {
                        rebuilt.problems.push(format!(
                            "records/{shown}: `{}` is by {}, but another version is by {}; left out",
                            arena_sim::printable(&record.name),
                            arena_sim::printable(&record.author),
                            arena_sim::printable(&entrant.author)
                        ));
                        continue;
                    }
                    entrant.versions.push(version);
                }
                Err(why) => rebuilt.problems.push(format!("records/{shown}: {why}; left out")),
            }
        }
        let mut entrants: Vec<Entrant> = by_name.into_values().collect();
        for e in &mut entrants {
            e.versions.sort_by_key(|v| v.version);
        }
        entrants.sort_by(|a, b| {
            let first = |e: &Entrant| e.versions.first().map_or(0, |v| v.submitted_unix);
            first(a).cmp(&first(b)).then_with(|| a.name.cmp(&b.name))
        });
        rebuilt.entrants = entrants.len();
        rebuilt.versions = entrants.iter().map(|e| e.versions.len()).sum();
        self.write_index(&Index { format: INDEX_FORMAT, locked, entrants })?;
        Ok(rebuilt)
    }

    /// Reads one record and checks it against the files it names.
    fn check_record(&self, file: &Path) -> Result<Record, String> {
        let size = std::fs::metadata(file).map_err(|e| e.to_string())?.len();
        if size > MAX_RECORD_BYTES {
            return Err(format!("it is {size} bytes, over the {MAX_RECORD_BYTES} a record can be"));
        }
        let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
        let record: Record = serde_json::from_slice(&bytes).map_err(|e| format!("it is not a record ({e})"))?;
        if record.format != INDEX_FORMAT {
            return Err(format!("format {} is not the supported {INDEX_FORMAT}", record.format));
        }
        check_name("name", &record.name).map_err(|e| e.to_string())?;
        check_name("author", &record.author).map_err(|e| e.to_string())?;
        let v = &record.version;
        if file != self.record_path(&record.name, v.version) {
            return Err(format!("its file name does not match the name and version {} inside it", v.version));
        }
        v.check_paths()?;
        let wasm = std::fs::read(self.dir.join(&v.wasm)).map_err(|e| format!("its wasm {}: {e}", v.wasm))?;
        let sha256 = hex::encode(Sha256::digest(&wasm));
        if sha256 != v.sha256 || v.wasm != format!("wasm/{sha256}.wasm") || wasm.len() as u64 != v.size {
            return Err(format!("its wasm {} does not have the hash and size the record says", v.wasm));
        }
        Ok(record)
    }

    /// Closes (or reopens) submissions.
    pub fn set_locked(&self, locked: bool) -> Result<(), RegistryError> {
        let _lock = self.lock()?;
        let mut index = self.index()?;
        index.locked = locked;
        self.write_index(&index)
    }

    fn write_index(&self, index: &Index) -> Result<(), RegistryError> {
        let mut json = serde_json::to_vec_pretty(index).expect("the index is plain data");
        json.push(b'\n');
        write_atomic(&self.index_path(), &json)
    }

    /// Writes a content-addressed file unless it is already there.
    fn write_once(&self, relative: &str, bytes: &[u8]) -> Result<(), RegistryError> {
        let path = self.dir.join(relative);
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == bytes.len() as u64) {
            return Ok(());
        }
        write_atomic(&path, bytes)
    }

    /// Removes the temporary files of writes that never finished (a process
    /// killed mid-write). Every writer holds the lock, so with the lock held
    /// any temporary file left is one nobody will rename.
    fn remove_leftovers(&self) {
        for dir in ["", "wasm", "avatars", "replays", "records"] {
            let Ok(entries) = std::fs::read_dir(self.dir.join(dir)) else { continue };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if arena_atomic::is_temporary(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }

    fn lock(&self) -> Result<File, RegistryError> {
        let path = self.dir.join(".lock");
        let file =
            File::options().create(true).truncate(false).write(true).open(&path).map_err(|source| {
                RegistryError::Io { action: "cannot open the lock file", path: path.clone(), source }
            })?;
        file.lock().map_err(|source| RegistryError::Io { action: "cannot lock", path, source })?;
        Ok(file)
    }
}

/// Writes `bytes` to `path` whole and synced ([`arena_atomic::write`]):
/// after a crash the file is either the old one or the new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), RegistryError> {
    replace(path, bytes, Durability::Synced)
}

/// Replaces `path` with `bytes` whole, but without waiting for the disk: a
/// reader never sees a half-written file, but after a power cut the file
/// may be empty. For files that are checked when read and can be made
/// again (replays, the live state).
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), RegistryError> {
    replace(path, bytes, Durability::Replaced)
}

fn replace(path: &Path, bytes: &[u8], durability: Durability) -> Result<(), RegistryError> {
    arena_atomic::write(path, bytes, durability).map_err(|source| RegistryError::Io {
        action: "cannot write",
        path: path.to_owned(),
        source,
    })
}

/// Whether `relative` names a plain file directly in `folder` (`wasm/`…):
/// no `..`, no absolute path, no other folder, only letters, digits, `-`,
/// `_` and `.` in the file name.
fn is_confined(relative: &str, folder: &str) -> bool {
    let Some(file) = relative.strip_prefix(folder) else { return false };
    !file.is_empty()
        && !file.starts_with('.')
        && file.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !file.contains("..")
}

/// Checks a bot name or author handle: 1 to 40 characters, no path
/// separators, no control characters, not only dots or spaces. Letters of
/// any script are welcome.
pub fn check_name(field: &'static str, value: &str) -> Result<(), RegistryError> {
    let bad = |reason| RegistryError::BadName { field, value: value.escape_debug().to_string(), reason };
    let chars = value.chars().count();
    if chars == 0 {
        return Err(bad("it is empty"));
    }
    if chars > MAX_NAME_CHARS {
        return Err(bad("it is longer than 40 characters"));
    }
    if value.chars().any(char::is_control) {
        return Err(bad("it contains control characters"));
    }
    if value.contains(['/', '\\', ':', '@']) {
        return Err(bad("it contains `/`, `\\`, `:` or `@`"));
    }
    if value.trim() != value {
        return Err(bad("it starts or ends with a space"));
    }
    if value.chars().all(|c| c == '.') {
        return Err(bad("it is only dots"));
    }
    Ok(())
}

/// Checks an avatar: a PNG of at most [`MAX_AVATAR_BYTES`] and at most
/// [`arena_sim::avatar::MAX_AVATAR_SIDE`] pixels a side.
pub fn check_avatar(png: &[u8]) -> Result<(), RegistryError> {
    if png.len() > MAX_AVATAR_BYTES {
        return Err(RegistryError::BadAvatar(format!(
            "is {} bytes, over the cap of {MAX_AVATAR_BYTES}; use a smaller image (256×256 is plenty)",
            png.len()
        )));
    }
    arena_sim::avatar::check_png(png).map(drop).map_err(RegistryError::BadAvatar)
}

/// The file-name key of a bot name: names may be any script, files are
/// named by the name's hash.
fn name_key(name: &str) -> String {
    hex::encode(Sha256::digest(name.as_bytes()))[..16].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn submission<'a>(name: &'a str, author: &'a str, wasm: &'a [u8]) -> Submission<'a> {
        Submission {
            name,
            author,
            wasm,
            avatar_png: None,
            validation: ValidationRecord { passed: true, checks: vec![] },
            validation_replay: Some(b"replay"),
        }
    }

    #[test]
    fn versions_accumulate_and_earlier_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        let v1 = r.submit(submission("rusher", "ada", b"one")).unwrap();
        let v2 = r.submit(submission("rusher", "ada", b"two")).unwrap();
        assert_eq!((v1.version, v2.version), (1, 2));
        let index = r.index().unwrap();
        assert_eq!(index.entrant("rusher").unwrap().versions.len(), 2);
        assert_eq!(index.find("rusher@1").unwrap().1.sha256, v1.sha256);
        assert_eq!(index.find("rusher").unwrap().1.sha256, v2.sha256);
        assert_eq!(std::fs::read(r.path_of(&v1.wasm)).unwrap(), b"one");
        assert!(index.find("rusher@3").is_none());
    }

    #[test]
    fn a_killed_writers_temporary_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        let v1 = r.submit(submission("rusher", "ada", b"one")).unwrap();
        let leftovers = [".index.json.tmp-4242-ThreadId(7)", "wasm/.abc.wasm.tmp-4242-ThreadId(7)"];
        for name in leftovers {
            std::fs::write(dir.path().join(name), b"half").unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), b"the organiser's").unwrap();
        r.submit(submission("rusher", "ada", b"two")).unwrap();
        for name in leftovers {
            assert!(!dir.path().join(name).exists(), "{name} should be gone");
        }
        assert!(dir.path().join("notes.txt").exists());
        assert_eq!(std::fs::read(r.path_of(&v1.wasm)).unwrap(), b"one");
        assert_eq!(r.index().unwrap().entrant("rusher").unwrap().versions.len(), 2);
    }

    #[test]
    fn another_authors_name_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        r.submit(submission("rusher", "ada", b"one")).unwrap();
        let err = r.submit(submission("rusher", "bob", b"two")).unwrap_err();
        assert_eq!(err.to_string(), "the name `rusher` is already taken by ada; choose another name");
    }

    #[test]
    fn names_are_checked() {
        let check = |name: &str, expected: Option<&str>| {
            let got = check_name("name", name).err().map(|e| e.to_string());
            assert_eq!(got.as_deref(), expected, "{name:?}");
        };
        check("rusher", None);
        check("김철수의 봇", None);
        check("../etc", Some("name `../etc` is not allowed: it contains `/`, `\\`, `:` or `@`"));
        check("a\nb", Some("name `a\\nb` is not allowed: it contains control characters"));
        check("", Some("name `` is not allowed: it is empty"));
        check("..", Some("name `..` is not allowed: it is only dots"));
        check(
            &"x".repeat(41),
            Some(&format!("name `{}` is not allowed: it is longer than 40 characters", "x".repeat(41))),
        );
    }

    #[test]
    fn a_corrupt_index_is_reported_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        std::fs::write(dir.path().join("index.json"), "{ not json").unwrap();
        let err = r.submit(submission("rusher", "ada", b"one")).unwrap_err();
        assert!(matches!(err, RegistryError::CorruptIndex { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(dir.path().join("index.json")).unwrap(), "{ not json");
    }

    #[test]
    fn entrants_with_the_same_wasm_keep_their_own_validation_replays() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        let mut a = submission("alpha", "ada", b"same");
        a.validation_replay = Some(b"alpha's match");
        let mut b = submission("beta", "bob", b"same");
        b.validation_replay = Some(b"beta's match");
        let (va, vb) = (r.submit(a).unwrap(), r.submit(b).unwrap());
        assert_eq!(va.sha256, vb.sha256);
        assert_eq!(va.wasm, vb.wasm, "the wasm itself is stored once");
        let replay = |v: &Version| std::fs::read(r.path_of(v.validation_replay.as_ref().unwrap())).unwrap();
        assert_eq!(replay(&va), b"alpha's match");
        assert_eq!(replay(&vb), b"beta's match");
    }

    #[test]
    fn an_index_naming_a_file_outside_the_registry_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        r.submit(submission("rusher", "ada", b"one")).unwrap();
        let good = std::fs::read_to_string(dir.path().join("index.json")).unwrap();
        let wasm = r.index().unwrap().entrants[0].versions[0].wasm.clone();
        for evil in ["../../etc/passwd", "/etc/passwd", "wasm/../index.json", "wasm/sub/x.wasm", "avatars/x.png"] {
            std::fs::write(dir.path().join("index.json"), good.replace(&wasm, evil)).unwrap();
            let err = r.index().unwrap_err().to_string();
            assert!(err.contains("is not a file of the registry's wasm/ folder"), "{evil}: {err}");
        }
    }

    #[test]
    fn a_lost_or_damaged_index_is_rebuilt_from_the_records() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        r.submit(submission("rusher", "ada", b"one")).unwrap();
        r.submit(submission("김철수의 봇", "kim", b"two")).unwrap();
        r.submit(submission("rusher", "ada", b"three")).unwrap();
        let before = r.index().unwrap();

        std::fs::remove_file(dir.path().join("index.json")).unwrap();
        let rebuilt = r.rebuild_index().unwrap();
        assert_eq!((rebuilt.entrants, rebuilt.versions, rebuilt.problems.len()), (2, 3, 0), "{rebuilt:?}");
        let mut after = r.index().unwrap();
        // Same second: the rebuilt order falls back to names.
        after.entrants.sort_by(|a, b| a.name.cmp(&b.name));
        let mut expected = before.clone();
        expected.entrants.sort_by(|a, b| a.name.cmp(&b.name));
        assert_eq!(after, expected);

        std::fs::write(dir.path().join("index.json"), "{ \"format\": 1, \"entr").unwrap();
        assert!(r.index().unwrap_err().to_string().contains("arena registry rebuild"));
        let rebuilt = r.rebuild_index().unwrap();
        let aside = rebuilt.damaged_index.clone().unwrap();
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "{ \"format\": 1, \"entr", "the damaged index is kept");
        assert!(rebuilt.problems[0].contains("the index was damaged"), "{rebuilt:?}");
        assert_eq!(r.index().unwrap().entrants.len(), 2);
    }

    #[test]
    fn records_that_do_not_match_their_files_are_left_out_and_said() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        let mut with_avatar = submission("zoner", "bob", b"two");
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10".to_vec();
        png.extend_from_slice(&[8, 6, 0, 0, 0]);
        with_avatar.avatar_png = Some(&png);
        let rusher = r.submit(submission("rusher", "ada", b"one")).unwrap();
        let zoner = r.submit(with_avatar).unwrap();
        // rusher's wasm replaced by other bytes; zoner's avatar lost.
        std::fs::write(r.path_of(&rusher.wasm), b"tampered").unwrap();
        std::fs::remove_file(r.path_of(zoner.avatar.as_ref().unwrap())).unwrap();
        std::fs::write(dir.path().join("records/0000000000000000-1.json"), b"{ not a record").unwrap();
        std::fs::remove_file(dir.path().join("index.json")).unwrap();

        let rebuilt = r.rebuild_index().unwrap();
        let index = r.index().unwrap();
        assert_eq!(index.entrants.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["zoner"]);
        assert_eq!(index.latest("zoner").unwrap().avatar, None);
        let problems = rebuilt.problems.join("\n");
        for expected in ["does not have the hash and size the record says", "its avatar avatars/", "it is not a record"]
        {
            assert!(problems.contains(expected), "{expected}: {problems}");
        }
    }

    #[test]
    fn a_registry_without_records_gets_them_from_its_index() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        r.submit(submission("rusher", "ada", b"one")).unwrap();
        r.set_locked(true).unwrap();
        std::fs::remove_dir_all(dir.path().join("records")).unwrap();
        let before = r.index().unwrap();
        let rebuilt = r.rebuild_index().unwrap();
        assert_eq!(rebuilt.recorded, 1);
        assert_eq!(r.index().unwrap(), before, "the lock and every version survive");
        std::fs::remove_file(dir.path().join("index.json")).unwrap();
        assert_eq!(r.rebuild_index().unwrap().versions, 1);
    }

    #[test]
    fn readers_do_not_create_a_registry_where_a_path_was_mistyped() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("regsitry");
        assert!(Registry::open_existing(&missing).unwrap_err().to_string().starts_with("no registry at"));
        assert!(!missing.exists());
    }

    #[test]
    fn avatars_must_be_small_pngs() {
        let mut small = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x01\0\0\0\x01\0".to_vec();
        small.extend_from_slice(&[8, 6, 0, 0, 0]);
        assert!(check_avatar(&small).is_ok());
        let mut wide = small.clone();
        wide[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        assert!(check_avatar(&wide).unwrap_err().to_string().contains("20000×256 pixels"));
        assert_eq!(check_avatar(b"GIF89a").unwrap_err().to_string(), "the avatar is not a PNG file");
        let huge = vec![0u8; MAX_AVATAR_BYTES + 1];
        assert!(check_avatar(&huge).unwrap_err().to_string().contains("over the cap"));
    }

    #[test]
    fn a_locked_registry_refuses_submissions() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        r.set_locked(true).unwrap();
        assert!(matches!(r.submit(submission("rusher", "ada", b"one")), Err(RegistryError::Locked)));
    }

    #[test]
    fn concurrent_submissions_all_land_once() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        std::thread::scope(|s| {
            for i in 0..8 {
                let r = r.clone();
                s.spawn(move || {
                    let wasm = format!("bot {i}");
                    r.submit(submission("crowd", "ada", wasm.as_bytes())).unwrap();
                });
            }
        });
        let index = r.index().unwrap();
        let versions: Vec<u32> = index.entrant("crowd").unwrap().versions.iter().map(|v| v.version).collect();
        assert_eq!(versions, (1..=8).collect::<Vec<_>>());
    }
}
