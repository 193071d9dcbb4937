//! Reading a file that nobody vouches for: every file foamroll reads (routine files,
//! `config.yaml`, history imports) comes through [`read_limited`].
//!
//! The file is opened without blocking (a FIFO would otherwise wait for a writer
//! forever), checked to be a regular file on the open handle (a symlink to a regular
//! file is fine; a FIFO, a device or a directory is not), and read through a reader
//! that stops one byte past the limit, so `/dev/zero` or a file that grows while it is
//! read can never fill the memory.

use std::fmt;
use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Why a file could not be read. Its `Display` is a phrase that follows the path:
/// `PATH: is a FIFO`, `PATH: larger than 1 MiB`.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file; the phrase says what it is.
    NotRegular(&'static str),
    /// Larger than the limit (in bytes).
    TooLarge(u64),
    Io(io::Error),
}

impl ReadError {
    /// True when the file (or a folder on its path) does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular(what) => f.write_str(what),
            ReadError::TooLarge(limit) => write!(f, "larger than {}", size_words(*limit)),
            ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound => {
                f.write_str("does not exist")
            }
            ReadError::Io(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                f.write_str("cannot be read: permission denied")
            }
            ReadError::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// "1 MiB", "256 MiB", "4 KiB", "100 bytes".
pub fn size_words(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// What a file type is, in words, when it is not a regular file.
pub fn kind_words(t: FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("is a directory");
    }
    if t.is_symlink() {
        return Some("is a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("is a FIFO");
        }
        if t.is_socket() {
            return Some("is a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("is a device");
        }
    }
    Some("is not a regular file")
}

fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Whether opening failed because a symbolic link loops back on itself (Unix says so
/// with ELOOP; elsewhere the error cannot tell, and this is false).
pub fn is_symlink_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Reads a regular file of at most `limit` bytes. Symlinks are followed.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_nonblocking(path).map_err(|e| {
        // Opening a directory for reading works on Linux but not everywhere.
        match std::fs::metadata(path)
            .ok()
            .and_then(|m| kind_words(m.file_type()))
        {
            Some(what) => ReadError::NotRegular(what),
            None => ReadError::Io(e),
        }
    })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(what) = kind_words(meta.file_type()) {
        return Err(ReadError::NotRegular(what));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let mut buf = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(1 << 20));
    // One byte past the limit tells a file that grew after the check from one that fits.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(ReadError::Io)?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_small_regular_file_and_refuses_a_large_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, b"0123456789").unwrap();
        assert_eq!(read_limited(&p, 10).unwrap(), b"0123456789");
        let e = read_limited(&p, 9).unwrap_err();
        assert_eq!(e.to_string(), "larger than 9 bytes");
    }

    #[test]
    fn a_directory_and_a_missing_file_are_named() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_limited(dir.path(), 10).unwrap_err().to_string(),
            "is a directory"
        );
        let e = read_limited(&dir.path().join("nope"), 10).unwrap_err();
        assert!(e.is_not_found());
        assert_eq!(e.to_string(), "does not exist");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("fifo.yaml");
        let status = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(read_limited(&p, 10).unwrap_err().to_string(), "is a FIFO");
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_is_cut_at_the_limit() {
        let e = read_limited(Path::new("/dev/zero"), 1024).unwrap_err();
        assert_eq!(e.to_string(), "is a device");
    }

    #[test]
    fn sizes_read_as_words() {
        assert_eq!(size_words(1024 * 1024), "1 MiB");
        assert_eq!(size_words(256 * 1024 * 1024), "256 MiB");
        assert_eq!(size_words(4096), "4 KiB");
        assert_eq!(size_words(100), "100 bytes");
    }
}
