//! # arena-atomic: files others read, replaced whole
//!
//! Every file Arena writes for someone else to read (the registry's index
//! and records, compiled bots in the cache, `state.json`, `results.json`,
//! replays) goes through [`write`]: the bytes go to a temporary file in the
//! same folder, which is then renamed over the old one, so a reader sees
//! the old file or the new one, never half of one.
//!
//! [`Durability::Synced`] also waits for the disk: the file is synced
//! before the rename and its folder after, so after a power cut the file
//! is the old one or the new one. [`Durability::Replaced`] skips the
//! syncs, for files that are checked when read and can be made again.
//!
//! Temporary files are named `.NAME.tmp-XXXXXX`; [`is_temporary`] tells
//! them apart, so that a writer holding a lock can remove the ones a
//! killed writer left.

use std::io::Write;
use std::path::Path;

/// How long a write waits for the disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// Synced: after a crash or a power cut the file is the old one or the
    /// new one.
    Synced,
    /// Renamed into place but not synced: a reader never sees half a file,
    /// but after a power cut the file may be empty.
    Replaced,
}

/// Writes `bytes` to `path` whole (see the crate docs), creating its folder
/// if needed.
pub fn write(path: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    write_parts(path, &[bytes], durability)
}

/// [`write`] of several pieces one after the other (a header and a large
/// body, without copying them together).
pub fn write_parts(path: &Path, parts: &[&[u8]], durability: Durability) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let mut tmp = tempfile::Builder::new().prefix(&format!(".{name}.tmp-")).tempfile_in(dir)?;
    for part in parts {
        tmp.write_all(part)?;
    }
    if durability == Durability::Synced {
        tmp.as_file().sync_all()?;
    }
    // On failure the temporary file is removed when `tmp` drops.
    tmp.persist(path).map_err(|e| e.error)?;
    if durability == Durability::Synced
        && let Ok(d) = std::fs::File::open(dir)
    {
        // Makes the rename itself durable; not every system can sync a
        // folder, and the file is already whole, so a failure is not one.
        let _ = d.sync_all();
    }
    Ok(())
}

/// Whether `file_name` is one of [`write`]'s temporary files.
pub fn is_temporary(file_name: &str) -> bool {
    file_name.starts_with('.') && file_name.contains(".tmp-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("state.json");
        for (bytes, durability) in [(&b"old"[..], Durability::Synced), (b"new, longer", Durability::Replaced)] {
            write(&path, bytes, durability).unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
        }
        let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["state.json"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: the rename fails.
        let path = dir.path().join("taken");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), b"kept").unwrap();
        assert!(write(&path, b"new", Durability::Synced).is_err());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["taken"]);
        assert_eq!(std::fs::read(path.join("inside")).unwrap(), b"kept");
    }

    #[test]
    fn temporary_names_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let mut tmp = tempfile::Builder::new().prefix(".index.json.tmp-").tempfile_in(dir.path()).unwrap();
        tmp.write_all(b"x").unwrap();
        let name = tmp.path().file_name().unwrap().to_str().unwrap().to_owned();
        assert!(is_temporary(&name), "{name}");
        assert!(!is_temporary("index.json"));
        assert!(!is_temporary(".lock"));
    }
}
