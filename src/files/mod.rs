//! Finding report files: the folders given are walked once each (a symlink loop or a second link to
//! one file is seen once), only regular files of a report's size are read, and every file gets a
//! lossless name that does not depend on the working folder.
//!
//! A file's name (its `source_path`) is its path from the folder that was loaded, that folder's
//! own name first: `corpus/a.txt` whether `corpus`, `./corpus`, `/data/corpus` or
//! `corpus/a.txt` was given, from any working folder. Its location is its full canonical path;
//! the warehouse keeps both, so that a name already held by another file that still exists is
//! never taken over (the newcomer is then named by its location).

mod budget;
mod names;
mod reading;

pub use budget::{Budget, Share};
pub use names::{lossless, unescape};
pub use reading::{check_readable, read, read_ahead, MAX_FILE_BYTES};

use crate::error::{Reason, Refusal};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// File endings picked up inside folders.
const EXTENSIONS: [&str; 3] = ["txt", "htm", "html"];

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileToRead {
    /// The path to open.
    pub path: PathBuf,
    /// Its name from the loaded folder (the folder's own name first), losslessly escaped.
    pub name: String,
    /// Its canonical full path, losslessly escaped.
    pub location: String,
    /// Its size in bytes when it was found (batches are sized by it; the file is checked again
    /// when it is read).
    pub size: u64,
}

/// A file or folder met on the way that is not read, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub name: String,
    pub refusal: Refusal,
}

/// What a walk found: files to read, sorted by name, each once, and what it could not read.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<FileToRead>,
    pub skipped: Vec<Skipped>,
    /// The canonical locations of the folders given (for pruning files gone from them).
    pub folders: Vec<String>,
}

/// Walks the given files and folders. Nothing here fails: what cannot be read is `skipped`.
pub fn walk(roots: &[PathBuf]) -> Walk {
    let mut w = Walker::default();
    for root in roots {
        let canonical = match std::fs::canonicalize(root) {
            Ok(c) => c,
            Err(e) => {
                let refusal = Refusal::new(Reason::Unreadable, format!("cannot be opened: {e}"));
                w.out.skipped.push(Skipped { name: lossless(root), refusal });
                continue;
            }
        };
        let base = canonical.file_name().map(PathBuf::from).unwrap_or_default();
        if canonical.is_dir() {
            w.out.folders.push(lossless(&canonical));
            w.folder(&canonical, &base);
        } else {
            let parent = canonical.parent().and_then(Path::file_name).map(PathBuf::from).unwrap_or_default();
            w.file(&canonical, &parent.join(&base), Given::Canonical);
        }
    }
    let mut out = w.out;
    out.files.sort_by(|a, b| a.name.cmp(&b.name));
    out.files.dedup_by(|a, b| a.location == b.location);
    out.skipped.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

#[derive(Default)]
struct Walker {
    out: Walk,
    /// Folders and files already met, by (device, inode): each is walked or read once.
    seen: HashSet<(u64, u64)>,
}

/// How a candidate file came to the walk: named on the command line (its path made canonical by
/// the walk), or met in a folder, where its path is canonical unless it is a symbolic link.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Given {
    Canonical,
    InFolder { link: bool },
}

impl Walker {
    /// Walks a folder whose path is canonical: an entry that is no symbolic link has a canonical
    /// path too (the folder's and its name), so only links are resolved, one call each, instead of
    /// every file's path component by component.
    fn folder(&mut self, dir: &Path, name: &Path) {
        let Ok(meta) = std::fs::metadata(dir) else { return };
        if !self.seen.insert(file_id(&meta)) {
            return; // a loop, or a second link to a folder already walked
        }
        let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = match std::fs::read_dir(dir) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok()))).collect(),
            Err(e) => {
                let refusal = Refusal::new(Reason::UnreadableFolder, format!("the folder cannot be read: {e}"));
                self.out.skipped.push(Skipped { name: lossless(name), refusal });
                return;
            }
        };
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, kind) in entries {
            let Some(file_name) = path.file_name() else { continue };
            let child = name.join(file_name);
            // A link, or an entry whose kind the folder does not tell, is followed to see what it is.
            let plain = kind.filter(|k| !k.is_symlink());
            let is_dir = match plain {
                Some(k) => k.is_dir(),
                None => std::fs::metadata(&path).is_ok_and(|m| m.is_dir()),
            };
            if is_dir {
                match plain {
                    Some(_) => self.folder(&path, &child),
                    None => {
                        if let Ok(target) = std::fs::canonicalize(&path) {
                            self.folder(&target, &child);
                        }
                    }
                }
            } else if has_report_extension(&path) {
                self.file(&path, &child, Given::InFolder { link: plain.is_none() });
            }
        }
    }

    /// A candidate file: read only when it is a regular file of a report's size. Files named on
    /// the command line are read whatever their ending.
    fn file(&mut self, path: &Path, name: &Path, given: Given) {
        let name = lossless(name);
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                // A dangling link inside a folder is not a file; one named on the command line is.
                if given == Given::Canonical || std::fs::symlink_metadata(path).is_err() {
                    let refusal = Refusal::new(Reason::Unreadable, format!("the file cannot be read: {e}"));
                    self.out.skipped.push(Skipped { name, refusal });
                }
                return;
            }
        };
        if let Err(refusal) = check_readable(&meta) {
            self.out.skipped.push(Skipped { name, refusal });
            return;
        }
        if !self.seen.insert(file_id(&meta)) {
            return;
        }
        let location = match given {
            Given::InFolder { link: true } => {
                std::fs::canonicalize(path).map_or_else(|_| lossless(path), |c| lossless(&c))
            }
            Given::Canonical | Given::InFolder { link: false } => lossless(path),
        };
        self.out.files.push(FileToRead { path: path.to_path_buf(), name, location, size: meta.len() });
    }
}

fn has_report_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Settles each found file's name against the files stored earlier (`stored`: name → location,
/// unknown for files stored before locations were kept). A file keeps the name stored for its
/// location; otherwise it takes its name from the loaded folder, unless that name belongs to
/// another file that still exists (or to another file of this run): then its location is its name.
pub fn settle_names(files: &mut [FileToRead], stored: &std::collections::HashMap<String, Option<String>>) {
    let by_location: std::collections::HashMap<&str, &str> =
        stored.iter().filter_map(|(name, loc)| Some((loc.as_deref()?, name.as_str()))).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut open = Vec::new();
    for (i, f) in files.iter_mut().enumerate() {
        match by_location.get(f.location.as_str()) {
            Some(name) => {
                f.name = (*name).to_string();
                taken.insert(f.name.clone());
            }
            None => open.push(i),
        }
    }
    for i in open {
        let f = &mut files[i];
        let held_elsewhere = match stored.get(&f.name) {
            Some(Some(loc)) => *loc != f.location && unescape(loc).exists(),
            _ => false,
        };
        if held_elsewhere || taken.contains(&f.name) {
            f.name = f.location.clone();
        }
        taken.insert(f.name.clone());
    }
}

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(meta: &std::fs::Metadata) -> (u64, u64) {
    // No inode: loops are cut by the canonical path instead (the walk dedups by location).
    (meta.len(), meta.modified().ok().and_then(|t| t.elapsed().ok()).map_or(0, |d| d.as_nanos() as u64))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// Every file's location is its canonical path, whether it is reached through a plain folder,
    /// a link to a file, a link to a folder or a link to a link; names keep the way they were
    /// reached.
    #[test]
    fn locations_are_canonical_through_links() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().expect("temp dir");
        let (root, elsewhere) = (tmp.path().join("corpus"), tmp.path().join("elsewhere"));
        std::fs::create_dir_all(root.join("plain")).expect("folder");
        std::fs::create_dir_all(elsewhere.join("deep")).expect("folder");
        std::fs::write(root.join("plain/a.txt"), "a").expect("write");
        std::fs::write(elsewhere.join("b.txt"), "bb").expect("write");
        std::fs::write(elsewhere.join("deep/c.txt"), "ccc").expect("write");
        symlink(elsewhere.join("b.txt"), root.join("b.txt")).expect("link to a file");
        symlink(elsewhere.join("deep"), root.join("linked")).expect("link to a folder");
        symlink(root.join("b.txt"), elsewhere.join("deep/d.txt")).expect("link to a link");
        let walk = walk(std::slice::from_ref(&root));
        let found: Vec<(&str, &str, u64)> =
            walk.files.iter().map(|f| (f.name.as_str(), f.location.as_str(), f.size)).collect();
        let canonical = |p: PathBuf| lossless(&std::fs::canonicalize(p).expect("canonical"));
        let (b, c, a) = (
            canonical(elsewhere.join("b.txt")),
            canonical(elsewhere.join("deep/c.txt")),
            canonical(root.join("plain/a.txt")),
        );
        // d.txt is b.txt again (the same file), so it is read once, under the first name.
        assert_eq!(
            found,
            vec![
                ("corpus/b.txt", b.as_str(), 2),
                ("corpus/linked/c.txt", c.as_str(), 3),
                ("corpus/plain/a.txt", a.as_str(), 1)
            ]
        );
        let given = super::walk(&[root.join("linked/c.txt")]);
        assert_eq!(given.files[0].location, c);
        assert_eq!(given.files[0].name, "deep/c.txt");
    }
}
