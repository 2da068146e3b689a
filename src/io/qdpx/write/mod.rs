//! Export: a project as a `.qdpx` archive that other tools read, and that Continuum reads back
//! exactly.
//!
//! `project.qde` carries what other tools can show: transcripts as text sources (with the
//! speakers' names at the start of their turns, as a transcript is usually written), cases and
//! participants (with their role as the variable "Role"), excerpts as selections, codes in the
//! codebook, memos as notes, and the continuum itself: a code group "Continuum" with a code per
//! anchor, each placement as a coding by its annotator with the nearest anchor's code, and each
//! annotator's map as a graph. What REFI-QDA has no element for (exact positions, times of
//! turns, the blind flag, the consensus layer, view settings) travels in `continuum/`, which the
//! schema does not cover and other tools ignore: the project file itself, and the digest of the
//! `project.qde` written with it, so a file edited by another tool is read from its
//! `project.qde` rather than from a copy that no longer matches.
//!
//! The bytes depend only on the project: entries in a fixed order with a fixed date, GUIDs from
//! [`GuidSpace`], every list in id order.
//!
//! This module writes the archive and names the GUIDs more than one part uses; `project.qde` is
//! put together in [`qde`] from [`codebook`], [`cases`], [`sources`] and [`graphs`], with the
//! text of each transcript from [`text`] and the XML escaping in [`markup`].

mod cases;
mod codebook;
mod graphs;
mod markup;
mod qde;
mod sources;
#[cfg(test)]
mod tests;
mod text;

use super::QdpxError;
use super::guid::{GuidSpace, fnv128};
use super::read::{COPY_ENTRY, DIGEST_ENTRY};
use crate::model::{Annotator, Project, TranscriptId};
use qde::project_qde;
use std::io::Write as _;
use std::path::Path;
use text::exported_text;

/// The largest file REFI-QDA allows inside an archive (2^31 − 1 bytes).
const MAX_INTERNAL_FILE: usize = 2_147_483_647;

const README: &str = "This folder is Continuum's own: project.continuum is the project exactly as \
Continuum keeps it (see docs/refi-qda.md), and project.qde.fnv128 the digest of the project.qde \
written with it. Other programs may ignore it; Continuum reads it only while project.qde is \
unchanged.\n";

/// Writes `project` as a `.qdpx` file at `path`, atomically: the file is the whole export or
/// what it was before.
pub fn write_qdpx(project: &Project, path: &Path) -> Result<(), QdpxError> {
    let bytes = qdpx_bytes(project)?;
    crate::io::write_atomically(path, &bytes).map_err(|e| QdpxError::Write(e.to_string()))
}

/// The bytes of the `.qdpx` file for `project`.
pub fn qdpx_bytes(project: &Project) -> Result<Vec<u8>, QdpxError> {
    let space = GuidSpace::for_project(&project.title);
    let mut sources = Vec::with_capacity(project.transcripts.len());
    for transcript in &project.transcripts {
        let (text, inserts) = exported_text(transcript);
        if text.len() > MAX_INTERNAL_FILE {
            return Err(QdpxError::Write(format!(
                "the text of transcript “{}” is larger than the 2 GiB a REFI-QDA archive may hold \
                 in one file",
                transcript.name
            )));
        }
        sources.push((transcript_guid(&space, transcript.id), text, inserts));
    }
    let qde = project_qde(project, &space, &sources);
    let ron = crate::io::to_ron_string(project);

    let failed = |e: zip::result::ZipError| QdpxError::Write(e.to_string());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .system(zip::System::Unix)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let entry = |zip: &mut zip::ZipWriter<_>, name: &str, bytes: &[u8]| {
        zip.start_file(name, options).map_err(failed)?;
        zip.write_all(bytes)
            .map_err(|e| QdpxError::Write(e.to_string()))
    };
    entry(&mut zip, "project.qde", qde.as_bytes())?;
    for (guid, text, _) in &sources {
        entry(&mut zip, &format!("sources/{guid}.txt"), text.as_bytes())?;
    }
    entry(&mut zip, "continuum/README.txt", README.as_bytes())?;
    entry(&mut zip, COPY_ENTRY, ron.as_bytes())?;
    let digest = format!("{:032x}\n", fnv128(&[qde.as_bytes()]));
    entry(&mut zip, DIGEST_ENTRY, digest.as_bytes())?;
    Ok(zip.finish().map_err(failed)?.into_inner())
}

/// The GUID of an annotator, as a user.
fn user_guid(space: &GuidSpace, annotator: &Annotator) -> String {
    space.guid("annotator", &annotator.id.to_string())
}

/// The GUID of a transcript's source.
fn transcript_guid(space: &GuidSpace, id: TranscriptId) -> String {
    space.guid("transcript", &id.to_string())
}

/// The GUID of the code of anchor `i` of the continuum.
fn anchor_guid(space: &GuidSpace, project: &Project, i: usize) -> String {
    space.guid(
        "anchor",
        &format!("{i}:{}", project.continuum.anchors[i].name),
    )
}
