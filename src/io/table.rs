//! The placements as a table: one row per placement, RFC 4180 CSV in UTF-8 with a header row, for
//! spreadsheets, R or SPSS, and for `continuum agreement` to read back.

use crate::model::Project;

/// The column names, in order. New columns go at the end, so scripts that read by position keep
/// working.
pub const COLUMNS: [&str; 14] = [
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
];

/// Every placement of every annotator, ordered by annotator then excerpt.
pub fn placements_csv(project: &Project) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory only fails if the data could not be written at all, which a Vec cannot.
    let _ = writer.write_record(COLUMNS);
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
            let _ = writer.write_record([
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
                project.quote(excerpt),
                &placement.memo,
                &excerpt.label,
                // Codes never contain a line break; "; " keeps them apart and readable.
                &excerpt.codes.join("; "),
            ]);
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
