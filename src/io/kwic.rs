//! A search's hits as a keyword-in-context table: one row per hit with the names a reader needs
//! (transcript, case, role, speaker) and the words before, of and after the hit. The same rows
//! are written as CSV by the window's Export and by `continuum search --format csv`, and as JSON
//! by `--format json`.

use super::table::{Formulas, csv_writer, finish, write_row};
use crate::model::Project;
use crate::search::{Hit, Place, Results};
use serde::Serialize;
use std::path::Path;

/// The column names, in order. New columns go at the end.
pub const KWIC_COLUMNS: [&str; 11] = [
    "transcript",
    "case",
    "role",
    "speaker",
    "offset",
    "left",
    "hit",
    "right",
    "where",
    "end",
    "excerpt",
];

/// One hit with its names looked up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KwicRow {
    pub transcript: String,
    pub case: String,
    pub role: String,
    pub speaker: String,
    /// Char offsets of the hit in its text (the transcript, or the memo, label or codes).
    pub offset: usize,
    pub end: usize,
    pub left: String,
    pub hit: String,
    pub right: String,
    /// "transcript", "excerpt memo", "placement memo by Anna", …
    #[serde(rename = "where")]
    pub place: String,
    /// The id of the excerpt that holds the hit, or whose memo, label or codes it is in.
    pub excerpt: Option<u32>,
}

impl KwicRow {
    pub fn new(project: &Project, hit: &Hit) -> Self {
        let transcript = hit
            .transcript
            .and_then(|t| project.transcript(t))
            .map_or(String::new(), |t| t.name.clone());
        let case = hit
            .case
            .and_then(|c| project.case(c))
            .map_or(String::new(), |c| c.name.clone());
        let place = match hit.place {
            Place::PlacementMemo(annotator, _) => project.annotator(annotator).map_or_else(
                || hit.place.kind().to_owned(),
                |a| format!("{} by {}", hit.place.kind(), a.name),
            ),
            _ => hit.place.kind().to_owned(),
        };
        Self {
            transcript,
            case,
            role: hit.role.clone(),
            speaker: hit.speaker.clone(),
            offset: hit.start,
            end: hit.end,
            left: hit.left.clone(),
            hit: hit.matched.clone(),
            right: hit.right.clone(),
            place,
            excerpt: hit.excerpt.map(|e| e.0),
        }
    }
}

/// Every kept hit of `results` as a row.
pub fn kwic_rows(project: &Project, results: &Results) -> Vec<KwicRow> {
    results
        .hits
        .iter()
        .map(|hit| KwicRow::new(project, hit))
        .collect()
}

/// The rows as RFC 4180 CSV with a header row.
pub fn kwic_csv(rows: &[KwicRow], formulas: Formulas) -> String {
    let mut writer = csv_writer();
    write_row(&mut writer, KWIC_COLUMNS, Formulas::Keep);
    for row in rows {
        let excerpt = row.excerpt.map_or(String::new(), |e| e.to_string());
        let fields = [
            row.transcript.as_str(),
            &row.case,
            &row.role,
            &row.speaker,
            &row.offset.to_string(),
            &row.left,
            &row.hit,
            &row.right,
            &row.place,
            &row.end.to_string(),
            &excerpt,
        ];
        write_row(&mut writer, fields, formulas);
    }
    finish(writer)
}

/// Saves the rows as CSV (neutralised for spreadsheets) at `path`, atomically, never over a
/// project file.
pub fn save_kwic_csv(path: &Path, rows: &[KwicRow]) -> Result<(), String> {
    let table = kwic_csv(rows, Formulas::Neutralise);
    super::write_export(path, table.as_bytes(), "the hits")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Query, search};

    #[test]
    fn hits_become_rows_with_names_and_a_guarded_csv() {
        let mut project = Project::new("K");
        project.transcripts.push(crate::model::Transcript {
            id: crate::model::TranscriptId(1),
            name: "Interview, Mette".into(),
            participant: None,
            case: None,
            memo: String::new(),
            speakers: Vec::new(),
            turns: Vec::new(),
            text: "=SUM(A1) er som familie, sagde hun".into(),
        });
        let results = search(&project, &Query::words("familie")).unwrap();
        let rows = kwic_rows(&project, &results);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].offset, 16);
        let csv = kwic_csv(&rows, Formulas::Neutralise);
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("transcript,case,role,speaker,offset,left,hit,right,where,end,excerpt")
        );
        assert_eq!(
            lines.next(),
            Some(
                "\"Interview, Mette\",,,,16,'=SUM(A1) er som ,familie,\", sagde hun\",transcript,23,"
            )
        );
    }
}
