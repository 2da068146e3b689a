//! Word (.docx) and OpenDocument (.odt) text: both are zip archives with the body in one XML part
//! (`word/document.xml`, `content.xml`). Paragraphs become lines; headers, footers, comments,
//! footnotes, deleted (tracked) text and text boxes are left out, since they live in other parts or
//! in elements we skip. Table rows become one line each: a two-cell row whose first cell looks like
//! a speaker's name becomes "Name: text", the usual shape of a transcript kept in a table; other
//! rows join their cells with tabs.

use super::turns::speaker_prefix;
use super::{Format, ImportError};
use quick_xml::events::Event;
use std::io::Read;

/// No transcript's XML comes near this; more is treated as a zip bomb.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// Reads the body part out of the archive, refusing one that unpacks to more than the limit.
fn read_part(bytes: &[u8], part: &'static str, format: Format) -> Result<Vec<u8>, ImportError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ImportError::CorruptZip(e.to_string()))?;
    let entry = match archive.by_name(part) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(ImportError::MissingPart { format, part });
        }
        Err(e) => return Err(ImportError::CorruptZip(e.to_string())),
    };
    let mut xml = Vec::new();
    // Read one byte past the limit, whatever the archive claims the size is.
    entry
        .take(MAX_UNPACKED_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| ImportError::CorruptZip(e.to_string()))?;
    if xml.len() as u64 > MAX_UNPACKED_BYTES {
        return Err(ImportError::TooLargeUnpacked {
            part: part.to_owned(),
        });
    }
    Ok(xml)
}

/// The element names that matter, per format (local names, without the namespace prefix).
struct Vocabulary {
    part: &'static str,
    paragraph: &'static [&'static [u8]],
    text: Option<&'static [u8]>,
    tab: &'static [u8],
    line_break: &'static [&'static [u8]],
    table_row: &'static [u8],
    table_cell: &'static [u8],
    /// Elements whose whole content is skipped.
    skip: &'static [&'static [u8]],
    /// An element standing for spaces (ODF `text:s`, with a count attribute `c`).
    spaces: Option<&'static [u8]>,
}

const DOCX: Vocabulary = Vocabulary {
    part: "word/document.xml",
    paragraph: &[b"p"],
    text: Some(b"t"),
    tab: b"tab",
    line_break: &[b"br", b"cr"],
    table_row: b"tr",
    table_cell: b"tc",
    skip: &[
        b"del",
        b"instrText",
        b"txbxContent",
        b"Fallback",
        b"delText",
    ],
    spaces: None,
};

const ODT: Vocabulary = Vocabulary {
    part: "content.xml",
    paragraph: &[b"p", b"h"],
    text: None,
    tab: b"tab",
    line_break: &[b"line-break"],
    table_row: b"table-row",
    table_cell: b"table-cell",
    skip: &[
        b"annotation",
        b"note",
        b"tracked-changes",
        b"frame",
        b"forms",
        b"sequence-decls",
    ],
    spaces: Some(b"s"),
};

/// A table row being read: its non-empty cells, and how many cells it had in all (a row of
/// empty cells costs no memory, however many there are).
#[derive(Default)]
struct Row {
    cells: Vec<String>,
    count: usize,
}

/// What we are collecting while walking the XML. Every character added is charged against
/// `limit` first, so a document that expands (ODF's `<text:s text:c="…"/>` is 23 bytes for any
/// number of spaces) is refused while it expands, with no more than `limit` bytes held.
struct Collector {
    /// The document's text so far: one trimmed, non-empty line per paragraph, joined by `\n`.
    text: String,
    paragraph: String,
    in_paragraph: usize,
    /// The table row being read, and the depth of nested rows.
    row: Option<Row>,
    cell: Option<String>,
    row_depth: usize,
    /// Bytes of text produced so far (separators included), and the most allowed.
    produced: usize,
    limit: usize,
}

impl Collector {
    fn new(limit: usize) -> Self {
        Self {
            text: String::new(),
            paragraph: String::new(),
            in_paragraph: 0,
            row: None,
            cell: None,
            row_depth: 0,
            produced: 0,
            limit,
        }
    }

    /// Counts `bytes` more of output, refusing the document once it passes the limit.
    fn charge(&mut self, bytes: usize) -> Result<(), ImportError> {
        self.produced = self.produced.saturating_add(bytes);
        if self.produced > self.limit {
            return Err(ImportError::TooMuchText { limit: self.limit });
        }
        Ok(())
    }

    /// Adds text to the current paragraph.
    fn push_str(&mut self, text: &str) -> Result<(), ImportError> {
        self.charge(text.len())?;
        self.paragraph.push_str(text);
        Ok(())
    }

    /// Adds `count` spaces (ODF `text:s`), checking the count before making them.
    fn push_spaces(&mut self, count: usize) -> Result<(), ImportError> {
        self.charge(count)?;
        self.paragraph.extend(std::iter::repeat_n(' ', count));
        Ok(())
    }

    /// Adds a finished line to the text, unless it is empty (empty paragraphs cost nothing).
    fn push_line(&mut self, line: &str) -> Result<(), ImportError> {
        let line = line.trim();
        if line.is_empty() {
            return Ok(());
        }
        self.charge(1)?;
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(line);
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), ImportError> {
        let line = std::mem::take(&mut self.paragraph);
        match &mut self.cell {
            Some(cell) => {
                if !cell.is_empty() && !line.trim().is_empty() {
                    cell.push(' ');
                }
                cell.push_str(line.trim());
                self.charge(1)
            }
            None => self.push_line(&line),
        }
    }

    fn end_cell(&mut self) {
        if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
            row.count += 1;
            let cell = cell.trim();
            if !cell.is_empty() {
                row.cells.push(cell.to_owned());
            }
        }
    }

    fn end_row(&mut self) -> Result<(), ImportError> {
        let Some(row) = self.row.take() else {
            return Ok(());
        };
        let line = match row.cells.as_slice() {
            [name, said] if row.count == 2 && is_speaker_cell(name) => {
                format!("{}: {said}", name.trim_end_matches(':'))
            }
            cells => cells.join("\t"),
        };
        self.charge(2)?;
        self.push_line(&line)
    }
}

/// A table cell that holds only a speaker's name ("Mette", "Interviewer:").
fn is_speaker_cell(cell: &str) -> bool {
    let probe = format!("{}: x", cell.trim_end_matches(':'));
    !cell.is_empty() && speaker_prefix(&probe).is_some()
}

/// The document's paragraphs as lines (trimmed, without empty ones) joined by `\n`. Refuses a
/// document whose text would pass `limit` bytes, while reading it.
pub fn read_paragraphs(format: Format, bytes: &[u8], limit: usize) -> Result<String, ImportError> {
    let words = if format == Format::Docx { &DOCX } else { &ODT };
    let xml = read_part(bytes, words.part, format)?;
    let bad_xml = |message: String| ImportError::BadXml {
        part: words.part.to_owned(),
        message,
    };
    // Text counts inside a paragraph we are not skipping, and for Word only inside <w:t>.
    let collecting = |skipping: usize, out: &Collector, in_text_element: usize| {
        skipping == 0 && out.in_paragraph > 0 && (words.text.is_none() || in_text_element > 0)
    };
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buffer = Vec::new();
    let mut out = Collector::new(limit);
    let mut skipping = 0usize;
    let mut in_text_element = 0usize;
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|e| bad_xml(format!("{e} (at byte {})", reader.buffer_position())))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 || words.skip.contains(&name) {
                    skipping += 1;
                } else if words.paragraph.contains(&name) {
                    out.in_paragraph += 1;
                } else if Some(name) == words.text {
                    in_text_element += 1;
                } else if name == words.table_row {
                    out.row_depth += 1;
                    if out.row_depth == 1 {
                        out.row = Some(Row::default());
                    }
                } else if name == words.table_cell && out.row_depth == 1 {
                    out.cell = Some(String::new());
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 {
                    skipping -= 1;
                } else if words.paragraph.contains(&name) {
                    out.in_paragraph = out.in_paragraph.saturating_sub(1);
                    if out.in_paragraph == 0 {
                        out.end_line()?;
                    }
                } else if Some(name) == words.text {
                    in_text_element = in_text_element.saturating_sub(1);
                } else if name == words.table_cell && out.row_depth == 1 {
                    out.end_cell();
                } else if name == words.table_row {
                    if out.row_depth == 1 {
                        out.end_row()?;
                    }
                    out.row_depth = out.row_depth.saturating_sub(1);
                }
            }
            Event::Empty(e) if skipping == 0 && out.in_paragraph > 0 => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == words.tab {
                    out.push_str("\t")?;
                } else if words.line_break.contains(&name) {
                    out.end_line()?;
                } else if Some(name) == words.spaces {
                    out.push_spaces(space_count(&e))?;
                }
            }
            // Word keeps text only in <w:t>; ODF puts it directly in paragraphs and spans.
            Event::Text(t) if collecting(skipping, &out, in_text_element) => {
                let text = t.decode().map_err(|e| bad_xml(e.to_string()))?;
                out.push_str(&text)?;
            }
            // Some tools write text as CDATA (`<w:t><![CDATA[…]]></w:t>`); it is text all the same.
            Event::CData(t) if collecting(skipping, &out, in_text_element) => {
                let text = t.decode().map_err(|e| bad_xml(e.to_string()))?;
                out.push_str(&text)?;
            }
            Event::GeneralRef(r) if collecting(skipping, &out, in_text_element) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten()
                } else {
                    match r.decode().map_err(|e| bad_xml(e.to_string()))?.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    }
                };
                if let Some(c) = resolved {
                    out.push_str(c.encode_utf8(&mut [0; 4]))?;
                }
            }
            _ => {}
        }
        buffer.clear();
    }
    Ok(out.text)
}

/// The number of spaces an ODF `<text:s text:c="…"/>` stands for (1 without a count). Not capped
/// here: the collector's limit is what bounds the text.
fn space_count(element: &quick_xml::events::BytesStart) -> usize {
    element
        .try_get_attribute("text:c")
        .ok()
        .flatten()
        .and_then(|a| {
            std::str::from_utf8(&a.value)
                .ok()?
                .trim()
                .parse::<usize>()
                .ok()
        })
        .unwrap_or(1)
}
