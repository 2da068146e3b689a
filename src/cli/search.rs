//! `continuum search`: every place a word, phrase or regular expression occurs in a project's
//! transcripts, as a keyword-in-context list (text), a table (CSV) or JSON. Exits with 1 when
//! nothing is found and 2 on an error, as grep does, so scripts can tell the two apart.

use super::agreement::OutputFormat;
use super::names::{case_named, known_code, known_role, transcript_named};
use super::{CliError, Printed};
use crate::io::{self, Formulas, KwicRow};
use crate::model::{Project, plural, short_label};
use crate::search::{self, Mode, Query, Results, Scope, Speakers};
use std::fmt::Write as _;
use std::path::PathBuf;

/// `--speaker`: whose words are searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SpeakerArg {
    Participant,
    Interviewer,
    All,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The project file.
    pub project: PathBuf,
    /// What to look for: any of these words ("quoted words" are a phrase), or with --regex a
    /// regular expression.
    pub pattern: String,
    /// The pattern is a regular expression (Rust regex syntax; ^ and $ match at line ends).
    #[arg(long)]
    pub regex: bool,
    /// All the words together, in this order, as one phrase.
    #[arg(long, conflicts_with = "regex")]
    pub phrase: bool,
    /// Only whole words: not "familien" for "familie".
    #[arg(long)]
    pub whole_word: bool,
    /// Upper and lower case differ (by default "Familie" finds "familie").
    #[arg(long)]
    pub match_case: bool,
    /// Letters with and without accents are the same ("cafe" finds "café"). Off by default:
    /// in Danish "å" is a letter of its own.
    #[arg(long)]
    pub ignore_accents: bool,
    /// Whose words: the participants' own, the interviewer's, or everyone's.
    #[arg(long, value_enum, default_value_t = SpeakerArg::All)]
    pub speaker: SpeakerArg,
    /// Only the turns of the speaker with this name.
    #[arg(long, value_name = "NAME", conflicts_with = "speaker")]
    pub speaker_name: Option<String>,
    /// Only transcripts of this case (by name).
    #[arg(long)]
    pub case: Option<String>,
    /// Only words of speakers with this role.
    #[arg(long)]
    pub role: Option<String>,
    /// Only hits inside excerpts with this code.
    #[arg(long)]
    pub code: Option<String>,
    /// Only this transcript (by name).
    #[arg(long)]
    pub transcript: Option<String>,
    /// Also search memos, excerpt labels and codes.
    #[arg(long)]
    pub notes: bool,
    /// Output as text (a keyword-in-context list), csv or json.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Write text fields exactly as stored in CSV (see export-csv).
    #[arg(long)]
    pub keep_formulas: bool,
}

/// The exit code of a search that went wrong (1 means nothing was found).
const FAILED: u8 = 2;

pub(super) fn search(args: &SearchArgs) -> Result<Printed, CliError> {
    let fail = |message: String| CliError::new(message).with_code(FAILED);
    let project = io::load_project(&args.project).map_err(|e| fail(e.to_string()))?;
    let query = query(args, &project).map_err(|e| e.with_code(FAILED))?;
    let results = search::search(&project, &query).map_err(|e| fail(e.to_string()))?;
    let rows = io::kwic_rows(&project, &results);
    let text = match args.format {
        OutputFormat::Text => kwic_text(&project, &results, &rows),
        OutputFormat::Csv => io::kwic_csv(&rows, Formulas::keeping(args.keep_formulas)),
        OutputFormat::Json => {
            let json = serde_json::json!({
                "pattern": args.pattern,
                "total": results.total,
                "shown": results.hits.len(),
                "hits": rows,
            });
            format!("{json:#}\n")
        }
    };
    Ok(Printed {
        text,
        errors: Vec::new(),
        code: if results.total == 0 { 1 } else { 0 },
    })
}

fn query(args: &SearchArgs, project: &Project) -> Result<Query, CliError> {
    let case = args
        .case
        .as_deref()
        .map(|name| case_named(project, name))
        .transpose()?;
    let transcript = args
        .transcript
        .as_deref()
        .map(|name| transcript_named(project, name))
        .transpose()?;
    if let Some(role) = &args.role {
        known_role(project, role)?;
    }
    if let Some(code) = &args.code {
        known_code(project, code)?;
    }
    let speakers = match (&args.speaker_name, args.speaker) {
        (Some(name), _) => Speakers::Named(name.clone()),
        (None, SpeakerArg::All) => Speakers::All,
        (None, SpeakerArg::Participant) => Speakers::Participants,
        (None, SpeakerArg::Interviewer) => Speakers::Interviewer,
    };
    Ok(Query {
        text: args.pattern.clone(),
        mode: if args.regex {
            Mode::Regex
        } else if args.phrase {
            Mode::Phrase
        } else {
            Mode::Words
        },
        whole_words: args.whole_word,
        match_case: args.match_case,
        ignore_accents: args.ignore_accents,
        scope: Scope {
            transcript,
            speakers,
            case,
            role: args.role.clone(),
            code: args.code.clone(),
            notes: args.notes,
        },
    })
}

/// Chars of context printed on each side in the text list.
const SHOWN_CONTEXT: usize = 36;

/// A keyword-in-context list: a heading per transcript with its count, then one line per hit,
/// the hits aligned in one column.
fn kwic_text(project: &Project, results: &Results, rows: &[KwicRow]) -> String {
    let mut out = String::new();
    let mut heading = None;
    for (hit, row) in results.hits.iter().zip(rows) {
        let group = (
            hit.transcript,
            matches!(hit.place, search::Place::Transcript(_)),
        );
        if heading != Some(group) {
            heading = Some(group);
            let count = match hit.place {
                search::Place::Transcript(t) => results.by_transcript.get(&t).copied(),
                _ => None,
            };
            let mut title = if group.1 {
                row.transcript.clone()
            } else if row.transcript.is_empty() {
                "Project memo".to_owned()
            } else {
                format!("{}: memos, labels and codes", row.transcript)
            };
            let role = hit
                .transcript
                .and_then(|t| project.transcript(t))
                .and_then(|t| t.participant)
                .and_then(|p| project.participant(p))
                .map_or("", |p| p.role.as_str());
            let about: Vec<&str> = [row.case.as_str(), role]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if group.1 && !about.is_empty() {
                let _ = write!(title, " ({})", about.join(", "));
            }
            if let Some(count) = count {
                let _ = write!(title, " — {}", plural(count, "hit"));
            }
            let _ = writeln!(out, "{}{title}", if out.is_empty() { "" } else { "\n" });
        }
        let left: String = {
            let chars: Vec<char> = row.left.chars().collect();
            chars[chars.len().saturating_sub(SHOWN_CONTEXT)..]
                .iter()
                .collect()
        };
        let right: String = row.right.chars().take(SHOWN_CONTEXT).collect();
        let who = if group.1 {
            row.speaker.as_str()
        } else {
            row.place.as_str()
        };
        let _ = writeln!(
            out,
            "{:>8}  {:<14} {left:>width$}[{}]{right}",
            row.offset,
            short_label(who, 14),
            row.hit,
            width = SHOWN_CONTEXT
        );
    }
    if results.total == 0 {
        let searched = plural(project.transcripts.len(), "transcript");
        let _ = writeln!(out, "No hits in {searched}.");
        return out;
    }
    let mut parts = Vec::new();
    if !results.by_transcript.is_empty() {
        let in_text = results.total - results.in_notes;
        parts.push(format!(
            "{} in {}",
            plural(in_text, "hit"),
            plural(results.by_transcript.len(), "transcript")
        ));
    }
    if results.in_notes > 0 {
        parts.push(format!(
            "{} in memos, labels and codes",
            plural(results.in_notes, "hit")
        ));
    }
    let _ = writeln!(out, "\n{}", parts.join("; "));
    if results.is_cut() {
        let _ = writeln!(
            out,
            "Only the first {} are listed; narrow the search to see the rest.",
            results.hits.len()
        );
    }
    out
}
