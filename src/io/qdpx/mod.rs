//! REFI-QDA project exchange (`.qdpx`): the format NVivo, ATLAS.ti, MAXQDA and QualCoder read and
//! write. A `.qdpx` file is a zip archive holding `project.qde` (XML in the namespace
//! `urn:QDA-XML:project:1.0`, schema `Project-mrt2019.xsd`) and the sources' files in `sources/`.
//!
//! [`read_qdpx`] turns such a file into a new [`Project`] and a [`QdpxReport`] of what was found,
//! what was skipped and why; [`write_qdpx`] writes a project out. How each field is carried, and
//! what other tools see of it, is in `docs/refi-qda.md`.
//!
//! Nothing here knows about windows: the import dialog and `continuum import-qdpx` both call
//! [`read_qdpx_with`], show the report, and add the project (as one edit or a merge).

mod archive;
mod guid;
mod offsets;
mod read;
mod write;
mod xml;

pub use guid::{GuidSpace, is_guid};
pub use offsets::OffsetUnit;
pub use read::{read_qdpx, read_qdpx_bytes, read_qdpx_with};
pub use write::{qdpx_bytes, write_qdpx};
pub use xml::NAMESPACE;

use crate::io::format_mib;
use crate::model::Project;
use std::fmt;

/// The file extension of REFI-QDA project exchange files.
pub const QDPX_EXTENSION: &str = "qdpx";

const MIB: u64 = 1024 * 1024;

/// `project.qde` may unpack to at most this: a project with 100,000 coded selections writes
/// well under 100 MiB of XML; more is refused as a zip bomb.
pub const MAX_QDE_BYTES: u64 = 256 * MIB;

/// One source's text file may unpack to at most this, the limit of any imported transcript.
pub const MAX_SOURCE_BYTES: u64 = crate::io::import::MAX_IMPORT_BYTES;

/// All the entries read from one archive together may unpack to at most this, the most a
/// project file can hold ([`MAX_PROJECT_BYTES`](crate::io::MAX_PROJECT_BYTES)).
pub const MAX_TOTAL_BYTES: u64 = crate::io::MAX_PROJECT_BYTES;

/// An archive listing more entries than this is refused before any is read.
pub const MAX_ENTRIES: usize = 100_000;

/// How an import reads the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadSettings {
    /// Which case or source variable holds the participant's role.
    pub role_variable: RoleVariable,
    /// A `.qdpx` written by Continuum carries the project exactly (see `docs/refi-qda.md`);
    /// `false` reads `project.qde` as if another tool had written it.
    pub use_continuum_copy: bool,
}

impl Default for ReadSettings {
    fn default() -> Self {
        Self {
            role_variable: RoleVariable::Guess,
            use_continuum_copy: true,
        }
    }
}

/// Which variable gives participants their role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleVariable {
    /// A variable whose name says it is the role ("Role", "Rolle", "Participant role", …), if
    /// exactly one does; the report lists every variable so the user can choose another.
    Guess,
    /// This variable (by name, ignoring case).
    Named(String),
    /// None: every variable is kept in the transcript memo.
    None,
}

/// How many of each thing the file holds (whether imported or not).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Text, PDF, picture, audio and video sources.
    pub sources: usize,
    pub codes: usize,
    /// Text selections (`PlainTextSelection`), in text sources.
    pub selections: usize,
    pub codings: usize,
    pub users: usize,
    pub notes: usize,
    pub cases: usize,
    pub variables: usize,
    pub graphs: usize,
    pub sets: usize,
    pub links: usize,
}

/// Something in the file that the project does not get, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// What it is: "PDF source", "audio source", "selection", …
    pub kind: &'static str,
    /// Its name in the file (or its GUID where it has none).
    pub name: String,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} “{}”: {}", self.kind, self.name, self.reason)
    }
}

/// A variable of the file's cases or sources, offered as the participants' role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariableSummary {
    pub name: String,
    /// Its distinct values, sorted, at most [`VariableSummary::SHOWN_VALUES`].
    pub values: Vec<String>,
    /// How many cases and sources have a value for it.
    pub holders: usize,
}

impl VariableSummary {
    pub const SHOWN_VALUES: usize = 12;
}

/// What an import found, for the preview and the summary after it.
#[derive(Clone, Debug, PartialEq)]
pub struct QdpxReport {
    /// The program that wrote the file (`origin`), e.g. "NVivo for Windows 12.6".
    pub origin: String,
    /// The project's name in the file.
    pub name: String,
    /// What the file holds.
    pub found: Counts,
    /// The unit the selections' offsets were read in.
    pub offset_unit: OffsetUnit,
    /// Whether the project came from Continuum's own exact copy in the archive.
    pub continuum_copy: bool,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
    /// Variables of cases and sources, sorted by name.
    pub variables: Vec<VariableSummary>,
    /// The variable read as the participants' role, if any.
    pub role_variable: Option<String>,
}

impl QdpxReport {
    /// The report as lines for a terminal or a dialog: counts, then what was skipped, then
    /// warnings.
    pub fn lines(&self) -> Vec<String> {
        use crate::model::plural;
        let f = &self.found;
        let mut lines = vec![
            format!(
                "{} from {}",
                if self.name.is_empty() {
                    "A project"
                } else {
                    self.name.as_str()
                },
                if self.origin.is_empty() {
                    "an unnamed program"
                } else {
                    self.origin.as_str()
                }
            ),
            format!(
                "{}, {}, {}, {}, {}, {}, {}, {}",
                plural(f.sources, "source"),
                plural(f.codes, "code"),
                plural(f.selections, "selection"),
                plural(f.codings, "coding"),
                plural(f.users, "user"),
                plural(f.notes, "note"),
                plural(f.cases, "case"),
                plural(f.variables, "variable"),
            ),
        ];
        if self.continuum_copy {
            lines.push("Written by Continuum: read from its exact copy of the project".to_owned());
        } else if f.selections > 0 {
            lines.push(format!("Selection offsets counted in {}", self.offset_unit));
        }
        if let Some(role) = &self.role_variable {
            lines.push(format!("Participants' roles from the variable “{role}”"));
        }
        lines.extend(self.skipped.iter().map(|s| format!("Skipped {s}")));
        lines.extend(self.warnings.iter().map(|w| format!("Note: {w}")));
        lines
    }
}

/// A file read: the new project and the report.
#[derive(Clone, Debug, PartialEq)]
pub struct QdpxImport {
    pub project: Project,
    pub report: QdpxReport,
}

/// Why a `.qdpx` file could not be read or written. Nothing partial is ever kept: an import that
/// fails gives no project, an export that fails leaves the target as it was. Each message reads
/// after the file's name ("F.qdpx is not a zip archive…").
#[derive(Debug, PartialEq)]
pub enum QdpxError {
    /// The file cannot be opened or read.
    Read(String),
    NotAZip(String),
    TooManyEntries {
        count: usize,
    },
    /// An entry unpacks to more than its limit, or all entries together do.
    TooLarge {
        entry: String,
        limit: u64,
    },
    NoProjectQde,
    BadXml {
        line: usize,
        message: String,
    },
    /// Not a REFI-QDA project: wrong root element or namespace.
    NotRefiQda(String),
    /// An element that does not make sense: a dangling GUID, an offset past the end, …
    Invalid {
        element: String,
        problem: String,
    },
    /// Continuum's own copy in the archive is damaged.
    BadContinuumCopy(String),
    /// The import was cancelled (by the progress callback).
    Cancelled,
    /// The export could not be written.
    Write(String),
}

impl fmt::Display for QdpxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QdpxError::Read(e) => write!(f, "cannot be read: {e}"),
            QdpxError::NotAZip(e) => write!(
                f,
                "is not a REFI-QDA project (.qdpx): a .qdpx file is a zip archive, and this one \
                 cannot be opened as one ({e})"
            ),
            QdpxError::TooManyEntries { count } => write!(
                f,
                "lists {count} files in its archive, more than the {MAX_ENTRIES} any project has; \
                 refused as damaged or hostile"
            ),
            QdpxError::TooLarge { entry, limit } => write!(
                f,
                "unpacks {entry} to more than {}; refused as a possible zip bomb (export fewer \
                 or smaller sources)",
                format_mib(*limit)
            ),
            QdpxError::NoProjectQde => write!(
                f,
                "is not a REFI-QDA project (.qdpx): its archive has no project.qde"
            ),
            QdpxError::BadXml { line, message } => {
                write!(f, "has broken XML in project.qde, line {line}: {message}")
            }
            QdpxError::NotRefiQda(why) => write!(f, "is not a REFI-QDA project: {why}"),
            QdpxError::Invalid { element, problem } => {
                write!(
                    f,
                    "is damaged: in project.qde, {element}: {problem}; nothing was imported"
                )
            }
            QdpxError::BadContinuumCopy(why) => write!(
                f,
                "holds a damaged copy of a Continuum project (continuum/project.continuum): {why}"
            ),
            QdpxError::Cancelled => write!(f, "was not imported: cancelled"),
            QdpxError::Write(why) => write!(f, "could not be written: {why}"),
        }
    }
}

impl std::error::Error for QdpxError {}
