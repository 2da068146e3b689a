//! Reading a file whole, with a bound: only regular files, never more than a stated number of
//! bytes. `/dev/zero`, `/dev/urandom`, a named pipe or a link to one would otherwise be read until
//! memory runs out, or block forever; a file whose size changes while it is read cannot slip past
//! the limit either, because the read itself stops at the limit.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// A file as messages and dialogs name it: its file name, or the whole path if it has none
/// (such as `/`).
pub fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A size in MiB for messages, e.g. "512 MiB" or "0.3 MiB": one unit everywhere (the docs use it too).
pub fn format_mib(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    let mib = bytes as f64 / MIB;
    if mib >= 10.0 || mib.fract() == 0.0 {
        format!("{} MiB", mib.round())
    } else {
        format!("{mib:.1} MiB")
    }
}

/// Why a bounded read refused a file (the error's kind is `InvalidInput` or `FileTooLarge`).
fn refused(kind: io::ErrorKind, message: String) -> io::Error {
    io::Error::new(kind, message)
}

/// Checks that `path` (after links) is a regular file of at most `limit` bytes, without opening it.
pub fn check_regular_file(path: &Path, limit: u64) -> io::Result<fs::Metadata> {
    let meta = fs::metadata(path)?;
    if meta.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory));
    }
    if !meta.is_file() {
        return Err(refused(
            io::ErrorKind::InvalidInput,
            "it is not a regular file (a device, a named pipe or a socket)".to_owned(),
        ));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    Ok(meta)
}

fn too_large(bytes: u64, limit: u64) -> io::Error {
    refused(
        io::ErrorKind::FileTooLarge,
        format!(
            "it is {}, more than the {} this can be",
            format_mib(bytes),
            format_mib(limit)
        ),
    )
}

/// Reads the regular file at `path` whole, refusing anything else and anything over `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let meta = check_regular_file(path, limit)?;
    let file = fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_pipes_and_folders_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        for path in [
            Path::new("/dev/zero"),
            Path::new("/dev/urandom"),
            dir.path(),
        ] {
            let error = read_bounded(path, 1 << 20).unwrap_err();
            assert!(
                matches!(
                    error.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::IsADirectory
                ),
                "{}: {error}",
                path.display()
            );
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("zero.txt");
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
            let error = read_bounded(&link, 1 << 20).unwrap_err();
            assert!(error.to_string().contains("not a regular file"), "{error}");
            // A named pipe with no writer would block an open() forever.
            let fifo = dir.path().join("pipe");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let error = read_bounded(&fifo, 1 << 20).unwrap_err();
                assert!(error.to_string().contains("named pipe"), "{error}");
            }
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_at_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        fs::write(&path, vec![b'x'; 2048]).unwrap();
        assert_eq!(read_bounded(&path, 2048).unwrap().len(), 2048);
        let error = read_bounded(&path, 2047).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn sizes_are_said_in_mib() {
        assert_eq!(format_mib(512 * 1024 * 1024), "512 MiB");
        assert_eq!(format_mib(64 * 1024 * 1024), "64 MiB");
        assert_eq!(format_mib(786 * 1024 * 1024 + 5), "786 MiB");
        assert_eq!(format_mib(300 * 1024), "0.3 MiB");
    }
}
