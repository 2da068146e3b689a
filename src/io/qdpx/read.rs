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

use super::archive::{Archive, Located};
use super::guid::{canonical, fnv128};
use super::offsets::{BadOffset, OffsetUnit, RawText, detect_unit, map_span};
use super::xml::{self, Element};
use super::{
    Counts, MAX_QDE_BYTES, MAX_SOURCE_BYTES, QdpxError, QdpxImport, QdpxReport, ReadSettings,
    RoleVariable, Skipped, VariableSummary,
};
use crate::io::import::{KeptRun, decode_text, import_bytes, split_speaker_turns_mapped};
use crate::model::import_plan::{looks_like_interviewer, unique_name};
use crate::model::{
    Annotator, AnnotatorId, Case, CaseId, Colour, Excerpt, ExcerptId, Participant, ParticipantId,
    Project, Speaker, Transcript, TranscriptId, Turn,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
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

/// What a GUID in the file names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    User,
    Code,
    Variable,
    Case,
    Source,
    Selection,
    Note,
    Other,
}

/// A code of the codebook.
struct CodeInfo {
    /// Its path from the top of the codebook, e.g. "Attitude/sceptical".
    path: String,
    colour: Option<String>,
    description: String,
    notes: Vec<String>,
}

/// A note's text, for the memos that refer to it.
struct NoteText {
    name: String,
    text: String,
}

/// A text source read, before its selections are mapped.
struct SourceText {
    transcript: TranscriptId,
    /// The stored text and its offsets, or `None` for text read from a .docx (selections then
    /// have no text of their own to land on).
    raw: Option<RawText>,
    /// Where each paragraph of the transcript came from in `raw`.
    runs: Vec<KeptRun>,
    offsets: Vec<(usize, usize)>,
}

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

    /// Records every GUID an element declares and refuses one declared twice.
    fn check_guids(&mut self, element: &Element) -> Result<(), QdpxError> {
        let kind = match element.name.as_str() {
            "User" => Some(Kind::User),
            "Code" => Some(Kind::Code),
            "Variable" => Some(Kind::Variable),
            "Case" => Some(Kind::Case),
            "TextSource" | "PDFSource" | "PictureSource" | "AudioSource" | "VideoSource" => {
                Some(Kind::Source)
            }
            "PlainTextSelection"
            | "PDFSelection"
            | "PictureSelection"
            | "AudioSelection"
            | "VideoSelection"
            | "TranscriptSelection" => Some(Kind::Selection),
            "Note" => Some(Kind::Note),
            "Coding" | "Set" | "Graph" | "Vertex" | "Edge" | "Link" | "Transcript"
            | "SyncPoint" | "Representation" | "TextDescription" => Some(Kind::Other),
            _ => None,
        };
        if let Some(kind) = kind {
            let Some(guid) = element.attr("guid") else {
                return Err(invalid(element, "it has no guid attribute"));
            };
            if self.kinds.insert(canonical(guid), kind).is_some() {
                return Err(invalid(
                    element,
                    "its GUID is also the GUID of another element",
                ));
            }
        }
        for child in &element.children {
            self.check_guids(child)?;
        }
        Ok(())
    }

    /// Refuses a reference (`targetGUID`) that names nothing of the kind expected.
    fn target(&self, reference: &Element, expected: Kind, what: &str) -> Result<String, QdpxError> {
        let Some(target) = reference.attr("targetGUID") else {
            return Err(invalid(reference, "it has no targetGUID attribute"));
        };
        let target = canonical(target);
        match self.kinds.get(&target) {
            Some(&kind) if kind == expected => Ok(target),
            Some(_) => Err(invalid(
                reference,
                format!("it refers to {target}, which is not {what}"),
            )),
            None => Err(invalid(
                reference,
                format!("it refers to {target}, which is nowhere in the file (a dangling GUID)"),
            )),
        }
    }

    /// The texts of the notes an element refers to (`NoteRef`).
    fn note_texts(&mut self, element: &Element) -> Result<Vec<String>, QdpxError> {
        let mut out = Vec::new();
        for reference in element.children_named("NoteRef") {
            let guid = self.target(reference, Kind::Note, "a note")?;
            self.used_notes.insert(guid.clone());
            if let Some(note) = self.notes.get(&guid) {
                out.push(if note.name.is_empty() {
                    note.text.clone()
                } else {
                    format!("{}:\n{}", note.name, note.text)
                });
            }
        }
        Ok(out)
    }

    /// A user's name for memos ("an unknown user" for a GUID the file does not list).
    fn user_name(&mut self, guid: Option<&str>) -> Option<String> {
        let guid = canonical(guid?);
        match self.users.get(&guid) {
            Some((_, name)) => Some(name.clone()),
            None => {
                self.warn(format!(
                    "user {guid} is named by a coding but not listed among the users"
                ));
                Some("an unknown user".to_owned())
            }
        }
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
        for variable in root.child("Variables").iter().flat_map(|v| &v.children) {
            let guid = canonical(variable.attr("guid").unwrap_or_default());
            let name = one_line(variable.attr("name").unwrap_or_default());
            self.variables.insert(guid, name);
        }
        for note in root.child("Notes").iter().flat_map(|n| &n.children) {
            self.read_note(note, archive)?;
        }
        // Code notes can be read only once the notes are.
        for code in self.code_order.clone() {
            if let Some(element) = find_guid(root.child("CodeBook"), &code) {
                let notes = self.note_texts(element)?;
                if let Some(info) = self.codes.get_mut(&code) {
                    info.notes = notes;
                }
            }
        }
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
            self.read_selections(source, text, unit)?;
        }
        progress(sources.len(), sources.len());
        self.read_cases(root, settings)?;
        self.finish_memos(root)?;
        for (kind, list) in [("set", "Sets"), ("link", "Links"), ("graph", "Graphs")] {
            for element in root.child(list).iter().flat_map(|l| &l.children) {
                self.skip(kind, element, "Continuum has no place for it");
            }
        }
        Ok(())
    }

    fn read_users(&mut self, root: &Element) {
        for (i, user) in root
            .child("Users")
            .iter()
            .flat_map(|u| u.children_named("User"))
            .enumerate()
        {
            let id = AnnotatorId(i as u32 + 1);
            let name = [user.attr("name"), user.attr("id")]
                .into_iter()
                .flatten()
                .map(one_line)
                .find(|n| !n.is_empty())
                .unwrap_or_else(|| format!("User {}", i + 1));
            self.users.insert(
                canonical(user.attr("guid").unwrap_or_default()),
                (id, name.clone()),
            );
            self.project.annotators.push(Annotator {
                id,
                name,
                colour: Colour::PALETTE[i % Colour::PALETTE.len()],
                placements: Vec::new(),
                consensus: false,
            });
        }
    }

    fn read_codes(&mut self, codes: &Element, parent: &str) -> Result<(), QdpxError> {
        for code in codes.children_named("Code") {
            let mut name = one_line(code.attr("name").unwrap_or_default()).replace('/', "∕");
            if name.is_empty() {
                name = "(unnamed code)".to_owned();
            }
            let path = if parent.is_empty() {
                name
            } else {
                format!("{parent}/{name}")
            };
            let guid = canonical(code.attr("guid").unwrap_or_default());
            self.codes.insert(
                guid.clone(),
                CodeInfo {
                    path: path.clone(),
                    colour: code.attr("color").map(str::to_owned),
                    description: tidy(code.child_text("Description")),
                    notes: Vec::new(),
                },
            );
            self.code_order.push(guid);
            self.read_codes(code, &path)?;
        }
        Ok(())
    }

    /// The text of a `Note` or a text source: inline, or from the archive. `Err` for a broken
    /// file; `Ok(Err(reason))` when the text cannot be had and the element is skipped.
    fn text_of<R: Read + Seek>(
        &mut self,
        element: &Element,
        archive: &mut Archive<R>,
    ) -> Result<Result<TextFound, String>, QdpxError> {
        if let Some(content) = element.child("PlainTextContent") {
            return Ok(Ok(TextFound::Plain(content.text.clone())));
        }
        if let Some(path) = element.attr("plainTextPath") {
            return match archive.locate(path) {
                Located::Entry(index) => {
                    let bytes = archive.read(index, MAX_SOURCE_BYTES)?;
                    if bytes.is_empty() {
                        return Ok(Ok(TextFound::Plain(String::new())));
                    }
                    match decode_text(&bytes, crate::io::import::MAX_IMPORT_TEXT_BYTES) {
                        Ok(decoded) => {
                            if decoded.encoding != "UTF-8" {
                                self.warn(format!(
                                    "the text of “{}” is in {}, not UTF-8 as the standard says; \
                                     check that its selections land on the right words",
                                    element.attr("name").unwrap_or_default(),
                                    decoded.encoding
                                ));
                            }
                            Ok(Ok(TextFound::Plain(decoded.text)))
                        }
                        Err(e) => Ok(Err(format!("its text file {e}"))),
                    }
                }
                Located::Outside(reason) => Ok(Err(reason)),
            };
        }
        if let Some(path) = element.attr("richTextPath") {
            return match archive.locate(path) {
                Located::Entry(index) => {
                    let bytes = archive.read(index, MAX_SOURCE_BYTES)?;
                    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
                    match import_bytes(&extension, &bytes) {
                        Ok(imported) => {
                            Ok(Ok(TextFound::Normalised(imported.text, imported.turns)))
                        }
                        Err(e) => Ok(Err(format!("its rich-text file {e}"))),
                    }
                }
                Located::Outside(reason) => Ok(Err(reason)),
            };
        }
        Ok(Err(
            "it has no text: neither PlainTextContent nor a file".to_owned()
        ))
    }

    fn read_note<R: Read + Seek>(
        &mut self,
        note: &Element,
        archive: &mut Archive<R>,
    ) -> Result<(), QdpxError> {
        let guid = canonical(note.attr("guid").unwrap_or_default());
        let text = match self.text_of(note, archive)? {
            Ok(TextFound::Plain(text)) => tidy(&text),
            Ok(TextFound::Normalised(text, _)) => text,
            Err(reason) => {
                self.skip("note", note, reason);
                return Ok(());
            }
        };
        let description = tidy(note.child_text("Description"));
        self.notes.insert(
            guid,
            NoteText {
                name: one_line(note.attr("name").unwrap_or_default()),
                text: join([description, text]),
            },
        );
        Ok(())
    }

    /// Reads one source: a text source becomes a transcript; other kinds are skipped by name.
    fn read_source<R: Read + Seek>(
        &mut self,
        source: &Element,
        archive: &mut Archive<R>,
    ) -> Result<Option<SourceText>, QdpxError> {
        let kind = match source.name.as_str() {
            "TextSource" => None,
            "PDFSource" => Some("PDF source"),
            "PictureSource" => Some("picture source"),
            "AudioSource" => Some("audio source"),
            "VideoSource" => Some("video source"),
            _ => Some("source"),
        };
        if let Some(kind) = kind {
            self.skip(kind, source, "Continuum codes text only");
            return Ok(None);
        }
        let found = match self.text_of(source, archive)? {
            Ok(found) => found,
            Err(reason) => {
                self.skip("text source", source, reason);
                return Ok(None);
            }
        };
        let mut offsets = Vec::new();
        for selection in source.children_named("PlainTextSelection") {
            let position = |key: &str| -> Result<usize, QdpxError> {
                let value = selection.attr(key).unwrap_or_default().trim();
                value.parse::<usize>().map_err(|_| {
                    invalid(
                        selection,
                        format!("its {key} “{value}” is not a number of 0 or more"),
                    )
                })
            };
            let (start, end) = (position("startPosition")?, position("endPosition")?);
            if start > end {
                return Err(invalid(
                    selection,
                    format!("it starts ({start}) after it ends ({end})"),
                ));
            }
            offsets.push((start, end));
        }
        let (text, turns, raw) = match found {
            TextFound::Plain(text) => {
                let (normalised, turns, runs) = split_speaker_turns_mapped(&text);
                (normalised, turns, Some((RawText::new(text), runs)))
            }
            TextFound::Normalised(text, turns) => (text, turns, None),
        };
        if text.trim().is_empty() {
            self.skip("text source", source, "it has no text");
            return Ok(None);
        }
        let id = TranscriptId(self.project.transcripts.len() as u32 + 1);
        let name = unique_name(&source_name(source), |n| self.names.contains(n));
        self.names.insert(name.clone());
        let speakers = speakers_of(&turns);
        self.transcripts
            .insert(canonical(source.attr("guid").unwrap_or_default()), id);
        self.project.transcripts.push(Transcript {
            id,
            name,
            participant: None,
            case: None,
            memo: String::new(),
            speakers,
            turns,
            text,
        });
        let (raw, runs) = match raw {
            Some((raw, runs)) => (Some(raw), runs),
            None => (None, Vec::new()),
        };
        Ok(Some(SourceText {
            transcript: id,
            raw,
            runs,
            offsets,
        }))
    }

    /// The code path, user and notes of a `Coding`.
    fn coding(
        &mut self,
        coding: &Element,
    ) -> Result<(String, Option<String>, Vec<String>), QdpxError> {
        let Some(reference) = coding.child("CodeRef") else {
            return Err(invalid(coding, "it has no CodeRef"));
        };
        let code = self.target(reference, Kind::Code, "a code")?;
        let path = self
            .codes
            .get(&code)
            .map(|c| c.path.clone())
            .unwrap_or_default();
        let user = self.user_name(coding.attr("creatingUser"));
        let notes = self.note_texts(coding)?;
        Ok((path, user, notes))
    }

    /// Maps a text source's selections onto its transcript, as excerpts. Selections of the same
    /// span become one excerpt with all their codes (NVivo writes a selection per coding).
    fn read_selections(
        &mut self,
        source: &Element,
        text: SourceText,
        unit: OffsetUnit,
    ) -> Result<(), QdpxError> {
        let SourceText {
            transcript,
            raw,
            runs,
            ..
        } = text;
        let mut memo = vec![tidy(source.child_text("Description"))];
        memo.extend(self.note_texts(source)?);
        for coding in source.children_named("Coding") {
            let (path, user, notes) = self.coding(coding)?;
            let by = user.map(|u| format!(" (by {u})")).unwrap_or_default();
            memo.push(format!("Coded as a whole: {path}{by}"));
            memo.extend(notes);
        }
        for value in source.children_named("VariableValue") {
            let (name, value) = self.variable_value(value)?;
            self.values
                .entry(transcript)
                .or_default()
                .push((name, value, "the source".to_owned()));
        }
        if let Some(t) = self
            .project
            .transcripts
            .iter_mut()
            .find(|t| t.id == transcript)
        {
            t.memo = join(memo);
        }
        // Per excerpt made here: its memo parts and who coded it with what, joined at the end so
        // the selections joined into one excerpt give one line per user.
        let mut by_span: HashMap<(usize, usize), usize> = HashMap::new();
        let mut made: Vec<Made> = Vec::new();
        let mut merged = 0;
        for selection in source.children_named("PlainTextSelection") {
            let mut codes = Vec::new();
            let mut coded_by: Vec<(String, String)> = Vec::new();
            let mut memo = vec![tidy(selection.child_text("Description"))];
            memo.extend(self.note_texts(selection)?);
            for coding in selection.children_named("Coding") {
                let (path, user, notes) = self.coding(coding)?;
                if let Some(user) = user {
                    coded_by.push((user, path.clone()));
                }
                codes.push(path);
                memo.extend(notes);
            }
            let Some(raw) = &raw else {
                self.skip(
                    "selection",
                    selection,
                    "its source has its text only in a rich-text file, and the selection's \
                     offsets refer to a plain-text version the file does not hold",
                );
                continue;
            };
            let offset = |key: &str| {
                let value = selection.attr(key).unwrap_or_default().trim();
                let value: usize = value.parse().unwrap_or(0);
                raw.to_char(value, unit).map_err(|bad| {
                    let source_name = source.attr("name").unwrap_or_default();
                    invalid(
                        selection,
                        match bad {
                            BadOffset::PastEnd { length } => format!(
                                "its {key} {value} is past the end of the text of source \
                                 “{source_name}” ({length} {unit_name})",
                                unit_name = match unit {
                                    OffsetUnit::Chars => "characters",
                                    OffsetUnit::Utf16 => "UTF-16 code units",
                                }
                            ),
                            BadOffset::InsidePair => format!(
                                "its {key} {value} falls inside a character of source \
                                 “{source_name}”"
                            ),
                        },
                    )
                })
            };
            let (start, end) = (offset("startPosition")?, offset("endPosition")?);
            if start == end {
                self.skip(
                    "selection",
                    selection,
                    "it is empty (it starts where it ends)",
                );
                continue;
            }
            let Some((start, end)) = map_span(&runs, start, end) else {
                self.skip(
                    "selection",
                    selection,
                    "it holds only line breaks, blank space or a speaker's name",
                );
                continue;
            };
            let label = one_line(selection.attr("name").unwrap_or_default());
            let slot = match by_span.get(&(start, end)) {
                Some(&slot) => {
                    merged += 1;
                    slot
                }
                None => {
                    by_span.insert((start, end), made.len());
                    made.push((self.project.excerpts.len(), Vec::new(), Vec::new()));
                    self.project.excerpts.push(Excerpt {
                        id: ExcerptId(self.project.excerpts.len() as u32 + 1),
                        transcript,
                        start,
                        end,
                        label: String::new(),
                        memo: String::new(),
                        codes: Vec::new(),
                    });
                    made.len() - 1
                }
            };
            let (at, memos, users) = &mut made[slot];
            let excerpt = &mut self.project.excerpts[*at];
            for code in codes {
                if !excerpt.codes.contains(&code) {
                    excerpt.codes.push(code);
                }
            }
            if excerpt.label.is_empty() {
                excerpt.label = label;
            }
            for part in memo {
                if !memos.contains(&part) {
                    memos.push(part);
                }
            }
            for (user, path) in coded_by {
                match users.iter_mut().find(|(u, _)| *u == user) {
                    Some((_, paths)) if !paths.contains(&path) => paths.push(path),
                    Some(_) => {}
                    None => users.push((user, vec![path])),
                }
            }
        }
        for (at, memos, users) in made {
            let coded_by = users
                .into_iter()
                .map(|(user, paths)| format!("Coded by {user}: {}", paths.join("; ")));
            self.project.excerpts[at].memo = join(memos.into_iter().chain(coded_by));
        }
        if merged > 0 {
            self.warn(format!(
                "{} of source “{}” cover the same words as another selection and were joined \
                 with it into one excerpt, with the codes of both",
                crate::model::plural(merged, "selection"),
                source.attr("name").unwrap_or_default()
            ));
        }
        Ok(())
    }

    /// A `VariableValue`'s variable name and value, as text.
    fn variable_value(&self, value: &Element) -> Result<(String, String), QdpxError> {
        let Some(reference) = value.child("VariableRef") else {
            return Err(invalid(value, "it has no VariableRef"));
        };
        let variable = self.target(reference, Kind::Variable, "a variable")?;
        let name = self.variables.get(&variable).cloned().unwrap_or_default();
        let text = value
            .children
            .iter()
            .find(|c| c.name != "VariableRef")
            .map(|c| one_line(&c.text))
            .unwrap_or_default();
        Ok((name, text))
    }

    /// Cases: those with a value for the role variable are people (participants with that
    /// role); the others are settings (Continuum's cases). Their sources are filed accordingly;
    /// every other variable is kept in the memo of the case's transcripts.
    fn read_cases(&mut self, root: &Element, settings: &ReadSettings) -> Result<(), QdpxError> {
        let cases: Vec<&Element> = root
            .child("Cases")
            .map_or_else(Vec::new, |c| c.children_named("Case").collect());
        let mut case_values = Vec::with_capacity(cases.len());
        let mut summaries: BTreeMap<String, (BTreeSet<String>, usize)> = BTreeMap::new();
        for case in &cases {
            let mut values = Vec::new();
            for value in case.children_named("VariableValue") {
                values.push(self.variable_value(value)?);
            }
            case_values.push(values);
        }
        let source_values = self.values.values().flatten().map(|(n, v, _)| (n, v));
        for (name, value) in case_values
            .iter()
            .flatten()
            .map(|(n, v)| (n, v))
            .chain(source_values)
        {
            let entry = summaries.entry(name.clone()).or_default();
            entry.0.insert(value.clone());
            entry.1 += 1;
        }
        self.report.variables = summaries
            .into_iter()
            .map(|(name, (values, holders))| VariableSummary {
                name,
                values: values
                    .into_iter()
                    .take(VariableSummary::SHOWN_VALUES)
                    .collect(),
                holders,
            })
            .collect();
        let role = self.choose_role(settings);
        self.report.role_variable = role.clone();
        let is_role = |name: &str| {
            role.as_deref()
                .is_some_and(|r| r.eq_ignore_ascii_case(name))
        };

        let mut in_case: HashMap<TranscriptId, String> = HashMap::new();
        for (case, values) in cases.iter().zip(case_values) {
            let name = one_line(case.attr("name").unwrap_or_default());
            let mut members = Vec::new();
            for reference in case.children_named("SourceRef") {
                let source = self.target(reference, Kind::Source, "a source")?;
                if let Some(&t) = self.transcripts.get(&source) {
                    members.push(t);
                }
            }
            let mut selections = 0;
            for reference in case.children_named("SelectionRef") {
                self.target(reference, Kind::Selection, "a selection")?;
                selections += 1;
            }
            for reference in case.children_named("CodeRef") {
                self.target(reference, Kind::Code, "a code")?;
            }
            if selections > 0 {
                self.warn(format!(
                    "case “{name}” also holds {}, which Continuum files by transcript only",
                    crate::model::plural(selections, "selection")
                ));
            }
            let role_value = values
                .iter()
                .find(|(n, v)| is_role(n) && !v.is_empty())
                .map(|(_, v)| v.clone());
            let description = tidy(case.child_text("Description"));
            let others: Vec<_> = values.into_iter().filter(|(n, _)| !is_role(n)).collect();
            for &t in &members {
                let from = format!("case “{name}”");
                let list = self.values.entry(t).or_default();
                list.extend(
                    others
                        .iter()
                        .map(|(n, v)| (n.clone(), v.clone(), from.clone())),
                );
            }
            if let Some(role) = role_value {
                let id = ParticipantId(self.project.participants.len() as u32 + 1);
                self.project.participants.push(Participant {
                    id,
                    name: if name.is_empty() {
                        format!("Participant {}", id.0)
                    } else {
                        name.clone()
                    },
                    role,
                    case: None,
                });
                for &t in &members {
                    let transcript = self.transcript_mut(t);
                    if transcript.participant.is_none() {
                        transcript.participant = Some(id);
                        if !description.is_empty() {
                            transcript.memo = join([
                                std::mem::take(&mut transcript.memo),
                                format!("{name}: {description}"),
                            ]);
                        }
                    }
                }
            } else {
                let id = CaseId(self.project.cases.len() as u32 + 1);
                self.project.cases.push(Case {
                    id,
                    name: if name.is_empty() {
                        format!("Case {}", id.0)
                    } else {
                        name.clone()
                    },
                    description,
                });
                for &t in &members {
                    match in_case.get(&t) {
                        Some(first) => {
                            let message = format!(
                                "transcript “{}” is in case “{first}” and in case “{name}”; \
                                 Continuum files it in the first",
                                self.transcript_mut(t).name
                            );
                            self.warn(message);
                        }
                        None => {
                            in_case.insert(t, name.clone());
                            self.transcript_mut(t).case = Some(id);
                        }
                    }
                }
            }
        }
        // A role given on the source itself makes a participant named after the transcript.
        let mut transcripts: Vec<TranscriptId> = self.values.keys().copied().collect();
        transcripts.sort();
        for t in transcripts {
            let role_value = self.values[&t]
                .iter()
                .find(|(n, v, from)| is_role(n) && !v.is_empty() && from == "the source")
                .map(|(_, v, _)| v.clone());
            if let Some(role) = role_value
                && self.transcript_mut(t).participant.is_none()
            {
                let id = ParticipantId(self.project.participants.len() as u32 + 1);
                let name = self.transcript_mut(t).name.clone();
                self.project.participants.push(Participant {
                    id,
                    name,
                    role,
                    case: None,
                });
                self.transcript_mut(t).participant = Some(id);
            }
        }
        // Participants are in the case of their transcript; the speaker who is not the
        // interviewer, if there is one, is the participant.
        for transcript in &mut self.project.transcripts {
            let Some(p) = transcript.participant else {
                continue;
            };
            if let Some(participant) = self.project.participants.iter_mut().find(|x| x.id == p)
                && participant.case.is_none()
            {
                participant.case = transcript.case;
            }
            let mut talking = transcript.speakers.iter_mut().filter(|s| !s.interviewer);
            if let (Some(only), None) = (talking.next(), talking.next()) {
                only.participant = Some(p);
            }
        }
        Ok(())
    }

    fn transcript_mut(&mut self, id: TranscriptId) -> &mut Transcript {
        let at = id.0 as usize - 1;
        &mut self.project.transcripts[at]
    }

    /// The variable read as the role: as the settings say, or the one whose name says so.
    fn choose_role(&mut self, settings: &ReadSettings) -> Option<String> {
        let names: Vec<String> = self
            .report
            .variables
            .iter()
            .map(|v| v.name.clone())
            .collect();
        match &settings.role_variable {
            RoleVariable::None => None,
            RoleVariable::Named(wanted) => {
                let found = names.iter().find(|n| n.eq_ignore_ascii_case(wanted.trim()));
                if found.is_none() {
                    let message = format!(
                        "no case or source has a value for the variable “{wanted}” chosen as the \
                         role; roles are left empty"
                    );
                    self.warn(message);
                }
                found.cloned()
            }
            RoleVariable::Guess => {
                let candidates: Vec<&str> = names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| {
                        let lower = n.to_lowercase();
                        ["role", "rolle", "rôle", "ruolo", "rol"].contains(&lower.as_str())
                            || lower.contains("role")
                            || lower.contains("rolle")
                    })
                    .collect();
                match candidates.as_slice() {
                    [one] => Some((*one).to_owned()),
                    [] => None,
                    several => {
                        let message = format!(
                            "several variables could hold the participants' role ({}); none was \
                             used: choose one",
                            several.join(", ")
                        );
                        self.warn(message);
                        None
                    }
                }
            }
        }
    }

    /// The project memo (the project's description and notes, the notes nothing refers to, and
    /// the codebook with colours and descriptions, which Continuum has no other place for) and
    /// the variables in the transcripts' memos.
    fn finish_memos(&mut self, root: &Element) -> Result<(), QdpxError> {
        let mut memo = vec![tidy(root.child_text("Description"))];
        memo.extend(self.note_texts(root)?);
        let mut loose: Vec<&String> = self
            .notes
            .keys()
            .filter(|g| !self.used_notes.contains(*g))
            .collect();
        // In the file's order, not the map's.
        let order: HashMap<String, usize> = root
            .child("Notes")
            .iter()
            .flat_map(|n| &n.children)
            .enumerate()
            .map(|(i, n)| (canonical(n.attr("guid").unwrap_or_default()), i))
            .collect();
        loose.sort_by_key(|g| order.get(*g).copied().unwrap_or(usize::MAX));
        let loose: Vec<String> = loose
            .into_iter()
            .filter_map(|g| self.notes.get(g))
            .map(|n| {
                if n.name.is_empty() {
                    n.text.clone()
                } else {
                    format!(
                        "{}:
{}",
                        n.name, n.text
                    )
                }
            })
            .collect();
        if !loose.is_empty() {
            memo.push(format!(
                "Notes not attached to anything:

{}",
                loose.join(
                    "

"
                )
            ));
        }
        if !self.code_order.is_empty() {
            let mut lines = vec![format!(
                "Codebook of {}:",
                if self.report.origin.is_empty() {
                    "the imported project"
                } else {
                    &self.report.origin
                }
            )];
            for guid in &self.code_order {
                let code = &self.codes[guid];
                let mut line = format!("- {}", code.path);
                if let Some(colour) = &code.colour {
                    line.push_str(&format!(" ({colour})"));
                }
                if !code.description.is_empty() {
                    line.push_str(&format!(": {}", one_line(&code.description)));
                }
                for note in &code.notes {
                    line.push_str(&format!(" [{}]", one_line(note)));
                }
                lines.push(line);
            }
            memo.push(lines.join(
                "
",
            ));
        }
        self.project.memo = join(memo);
        let mut values: Vec<_> = std::mem::take(&mut self.values).into_iter().collect();
        values.sort_by_key(|(t, _)| *t);
        for (t, list) in values {
            let lines: Vec<String> = list
                .into_iter()
                .filter(|(n, _, _)| {
                    !self
                        .report
                        .role_variable
                        .as_deref()
                        .is_some_and(|r| r.eq_ignore_ascii_case(n))
                })
                .map(|(n, v, from)| format!("- {n}: {v} ({from})"))
                .collect();
            if !lines.is_empty() {
                let transcript = self.transcript_mut(t);
                transcript.memo = join([
                    std::mem::take(&mut transcript.memo),
                    format!("Variables:\n{}", lines.join("\n")),
                ]);
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

/// An excerpt made from selections: its index in the project, its memo parts, and each user
/// with the codes they gave it.
type Made = (usize, Vec<String>, Vec<(String, Vec<String>)>);

/// A source's text as read: as stored (selections address it), or already normalised (read from
/// a .docx, with its turns).
enum TextFound {
    Plain(String),
    Normalised(String, Vec<Turn>),
}

/// A source's name, or (QualCoder writes none) its file's name without the extension.
fn source_name(source: &Element) -> String {
    let name = one_line(source.attr("name").unwrap_or_default());
    if !name.is_empty() {
        return name;
    }
    let path = source
        .attr("plainTextPath")
        .or_else(|| source.attr("richTextPath"))
        .unwrap_or_default();
    let file = path.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    one_line(stem)
}

/// The speakers named in turns, in order of appearance, the interviewer recognised by name.
fn speakers_of(turns: &[Turn]) -> Vec<Speaker> {
    let mut seen = HashSet::new();
    turns
        .iter()
        .filter(|t| !t.speaker.is_empty() && seen.insert(t.speaker.as_str()))
        .map(|t| Speaker {
            name: t.speaker.clone(),
            participant: None,
            interviewer: looks_like_interviewer(&t.speaker),
        })
        .collect()
}

/// The element with `guid` below `element`, depth first.
fn find_guid<'a>(element: Option<&'a Element>, guid: &str) -> Option<&'a Element> {
    let element = element?;
    if element.attr("guid").is_some_and(|g| canonical(g) == guid) {
        return Some(element);
    }
    element
        .children
        .iter()
        .find_map(|c| find_guid(Some(c), guid))
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
