//! The `.qdpx` zip archive: opening it with limits, finding a source's file by the path
//! `project.qde` gives for it, and reading entries without trusting the sizes the archive claims.
//!
//! Paths are matched without regard to case (NVivo writes `Sources/`, the standard `sources/`),
//! and only inside the archive: a path that is absolute, climbs out with `..`, or names another
//! scheme (`relative://`, `absolute://`, `file://`) is not followed, and the caller says which
//! source was skipped for it.

use super::{MAX_ENTRIES, MAX_TOTAL_BYTES, QdpxError};
use std::collections::HashMap;
use std::io::{Read, Seek};

/// An open archive and the bytes read from it so far (against [`MAX_TOTAL_BYTES`]).
pub struct Archive<R: Read + Seek> {
    zip: zip::ZipArchive<R>,
    /// Lower-case entry name → index.
    by_name: HashMap<String, usize>,
    read_so_far: u64,
}

/// Where a source's file is, as far as the archive is concerned.
#[derive(Debug, PartialEq, Eq)]
pub enum Located {
    /// The entry's index.
    Entry(usize),
    /// Not in the archive; the reason, for the report.
    Outside(String),
}

impl<R: Read + Seek> Archive<R> {
    pub fn open(reader: R) -> Result<Self, QdpxError> {
        let zip = zip::ZipArchive::new(reader).map_err(|e| QdpxError::NotAZip(e.to_string()))?;
        if zip.len() > MAX_ENTRIES {
            return Err(QdpxError::TooManyEntries { count: zip.len() });
        }
        // The first of several entries whose names differ only in case wins.
        let mut indexed = HashMap::with_capacity(zip.len());
        for i in 0..zip.len() {
            if let Some(Ok(name)) = zip.name_for_index(i) {
                indexed.entry(name.to_lowercase()).or_insert(i);
            }
        }
        Ok(Self {
            zip,
            by_name: indexed,
            read_so_far: 0,
        })
    }

    /// The entry called `name` (ignoring case), if there is one.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&name.to_lowercase()).copied()
    }

    /// Reads entry `index` whole, refusing more than `limit` bytes, or more than is left of
    /// [`MAX_TOTAL_BYTES`] for the whole archive.
    pub fn read(&mut self, index: usize, limit: u64) -> Result<Vec<u8>, QdpxError> {
        let left = MAX_TOTAL_BYTES.saturating_sub(self.read_so_far);
        let (limit, total) = if limit <= left {
            (limit, false)
        } else {
            (left, true)
        };
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| QdpxError::NotAZip(e.to_string()))?;
        let name = entry
            .name()
            .map_or_else(|_| format!("entry {index}"), |n| n.into_owned());
        let mut bytes = Vec::new();
        // Read one byte past the limit, whatever the archive claims the size is.
        entry
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| QdpxError::NotAZip(format!("{name}: {e}")))?;
        if bytes.len() as u64 > limit {
            return Err(if total {
                QdpxError::TooLarge {
                    entry: "its files together".to_owned(),
                    limit: MAX_TOTAL_BYTES,
                }
            } else {
                QdpxError::TooLarge { entry: name, limit }
            });
        }
        self.read_so_far += bytes.len() as u64;
        Ok(bytes)
    }

    /// Finds the file a source's path names: `internal://NAME` in `sources/`; a bare relative
    /// path (QualCoder writes `board_2017.txt`) in `sources/` or at the top of the archive.
    pub fn locate(&self, path: &str) -> Located {
        let path = path.trim();
        let (scheme, rest) = match path.split_once("://") {
            Some((scheme, rest)) => (Some(scheme.to_ascii_lowercase()), rest),
            None => (None, path),
        };
        match scheme.as_deref() {
            None | Some("internal") => {}
            Some(other) => {
                return Located::Outside(format!(
                    "its text is outside the archive ({other}://…), and Continuum reads only \
                     what the .qdpx file holds"
                ));
            }
        }
        let rest = rest.replace('\\', "/");
        let leaves = rest.starts_with('/')
            || rest.split('/').any(|part| part == "..")
            || rest.as_bytes().get(1) == Some(&b':');
        if leaves {
            return Located::Outside(format!(
                "its path “{path}” leads out of the archive; refused"
            ));
        }
        let candidates = [format!("sources/{rest}"), rest.clone()];
        match candidates.iter().find_map(|c| self.find(c)) {
            Some(index) => Located::Entry(index),
            None => Located::Outside(format!("its file “{path}” is not in the archive")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn archive(entries: &[(&str, &[u8])]) -> Archive<Cursor<Vec<u8>>> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
        Archive::open(Cursor::new(writer.finish().unwrap().into_inner())).unwrap()
    }

    #[test]
    fn paths_are_found_without_regard_to_case_and_never_outside() {
        let a = archive(&[("Sources/ABC.txt", b"x"), ("top.txt", b"y")]);
        assert_eq!(a.locate("internal://abc.TXT"), Located::Entry(0));
        assert_eq!(a.locate("abc.txt"), Located::Entry(0));
        assert_eq!(a.locate("top.txt"), Located::Entry(1));
        for outside in [
            "absolute:///C:/PROJECT/a.txt",
            "relative:///AR/John.txt",
            "internal://../../etc/passwd",
            "/etc/passwd",
            "C:\\data\\a.txt",
            "internal://missing.txt",
        ] {
            assert!(
                matches!(a.locate(outside), Located::Outside(_)),
                "{outside}"
            );
        }
    }

    #[test]
    fn entries_are_read_only_to_their_limit() {
        let mut a = archive(&[("big.txt", &[b'a'; 5000])]);
        assert_eq!(
            a.read(0, 4999),
            Err(QdpxError::TooLarge {
                entry: "big.txt".to_owned(),
                limit: 4999
            })
        );
        assert_eq!(a.read(0, 5000).unwrap().len(), 5000);
    }
}
