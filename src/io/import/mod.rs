//! Reading transcripts from other programs' files: plain text and Markdown in any common encoding,
//! Word (.docx), OpenDocument (.odt), and subtitles (.vtt, .srt). Each reader turns its file into
//! paragraphs and speaker turns; nothing here touches a project, so a file that fails changes
//! nothing.

mod decode;
mod subtitles;
mod turns;
mod xml_document;

pub use turns::{speaker_prefix, split_speaker_turns};

use crate::model::Turn;
use std::fmt;
use std::path::Path;

/// Files larger than this are refused: a transcript of many hours is a few megabytes.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// The kinds of file we read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    PlainText,
    Markdown,
    Docx,
    Odt,
    WebVtt,
    Srt,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::PlainText => "plain text",
            Format::Markdown => "Markdown",
            Format::Docx => "Word document (.docx)",
            Format::Odt => "OpenDocument text (.odt)",
            Format::WebVtt => "WebVTT subtitles",
            Format::Srt => "SubRip subtitles (.srt)",
        })
    }
}

/// A transcript read from a file, ready to be added to a project.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedText {
    pub format: Format,
    /// The character encoding the bytes were in, for text formats ("UTF-8", "windows-1252", …).
    pub encoding: &'static str,
    /// One paragraph per line, LF line ends.
    pub text: String,
    pub turns: Vec<Turn>,
    /// Size of the file in bytes.
    pub bytes: u64,
}

impl ImportedText {
    /// The speakers named in the turns, in order of first appearance.
    pub fn speakers(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for turn in &self.turns {
            if !turn.speaker.is_empty() && !names.contains(&turn.speaker) {
                names.push(turn.speaker.clone());
            }
        }
        names
    }

    /// The first `lines` paragraphs, each with its speaker, for a preview.
    pub fn preview(&self, lines: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut offset = 0;
        for line in self.text.split('\n').take(lines) {
            let speaker = self
                .turns
                .iter()
                .find(|t| t.start == offset && !t.speaker.is_empty())
                .map(|t| format!("{}: ", t.speaker))
                .unwrap_or_default();
            out.push(format!("{speaker}{line}"));
            offset += line.chars().count() + 1;
        }
        out
    }

    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Why a file could not be imported. Each says what is wrong in words a researcher can act on.
#[derive(Debug, PartialEq)]
pub enum ImportError {
    Read(String),
    Empty,
    TooLarge { bytes: u64 },
    Unsupported { extension: String },
    Binary,
    Undecodable { encoding: &'static str },
    CorruptZip(String),
    MissingPart { format: Format, part: &'static str },
    TooLargeUnpacked { part: String },
    BadXml { part: String, message: String },
    Subtitles { line: usize, message: String },
    NoText,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Read(e) => write!(f, "cannot be read: {e}"),
            ImportError::Empty => write!(f, "is empty"),
            ImportError::TooLarge { bytes } => write!(
                f,
                "is {} MB, more than any transcript ({} MB at most)",
                bytes / 1_000_000,
                MAX_IMPORT_BYTES / 1_000_000
            ),
            ImportError::Unsupported { extension } => write!(
                f,
                "is a .{extension} file; Continuum imports .txt, .md, .docx, .odt, .vtt and .srt"
            ),
            ImportError::Binary => write!(f, "is not text (it contains binary data)"),
            ImportError::Undecodable { encoding } => write!(
                f,
                "is not readable text: it is not valid {encoding}, and no other common encoding fits"
            ),
            ImportError::CorruptZip(e) => write!(
                f,
                "is damaged: a .docx or .odt file is a zip archive, and this one cannot be opened ({e})"
            ),
            ImportError::MissingPart { format, part } => {
                write!(f, "is not a real {format}: it has no {part}")
            }
            ImportError::TooLargeUnpacked { part } => write!(
                f,
                "unpacks to an implausibly large {part} (over {} MB); refused as a possible zip bomb",
                xml_document::MAX_UNPACKED_BYTES / 1_000_000
            ),
            ImportError::BadXml { part, message } => {
                write!(f, "has broken XML in {part}: {message}")
            }
            ImportError::Subtitles { line, message } => write!(f, "line {line}: {message}"),
            ImportError::NoText => write!(f, "contains no text"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads and converts one file.
pub fn import_file(path: &Path) -> Result<ImportedText, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| ImportError::Read(e.to_string()))?;
    if meta.is_dir() {
        return Err(ImportError::Read("it is a folder".to_owned()));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: meta.len() });
    }
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read(e.to_string()))?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    import_bytes(&extension, &bytes)
}

/// Converts the bytes of a file with the given extension (lower case, without the dot).
pub fn import_bytes(extension: &str, bytes: &[u8]) -> Result<ImportedText, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let format = match extension {
        "txt" | "text" | "" => Format::PlainText,
        "md" | "markdown" => Format::Markdown,
        "docx" => Format::Docx,
        "odt" => Format::Odt,
        "vtt" => Format::WebVtt,
        "srt" => Format::Srt,
        other => {
            return Err(ImportError::Unsupported {
                extension: other.to_owned(),
            });
        }
    };
    let (paragraphs_text, encoding, turns) = match format {
        Format::PlainText | Format::Markdown => {
            let (text, encoding) = decode::decode_text(bytes)?;
            let (text, turns) = split_speaker_turns(&text);
            (text, encoding, turns)
        }
        Format::Docx | Format::Odt => {
            let lines = xml_document::read_paragraphs(format, bytes)?;
            let (text, turns) = split_speaker_turns(&lines.join("\n"));
            (text, "UTF-8", turns)
        }
        Format::WebVtt | Format::Srt => {
            let (text, encoding) = decode::decode_text(bytes)?;
            let (text, turns) = subtitles::read(format, &text)?;
            (text, encoding, turns)
        }
    };
    if paragraphs_text.trim().is_empty() {
        return Err(ImportError::NoText);
    }
    Ok(ImportedText {
        format,
        encoding,
        text: paragraphs_text,
        turns,
        bytes: bytes.len() as u64,
    })
}
