//! Import: a `.qdpx` archive to a new project and a report.
//!
//! The whole file is checked before the project is built: duplicate and dangling GUIDs, offsets
//! past the end of their text, broken XML and oversized entries each stop the import with a
//! message naming the element, and nothing partial is returned. What Continuum has no place for
//! (PDF, picture, audio and video sources; sets, links, other tools' graphs) is listed by name in
//! the report, never dropped silently.
//!
//! An archive that Continuum wrote carries the project exactly in `continuum/` (see
//! [`super::write`]); it is used when `project.qde` is still the one written with it.
//!
//! This module is the driver: it opens the archive, checks the GUIDs, and has one [`Builder`]
//! read each part of `project.qde` in the order the parts depend on each other. Each part is
//! read in a module of its own: [`guids`] (what each GUID names), [`users`], [`codes`] (the
//! codebook), [`notes`] (notes and the project memo), [`sources`] (text sources to
//! transcripts), [`excerpts`] (selections and codings to excerpts) and [`cases`] (cases,
//! variables and the participants' role).

mod cases;
mod codes;
mod excerpts;
mod guids;
mod notes;
mod sources;
mod users;

use super::archive::Archive;
use super::guid::fnv128;
use super::offsets::{OffsetUnit, detect_unit};
use super::xml::{self, Element};
use super::{Counts, MAX_QDE_BYTES, QdpxError, QdpxImport, QdpxReport, ReadSettings, Skipped};
use crate::model::{AnnotatorId, Project, TranscriptId};
use codes::CodeInfo;
use guids::Kind;
use notes::NoteText;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek};
use std::path::Path;

/// Where Continuum keeps its exact copy of the project in archives it writes.
pub(super) const COPY_ENTRY: &str = "continuum/project.continuum";
/// The digest of the `project.qde` written with the copy: the copy is used only while they match.
pub(super) const DIGEST_ENTRY: &str = "continuum/project.qde.fnv128";

/// Reads the `.qdpx` file at `path` with the default settings.
pub fn read_qdpx(path: &Path) -> Result<QdpxImport, QdpxError> {
    read_qdpx_with(path, &ReadSettings::default(), &mut |_, _| true)
}

/// Reads the `.qdpx` file at `path`. `progress(done, total)` is called as sources are read; it
/// returns `false` to cancel (the import then fails with [`QdpxError::Cancelled`]).
pub fn read_qdpx_with(
    path: &Path,
    settings: &ReadSettings,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<QdpxImport, QdpxError> {
    // Only a regular file: a FIFO would block, a device never end. Its size is not limited, as
    // an archive may hold videos that are never read; what is read is limited entry by entry.
    crate::io::check_regular_file(path, u64::MAX).map_err(|e| QdpxError::Read(e.to_string()))?;
    let file = std::fs::File::open(path).map_err(|e| QdpxError::Read(e.to_string()))?;
    let fallback_name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_from(
        std::io::BufReader::new(file),
        &fallback_name,
        settings,
        progress,
    )
}

/// Reads a `.qdpx` file held in memory.
pub fn read_qdpx_bytes(bytes: &[u8], settings: &ReadSettings) -> Result<QdpxImport, QdpxError> {
    read_from(std::io::Cursor::new(bytes), "", settings, &mut |_, _| true)
}

fn read_from<R: Read + Seek>(
    reader: R,
    fallback_name: &str,
    settings: &ReadSettings,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<QdpxImport, QdpxError> {
    let mut archive = Archive::open(reader)?;
    let qde_index = archive.find("project.qde").ok_or(QdpxError::NoProjectQde)?;
    let qde = archive.read(qde_index, MAX_QDE_BYTES)?;
    let document = xml::parse(&qde)?;
    let mut builder = Builder::new(&document.root, fallback_name);
    if document.foreign_elements > 0 {
        builder.warn(format!(
            "{} elements of other programs' namespaces were passed over",
            document.foreign_elements
        ));
    }
    builder.check_guids(&document.root)?;
    if settings.use_continuum_copy {
        match continuum_copy(&mut archive, &qde)? {
            Copy::Exact(project) => {
                let mut report = builder.report;
                report.continuum_copy = true;
                return Ok(QdpxImport {
                    project: *project,
                    report,
                });
            }
            Copy::Stale => builder.warn(
                "the archive holds a copy of a Continuum project, but project.qde was changed \
                 after Continuum wrote it (by another program?); the project was read from \
                 project.qde"
                    .to_owned(),
            ),
            Copy::None => {}
        }
    }
    builder.build(&document.root, &mut archive, settings, progress)?;
    builder.finish()
}

enum Copy {
    None,
    Stale,
    Exact(Box<Project>),
}

/// Continuum's copy of the project, when the archive has one written with this `project.qde`.
fn continuum_copy<R: Read + Seek>(archive: &mut Archive<R>, qde: &[u8]) -> Result<Copy, QdpxError> {
    let (Some(copy), Some(digest)) = (archive.find(COPY_ENTRY), archive.find(DIGEST_ENTRY)) else {
        return Ok(Copy::None);
    };
    let digest = archive.read(digest, 1024)?;
    if String::from_utf8_lossy(&digest).trim() != format!("{:032x}", fnv128(&[qde])) {
        return Ok(Copy::Stale);
    }
    let bytes = archive.read(copy, crate::io::MAX_PROJECT_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| QdpxError::BadContinuumCopy(format!("it is not UTF-8 ({e})")))?;
    crate::io::parse_project(&text)
        .map(|p| Copy::Exact(Box::new(p)))
        .map_err(|e| QdpxError::BadContinuumCopy(e.to_string()))
}

/// How an element is named in messages: its kind, name, GUID and line.
fn describe(element: &Element) -> String {
    let mut out = format!("<{}", element.name);
    for key in ["name", "guid", "targetGUID"] {
        if let Some(value) = element.attr(key) {
            out.push_str(&format!(" {key}=\"{value}\""));
        }
    }
    out.push_str(&format!("> on line {}", element.line));
    out
}

fn invalid(element: &Element, problem: impl Into<String>) -> QdpxError {
    QdpxError::Invalid {
        element: describe(element),
        problem: problem.into(),
    }
}

/// Memo text as Continuum keeps it: LF line ends, no blank space around it.
fn tidy(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_owned()
}

/// Joins the non-empty parts of a memo with blank lines.
fn join(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .map(|p| tidy(&p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A single-line name: line breaks and runs of blank space become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The project being made, the report, and what later parts of the file need from earlier ones.
struct Builder {
    project: Project,
    report: QdpxReport,
    kinds: HashMap<String, Kind>,
    users: HashMap<String, (AnnotatorId, String)>,
    codes: HashMap<String, CodeInfo>,
    /// Code GUIDs in codebook order, for the memo.
    code_order: Vec<String>,
    variables: HashMap<String, String>,
    notes: HashMap<String, NoteText>,
    used_notes: HashSet<String>,
    /// Text source GUID → its transcript (skipped sources are absent).
    transcripts: HashMap<String, TranscriptId>,
    /// Variable values per transcript: (variable name, value, from which case or "the source").
    values: HashMap<TranscriptId, Vec<(String, String, String)>>,
    names: HashSet<String>,
}

impl Builder {
    fn new(root: &Element, fallback_name: &str) -> Self {
        let name = root.attr("name").map(one_line).unwrap_or_default();
        let title = if name.is_empty() {
            fallback_name.to_owned()
        } else {
            name.clone()
        };
        Self {
            project: Project::new(if title.is_empty() {
                "Imported project"
            } else {
                &title
            }),
            report: QdpxReport {
                origin: root.attr("origin").map(one_line).unwrap_or_default(),
                name,
                found: count(root),
                offset_unit: OffsetUnit::Chars,
                continuum_copy: false,
                skipped: Vec::new(),
                warnings: Vec::new(),
                variables: Vec::new(),
                role_variable: None,
            },
            kinds: HashMap::new(),
            users: HashMap::new(),
            codes: HashMap::new(),
            code_order: Vec::new(),
            variables: HashMap::new(),
            notes: HashMap::new(),
            used_notes: HashSet::new(),
            transcripts: HashMap::new(),
            values: HashMap::new(),
            names: HashSet::new(),
        }
    }

    fn warn(&mut self, warning: String) {
        self.report.warnings.push(warning);
    }

    fn skip(&mut self, kind: &'static str, element: &Element, reason: impl Into<String>) {
        let name = element
            .attr("name")
            .map(one_line)
            .filter(|n| !n.is_empty())
            .or_else(|| element.attr("guid").map(str::to_owned))
            .unwrap_or_default();
        self.report.skipped.push(Skipped {
            kind,
            name,
            reason: reason.into(),
        });
    }

    fn build<R: Read + Seek>(
        &mut self,
        root: &Element,
        archive: &mut Archive<R>,
        settings: &ReadSettings,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<(), QdpxError> {
        self.read_users(root);
        if let Some(codes) = root.child("CodeBook").and_then(|b| b.child("Codes")) {
            self.read_codes(codes, "")?;
        }
        self.read_variables(root);
        for note in root.child("Notes").iter().flat_map(|n| &n.children) {
            self.read_note(note, archive)?;
        }
        // Code notes can be read only once the notes are.
        self.read_code_notes(root)?;
        let sources: Vec<&Element> = root
            .child("Sources")
            .map_or_else(Vec::new, |s| s.children.iter().collect());
        let mut texts = Vec::new();
        for (done, source) in sources.iter().enumerate() {
            if !progress(done, sources.len()) {
                return Err(QdpxError::Cancelled);
            }
            if let Some(text) = self.read_source(source, archive)? {
                texts.push((*source, text));
            }
        }
        let unit = detect_unit(
            texts
                .iter()
                .filter_map(|(_, t)| Some((t.raw.as_ref()?, t.offsets.as_slice()))),
        );
        self.report.offset_unit = unit;
        for (source, text) in texts {
            self.read_source_memo(source, text.transcript)?;
            self.read_selections(source, text, unit)?;
        }
        progress(sources.len(), sources.len());
        self.read_cases(root, settings)?;
        self.project_memo(root)?;
        self.variable_memos();
        for (kind, list) in [("set", "Sets"), ("link", "Links"), ("graph", "Graphs")] {
            for element in root.child(list).iter().flat_map(|l| &l.children) {
                self.skip(kind, element, "Continuum has no place for it");
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<QdpxImport, QdpxError> {
        self.project.normalise();
        // Everything was checked while it was read; a project that still does not validate is
        // a fault of this importer, reported rather than saved.
        self.project.validate().map_err(|e| QdpxError::Invalid {
            element: "the project made from it".to_owned(),
            problem: e.to_string(),
        })?;
        Ok(QdpxImport {
            project: self.project,
            report: self.report,
        })
    }
}

/// Counts what the file holds, for the report.
fn count(root: &Element) -> Counts {
    let mut counts = Counts::default();
    let children = |name: &str| root.child(name).map_or(0, |e| e.children.len());
    counts.users = children("Users");
    counts.variables = children("Variables");
    counts.cases = children("Cases");
    counts.sources = children("Sources");
    counts.notes = children("Notes");
    counts.graphs = children("Graphs");
    counts.sets = children("Sets");
    counts.links = children("Links");
    fn walk(element: &Element, counts: &mut Counts) {
        match element.name.as_str() {
            "Code" => counts.codes += 1,
            "PlainTextSelection" => counts.selections += 1,
            "Coding" => counts.codings += 1,
            _ => {}
        }
        for child in &element.children {
            walk(child, counts);
        }
    }
    for part in ["CodeBook", "Sources"] {
        if let Some(element) = root.child(part) {
            walk(element, &mut counts);
        }
    }
    counts
}
