//! Reading transcripts from other programs' files: plain text and Markdown in any common encoding,
//! Word (.docx), OpenDocument (.odt), and subtitles (.vtt, .srt). Each reader turns its file into
//! paragraphs and speaker turns; nothing here touches a project, so a file that fails changes
//! nothing.

mod decode;
mod subtitles;
mod turns;
mod xml_document;

pub(crate) use decode::decode_text;
pub use turns::{KeptRun, speaker_prefix, split_speaker_turns, split_speaker_turns_mapped};

use crate::model::Turn;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// One mebibyte: sizes in messages are in MiB, as in the documentation.
const MIB: u64 = 1024 * 1024;

/// Files larger than this are refused: a transcript of many hours is a few MiB.
pub const MAX_IMPORT_BYTES: u64 = 64 * MIB;

/// The most text (in bytes of UTF-8) one imported file may produce. A file's size does not bound
/// its text: a zipped document unpacks, ODF writes any number of spaces as one 23-byte
/// `<text:s text:c="…"/>`, and a legacy encoding can triple in UTF-8. A ten-hour interview is
/// under 1 MiB of text, so 64 MiB is far past any transcript, and several such imports still fit
/// in a project file, which may be at most 512 MiB
/// ([`MAX_PROJECT_BYTES`](crate::io::project_file::MAX_PROJECT_BYTES)) after escaping.
pub const MAX_IMPORT_TEXT_BYTES: usize = 64 * 1024 * 1024;

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
    /// Whether the encoding was certain or guessed; see [`ImportedText::encoding_report`].
    pub encoding_confidence: EncodingConfidence,
    /// One paragraph per line, LF line ends.
    pub text: String,
    pub turns: Vec<Turn>,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// How sure the importer is of a file's character encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingConfidence {
    /// Announced by a byte-order mark, valid UTF-8, or a format that is always UTF-8.
    Certain,
    /// Guessed from the bytes (a file in a legacy encoding says nothing about it): `percent` of
    /// its accented words and symbols read like real text (see `decode::plausibility`).
    Guessed { percent: u8 },
}

/// At or above this share of plausible words a guessed encoding is reported as likely right.
const CONFIDENT_PERCENT: u8 = 90;

impl ImportedText {
    /// The speakers named in the turns, in order of first appearance. A set remembers who has
    /// been seen: a list made this quadratic (100,000 distinct speakers took over a minute).
    pub fn speakers(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.turns
            .iter()
            .filter(|t| !t.speaker.is_empty() && seen.insert(t.speaker.as_str()))
            .map(|t| t.speaker.clone())
            .collect()
    }

    /// The encoding as the import report shows it: the name, and for a guess how sure it is, so
    /// a wrong guess (mojibake) is not taken silently.
    pub fn encoding_report(&self) -> String {
        match self.encoding_confidence {
            EncodingConfidence::Certain => self.encoding.to_owned(),
            EncodingConfidence::Guessed { percent } if percent >= CONFIDENT_PERCENT => format!(
                "{} (guessed: not UTF-8; high confidence, {percent}% of accented words read as words)",
                self.encoding
            ),
            EncodingConfidence::Guessed { percent } => format!(
                "{} (guessed: not UTF-8; low confidence, only {percent}% of accented words read \
                 as words; check the preview, and save the file as UTF-8 if it looks wrong)",
                self.encoding
            ),
        }
    }

    /// The first `lines` paragraphs, each with its speaker, for a preview.
    pub fn preview(&self, lines: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut offset = 0;
        for line in self.text.split('\n').take(lines) {
            // Turns are in text order: find the one starting here by binary search.
            let at = self.turns.partition_point(|t| t.start < offset);
            let speaker = self.turns[at..]
                .iter()
                .take_while(|t| t.start == offset)
                .find(|t| !t.speaker.is_empty())
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
    /// The path is a folder, a device, a named pipe or a socket, not a file.
    NotAFile {
        kind: &'static str,
    },
    Empty,
    TooLarge {
        bytes: u64,
    },
    /// The text would be longer than `limit` bytes ([`MAX_IMPORT_TEXT_BYTES`]).
    TooMuchText {
        limit: usize,
    },
    /// The text decoded to mostly control or replacement characters.
    Garbled {
        encoding: &'static str,
        percent: u8,
    },
    Unsupported {
        extension: String,
    },
    Binary,
    Undecodable {
        encoding: &'static str,
    },
    CorruptZip(String),
    MissingPart {
        format: Format,
        part: &'static str,
    },
    TooLargeUnpacked {
        part: String,
    },
    BadXml {
        part: String,
        message: String,
    },
    Subtitles {
        line: usize,
        message: String,
    },
    NoText,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Read(e) => write!(f, "cannot be read: {e}"),
            ImportError::NotAFile { kind } => write!(
                f,
                "is not a regular file but {kind}; only files can be imported"
            ),
            ImportError::Empty => write!(f, "is empty"),
            ImportError::TooLarge { .. } => write!(
                f,
                "is larger than {}, more than any transcript (a transcript of many hours is a few MiB)",
                crate::io::format_mib(MAX_IMPORT_BYTES)
            ),
            ImportError::TooMuchText { limit } => write!(
                f,
                "would expand to more than {} of text, more than any transcript; \
                 refused as damaged or hostile",
                crate::io::format_mib(*limit as u64)
            ),
            ImportError::Garbled { encoding, percent } => write!(
                f,
                "is not readable text: read as {encoding}, {percent}% of it is control characters \
                 or characters that could not be decoded"
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
                "unpacks to an implausibly large {part} (over {}); refused as a possible zip bomb",
                crate::io::format_mib(xml_document::MAX_UNPACKED_BYTES)
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

/// What a path is when it is not a regular file, for the message; `None` for a regular file.
fn not_a_file(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("something other than a file")
}

/// Reads at most `limit` bytes; more is refused without reading further. The size a file claims
/// is not trusted (files in /proc say 0, a file can grow while it is read).
fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, ImportError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Read(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Reads and converts one file. Anything but a regular file (a folder, a FIFO that would block, a
/// link to `/dev/zero` that never ends) is refused before it is opened, and the read itself is
/// bounded by [`MAX_IMPORT_BYTES`].
pub fn import_file(path: &Path) -> Result<ImportedText, ImportError> {
    // `metadata` follows symbolic links, so a link is judged by what it points to.
    let meta = std::fs::metadata(path).map_err(|e| ImportError::Read(e.to_string()))?;
    if let Some(kind) = not_a_file(meta.file_type()) {
        return Err(ImportError::NotAFile { kind });
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: meta.len() });
    }
    let file = std::fs::File::open(path).map_err(|e| ImportError::Read(e.to_string()))?;
    // The path may have been replaced between the check and the opening: check what was opened.
    let opened = file
        .metadata()
        .map_err(|e| ImportError::Read(e.to_string()))?;
    if let Some(kind) = not_a_file(opened.file_type()) {
        return Err(ImportError::NotAFile { kind });
    }
    let bytes = read_bounded(file, MAX_IMPORT_BYTES)?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    import_bytes(&extension, &bytes)
}

/// Converts the bytes of a file with the given extension (lower case, without the dot).
pub fn import_bytes(extension: &str, bytes: &[u8]) -> Result<ImportedText, ImportError> {
    import_bytes_within(extension, bytes, MAX_IMPORT_TEXT_BYTES)
}

/// [`import_bytes`] with the text limit as a parameter, so tests can reach it with small files.
fn import_bytes_within(
    extension: &str,
    bytes: &[u8],
    limit: usize,
) -> Result<ImportedText, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
        });
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
    let (paragraphs_text, encoding, encoding_confidence, turns) = match format {
        Format::PlainText | Format::Markdown => {
            let decoded = decode::decode_text(bytes, limit)?;
            let (text, turns) = split_speaker_turns(&decoded.text);
            (text, decoded.encoding, decoded.confidence, turns)
        }
        Format::Docx | Format::Odt => {
            let text = xml_document::read_paragraphs(format, bytes, limit)?;
            let (text, turns) = split_speaker_turns(&text);
            (text, "UTF-8", EncodingConfidence::Certain, turns)
        }
        Format::WebVtt | Format::Srt => {
            let decoded = decode::decode_text(bytes, limit)?;
            let (text, turns) = subtitles::read(format, &decoded.text)?;
            (text, decoded.encoding, decoded.confidence, turns)
        }
    };
    if paragraphs_text.trim().is_empty() {
        return Err(ImportError::NoText);
    }
    // Every reader is bounded while it reads; this says so for whatever comes after.
    if paragraphs_text.len() > limit {
        return Err(ImportError::TooMuchText { limit });
    }
    Ok(ImportedText {
        format,
        encoding,
        encoding_confidence,
        text: paragraphs_text,
        turns,
        bytes: bytes.len() as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A zip holding one part, as a minimal .docx or .odt.
    fn zipped(part: &str, xml: &str) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        writer.start_file(part, options).unwrap();
        writer.write_all(xml.as_bytes()).unwrap();
        writer.finish().unwrap().into_inner()
    }

    fn odt(body: &str) -> Vec<u8> {
        zipped(
            "content.xml",
            &format!(
                r#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
            ),
        )
    }

    fn docx(body: &str) -> Vec<u8> {
        zipped(
            "word/document.xml",
            &format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#),
        )
    }

    /// Issue 11, item 8: every kind of output counts against the limit, not only text: ODF spaces,
    /// tabs and line breaks, Word text and breaks, plain text and subtitles. A limit of 1000 bytes
    /// stands for the real 64 MiB.
    #[test]
    fn every_importer_stops_at_the_text_limit() {
        let too_much = Err(ImportError::TooMuchText { limit: 1000 });
        let check = |extension: &str, bytes: &[u8]| {
            assert_eq!(
                import_bytes_within(extension, bytes, 1000).map(|i| i.text.len()),
                too_much,
                "{extension}"
            );
        };
        check(
            "odt",
            &odt(r#"<text:p>a<text:s text:c="18446744073709551615"/></text:p>"#),
        );
        check(
            "odt",
            &odt(&format!(
                "<text:p>a{}b</text:p>",
                "<text:tab/>".repeat(1001)
            )),
        );
        check(
            "odt",
            &odt(&format!(
                "<text:p>{}</text:p>",
                "a<text:line-break/>".repeat(600)
            )),
        );
        check("odt", &odt(&"<text:p>ab</text:p>".repeat(400)));
        check(
            "docx",
            &docx(&format!(
                "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
                "a".repeat(1001)
            )),
        );
        check(
            "docx",
            &docx(&format!(
                "<w:p><w:r><w:t>a</w:t>{}</w:r></w:p>",
                "<w:tab/>".repeat(1001)
            )),
        );
        check("txt", "Mette: ja\n".repeat(101).as_bytes());
        check("md", "æ".repeat(501).as_bytes());
        let vtt = format!("WEBVTT\n\n00:01.000 --> 00:02.000\n{}\n", "a".repeat(1001));
        check("vtt", vtt.as_bytes());
        // Under the limit, the same shapes import.
        let fine = import_bytes_within(
            "odt",
            &odt(r#"<text:p>a<text:s text:c="3"/>b</text:p>"#),
            1000,
        );
        assert_eq!(fine.unwrap().text, "a   b");
    }

    #[test]
    fn the_text_limit_error_names_the_limit_in_mib() {
        assert_eq!(
            ImportError::TooMuchText {
                limit: MAX_IMPORT_TEXT_BYTES
            }
            .to_string(),
            "would expand to more than 64 MiB of text, more than any transcript; refused as \
             damaged or hostile"
        );
    }

    /// Issue 11, item 10: a file whose size says little (files in /proc say 0) or that grows while
    /// it is read is still read only to the limit, never to the end.
    #[test]
    fn an_endless_file_is_read_only_to_the_limit() {
        let endless = std::io::repeat(b'a');
        assert!(matches!(
            read_bounded(endless, 1000),
            Err(ImportError::TooLarge { bytes: 1001 })
        ));
        assert_eq!(read_bounded(&b"abc"[..], 3).unwrap(), b"abc");
    }

    /// Issue 11, item 15: CDATA is text; it was silently dropped.
    #[test]
    fn cdata_is_read_in_word_and_opendocument() {
        let word = docx("<w:p><w:r><w:t><![CDATA[Mette: a < b & c]]></w:t></w:r></w:p>");
        let imported = import_bytes("docx", &word).unwrap();
        assert_eq!(imported.text, "a < b & c");
        assert_eq!(imported.speakers(), ["Mette"]);
        let open = odt("<text:p>Ib: <![CDATA[ja]]> tak</text:p>");
        assert_eq!(import_bytes("odt", &open).unwrap().text, "ja tak");
    }

    /// Issue 11, item 11: finding the speakers was quadratic (a list searched per turn).
    #[test]
    fn speakers_are_listed_once_in_order_of_appearance() {
        let text: String = (0..2000)
            .map(|i| format!("Person {}: ja\n", i % 1000))
            .collect();
        let imported = import_bytes("txt", text.as_bytes()).unwrap();
        let speakers = imported.speakers();
        assert_eq!(speakers.len(), 1000);
        assert_eq!(speakers[0], "Person 0");
        assert_eq!(speakers[999], "Person 999");
        assert_eq!(
            imported.preview(3),
            ["Person 0: ja", "Person 1: ja", "Person 2: ja"]
        );
    }
}
