//! Reading a found file: only a regular file of a report's size is read, whole; and the files a
//! load will read next are asked of the disk ahead.

use super::FileToRead;
use crate::error::{Reason, Refusal};
use std::io::Read;
use std::path::Path;

/// The largest file read, in bytes: a township report is tens of kilobytes, a compilation of a
/// county's reports a few megabytes. Anything larger is not a report and is refused unread.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

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

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    /// How many of a file's pages are in the page cache (mincore over a mapping of it).
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

    fn page_size() -> usize {
        // SAFETY: sysconf reads a constant of the system.
        usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).expect("page size")
    }

    /// Files read ahead are brought into the page cache: a file written, synced and dropped from
    /// the cache is back in it after `read_ahead` (which returns before the disk has read it), and
    /// a file gone since the walk is passed over.
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
}
