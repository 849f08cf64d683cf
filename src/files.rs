//! Finding report files: the folders given are walked once each (a symlink loop or a second link to
//! one file is seen once), only regular files of a report's size are read, and every file gets a
//! lossless name that does not depend on the working folder.
//!
//! A file's name (its `source_path`) is its path from the folder that was loaded, that folder's
//! own name first: `corpus/a.txt` whether `corpus`, `./corpus`, `/data/corpus` or
//! `corpus/a.txt` was given, from any working folder. Its location is its full canonical path;
//! the warehouse keeps both, so that a name already held by another file that still exists is
//! never taken over (the newcomer is then named by its location).

use crate::error::{Reason, Refusal};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file read, in bytes: a township report is tens of kilobytes, a compilation of a
/// county's reports a few megabytes. Anything larger is not a report and is refused unread.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

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

/// Whether a file (by its followed metadata) is one gwr reads: a regular file, not too large.
pub fn check_readable(meta: &std::fs::Metadata) -> Result<(), Refusal> {
    if !meta.is_file() {
        return Err(Refusal::new(
            Reason::NotAFile,
            "this is not a regular file (a pipe, a device or a socket): only regular files are read",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    Ok(())
}

fn too_large(bytes: u64) -> Refusal {
    Refusal::new(
        Reason::TooLarge,
        format!(
            "the file has {:.1} MiB, more than the {} MiB a report file can have; it was not read \
             (split a compilation into smaller files)",
            bytes as f64 / (1u64 << 20) as f64,
            MAX_FILE_BYTES >> 20
        ),
    )
}

/// Reads a file whole, if it is a regular file of at most [`MAX_FILE_BYTES`]: the kind and size
/// are checked before reading, and the read stops past the limit should the file grow meanwhile.
pub fn read(path: &Path) -> Result<Vec<u8>, Refusal> {
    let unreadable = |e: std::io::Error| Refusal::new(Reason::Unreadable, format!("the file cannot be read: {e}"));
    // Checked before opening: opening a pipe would wait for a writer.
    check_readable(&std::fs::metadata(path).map_err(unreadable)?)?;
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    check_readable(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Asks the system to bring files into its page cache before they are read: the advice starts
/// the disk's reads and returns at once, so that files read one after another by threads that
/// work on each in between come off the disk while the threads work instead of holding each of
/// them in turn. Files already cached cost an open and a close. Linux only; elsewhere nothing.
pub fn read_ahead(files: &[FileToRead]) {
    #[cfg(target_os = "linux")]
    for f in files {
        use std::os::{fd::AsRawFd, unix::fs::OpenOptionsExt};
        // Opened without waiting: a file replaced by a pipe since the walk would otherwise hold the
        // thread until something wrote to it (`read` refuses it later, with its reason).
        if let Ok(file) = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(&f.path) {
            // SAFETY: the descriptor is open for the call, and the advice touches no memory of ours.
            unsafe {
                libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = files;
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

/// A path as text, without loss: bytes that are not UTF-8 are written `\xNN` and a backslash
/// `\\`, so two different names never give one text. Separators are `/`.
#[cfg(unix)]
pub fn lossless(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// A path as text (Windows names are UTF-16 and always convert); separators are `/`.
#[cfg(not(unix))]
pub fn lossless(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The path a [`lossless`] text names.
#[cfg(unix)]
pub fn unescape(text: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        match (b, tail) {
            (b'\\', [b'\\', more @ ..]) => {
                bytes.push(b'\\');
                rest = more;
            }
            (b'\\', [b'x', h, l, more @ ..]) if hex(*h).is_some() && hex(*l).is_some() => {
                bytes.push(hex(*h).unwrap_or(0) * 16 + hex(*l).unwrap_or(0));
                rest = more;
            }
            _ => {
                bytes.push(b);
                rest = tail;
            }
        }
    }
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
pub fn unescape(text: &str) -> PathBuf {
    PathBuf::from(text)
}

#[cfg(unix)]
fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    /// How many of a file's pages are in the page cache (mincore over a mapping of it).
    #[cfg(target_os = "linux")]
    fn cached_pages(path: &Path) -> usize {
        use std::os::fd::AsRawFd;
        let file = std::fs::File::open(path).expect("open");
        let len = file.metadata().expect("metadata").len() as usize;
        let page = page_size();
        let mut resident = vec![0u8; len.div_ceil(page)];
        // SAFETY: a read-only shared mapping of an open file of `len` bytes, unmapped before return;
        // mincore writes one byte per page into a vector of that many bytes.
        unsafe {
            let map = libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_SHARED, file.as_raw_fd(), 0);
            assert_ne!(map, libc::MAP_FAILED, "mmap");
            assert_eq!(libc::mincore(map, len, resident.as_mut_ptr().cast()), 0, "mincore");
            libc::munmap(map, len);
        }
        resident.iter().filter(|&&b| b & 1 == 1).count()
    }

    #[cfg(target_os = "linux")]
    fn page_size() -> usize {
        // SAFETY: sysconf reads a constant of the system.
        usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).expect("page size")
    }

    /// Files read ahead are brought into the page cache: a file written, synced and dropped from
    /// the cache is back in it after `read_ahead` (which returns before the disk has read it), and
    /// a file gone since the walk is passed over.
    #[cfg(target_os = "linux")]
    #[test]
    fn files_read_ahead_come_into_the_page_cache() {
        use std::os::fd::AsRawFd;
        // On disk under the build's folder: a temporary folder may be in memory, where nothing
        // leaves the cache.
        let tmp = tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).expect("temp dir");
        let path = tmp.path().join("a.txt");
        std::fs::write(&path, "各位代表:".repeat(100_000)).expect("write");
        let file = std::fs::File::open(&path).expect("open");
        file.sync_all().expect("sync");
        // SAFETY: the descriptor is open for the call.
        unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        let pages = (std::fs::metadata(&path).expect("size").len() as usize).div_ceil(page_size());
        if cached_pages(&path) == pages {
            eprintln!("skipped: this file system keeps the file in memory, the cache cannot be watched");
            return;
        }
        let files = [
            FileToRead { path: tmp.path().join("gone.txt"), name: "gone.txt".into(), location: String::new(), size: 1 },
            FileToRead { path: path.clone(), name: "a.txt".into(), location: String::new(), size: 1 },
        ];
        read_ahead(&files);
        let waited = std::time::Instant::now();
        while cached_pages(&path) < pages && waited.elapsed() < std::time::Duration::from_secs(5) {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(cached_pages(&path), pages, "pages in the cache after reading ahead");
    }

    /// A file that became a pipe after the walk holds nothing up: reading it ahead returns at once
    /// (a plain open would wait for a writer).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_read_ahead_does_not_wait() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let pipe = tmp.path().join("pipe.txt");
        let c_path = std::ffi::CString::new(pipe.as_os_str().as_bytes()).expect("path");
        // SAFETY: a NUL-terminated path and a mode.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
        let files = [FileToRead { path: pipe, name: "pipe.txt".into(), location: String::new(), size: 0 }];
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            read_ahead(&files);
            let _ = done.send(());
        });
        assert!(finished.recv_timeout(std::time::Duration::from_secs(5)).is_ok(), "read_ahead waited on a pipe");
    }

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

    #[test]
    fn names_that_are_not_utf8_stay_apart_and_come_back() {
        let names: [&[u8]; 5] = [b"r\xff.txt", b"r\xfe.txt", b"r\\xff.txt", b"r\\\xff.txt", "镇.txt".as_bytes()];
        let texts: Vec<String> = names.iter().map(|n| lossless(Path::new(std::ffi::OsStr::from_bytes(n)))).collect();
        assert_eq!(texts.iter().collect::<HashSet<_>>().len(), names.len(), "{texts:?}");
        assert_eq!(texts[0], "r\\xff.txt");
        assert_eq!(texts[4], "镇.txt");
        for (n, t) in names.iter().zip(&texts) {
            assert_eq!(unescape(t).as_os_str().as_bytes(), *n);
        }
    }
}
