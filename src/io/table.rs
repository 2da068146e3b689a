//! The placements as a table: one row per placement, RFC 4180 CSV in UTF-8 with a header row, for
//! spreadsheets, R or SPSS, and for `continuum agreement` to read back.

use crate::model::{CharIndex, Project, TranscriptId};
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// The largest table `continuum agreement` reads: as large as a project file may be.
pub const MAX_TABLE_BYTES: u64 = 512 * 1024 * 1024;

/// The column names, in order. New columns go at the end, so scripts that read by position keep
/// working.
pub const COLUMNS: [&str; 15] = [
    "annotator",
    "excerpt",
    "transcript",
    "case",
    "participant",
    "role",
    "start",
    "end",
    "position",
    "nearest_anchor",
    "quote",
    "memo",
    "label",
    "codes",
    // `true` for the team's settled layer: not a coder, so agreement read back from the table
    // leaves it out, as agreement on the project does.
    "consensus",
];

/// Whether text fields that a spreadsheet would run as a formula are neutralised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formulas {
    /// A field starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
    /// as OWASP advises against CSV injection: a participant's or annotator's name such as
    /// `=cmd|' /C calc'!A0` must not run when a co-author opens the table in Excel or LibreOffice.
    /// Numbers (a position, an offset) are never changed.
    Neutralise,
    /// Fields exactly as stored, for R or pandas, which never run formulas.
    Keep,
}

impl Formulas {
    /// `Keep` when the user asked to keep fields as stored (`--keep-formulas`), else `Neutralise`.
    pub fn keeping(keep: bool) -> Self {
        if keep {
            Formulas::Keep
        } else {
            Formulas::Neutralise
        }
    }
}

/// Makes a field safe to open in a spreadsheet (see [`Formulas::Neutralise`]).
pub fn neutralise_formula(field: &str) -> std::borrow::Cow<'_, str> {
    let risky = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && field.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{field}"))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

/// Every placement of every annotator, ordered by annotator then excerpt.
pub fn placements_csv(project: &Project, formulas: Formulas) -> String {
    let mut writer = csv_writer();
    write_row(&mut writer, COLUMNS, Formulas::Keep);
    // One char index per transcript, built when first needed: quotes are sliced by char offsets.
    let mut indexes: HashMap<TranscriptId, CharIndex> = HashMap::new();
    for annotator in &project.annotators {
        for placement in &annotator.placements {
            let Some(excerpt) = project.excerpt(placement.excerpt) else {
                continue;
            };
            let transcript = project.transcript(excerpt.transcript);
            let case = transcript
                .and_then(|t| project.case_of_transcript(t))
                .and_then(|c| project.case(c))
                .map_or("", |c| c.name.as_str());
            let participant = transcript
                .and_then(|t| t.participant)
                .and_then(|p| project.participant(p));
            let anchor = project
                .continuum
                .nearest_anchor(placement.position)
                .map_or("", |a| a.name.as_str());
            let quote = transcript.map_or("", |t| {
                indexes
                    .entry(t.id)
                    .or_insert_with(|| CharIndex::new(&t.text))
                    .slice(excerpt.start, excerpt.end)
            });
            let fields = [
                annotator.name.as_str(),
                &excerpt.id.to_string(),
                transcript.map_or("", |t| t.name.as_str()),
                case,
                participant.map_or("", |p| p.name.as_str()),
                participant.map_or("", |p| p.role.as_str()),
                &excerpt.start.to_string(),
                &excerpt.end.to_string(),
                &placement.position.to_string(),
                anchor,
                quote,
                &placement.memo,
                &excerpt.label,
                // Codes never contain a line break; "; " keeps them apart and readable.
                &excerpt.codes.join("; "),
                if annotator.consensus { "true" } else { "false" },
            ];
            write_row(&mut writer, fields, formulas);
        }
    }
    finish(writer)
}

/// A CSV writer to memory as every table of ours is written: RFC 4180 with CRLF line ends.
pub(crate) fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

/// Writes one row of text fields, neutralised for spreadsheets unless `formulas` says keep.
pub(crate) fn write_row<'f>(
    writer: &mut csv::Writer<Vec<u8>>,
    fields: impl IntoIterator<Item = &'f str>,
    formulas: Formulas,
) {
    // Writing to memory only fails if the data could not be written at all, which a Vec cannot.
    for field in fields {
        let _ = match formulas {
            Formulas::Keep => writer.write_field(field),
            Formulas::Neutralise => writer.write_field(neutralise_formula(field).as_ref()),
        };
    }
    // An empty record ends the row of fields written one by one.
    let _ = writer.write_record(None::<&[u8]>);
}

/// The table written, as text.
pub(crate) fn finish(writer: csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Reads a table such as [`placements_csv`] writes, for `continuum agreement`: only a regular
/// file, since a device such as /dev/zero would be read until memory runs out and a named pipe
/// would block forever, and at most [`MAX_TABLE_BYTES`], counted while reading too, so a file
/// that grows cannot slip past. Errors are sentences that name the file.
pub fn read_table(path: &Path) -> Result<String, String> {
    use std::io::ErrorKind;
    let name = path.display();
    let too_large = |bytes: u64| {
        format!(
            "{name}: is {} MiB, larger than a table can be ({} MiB); give one with only the \
             columns annotator, excerpt and position (and case or role)",
            bytes.div_ceil(1 << 20),
            MAX_TABLE_BYTES >> 20
        )
    };
    // The bounded read of every other file, with the table's own words for what it refuses.
    let bytes = super::read_bounded(path, MAX_TABLE_BYTES).map_err(|e| match e.kind() {
        ErrorKind::IsADirectory => format!("{name}: is a folder, not a table"),
        ErrorKind::InvalidInput => format!(
            "{name}: is not a regular file (it is a device, a named pipe or a socket), so it is \
             not read; give a CSV file"
        ),
        // Over the limit by its size, or by what was read if it grew while being read.
        ErrorKind::FileTooLarge => too_large(
            fs::metadata(path)
                .map_or(0, |m| m.len())
                .max(MAX_TABLE_BYTES + 1),
        ),
        _ => format!("{name}: cannot be read: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
