//! How the search window puts things into words: the summary of what was found, who said a
//! hit, whether it is in an excerpt already, and the lists the filters choose from.

use crate::model::{Project, plural};
use crate::search::{Hit, Place, Results};
use crate::ui::view_state::ViewState;
use std::collections::HashSet;

/// Every speaker named in a turn, once, in alphabetical order; at most 200 (a list longer than
/// that is not chosen from).
pub(super) fn speaker_names(project: &Project) -> Vec<&str> {
    let mut names: Vec<&str> = project
        .transcripts
        .iter()
        .flat_map(|t| t.turns.iter().map(|turn| turn.speaker.as_str()))
        .filter(|name| !name.is_empty())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    names.sort_unstable();
    names.truncate(200);
    names
}

/// "23 hits in 4 transcripts · Vestbo 15, Lindely 8 · staff 12, citizen 11".
pub(super) fn summary(project: &Project, results: &Results) -> String {
    if results.total == 0 {
        return "No hits.".to_owned();
    }
    let mut parts = vec![format!(
        "{} in {}",
        plural(results.total - results.in_notes, "hit"),
        plural(results.by_transcript.len(), "transcript")
    )];
    if results.in_notes > 0 {
        parts.push(format!("{} in memos, labels and codes", results.in_notes));
    }
    let cases: Vec<String> = results
        .by_case
        .iter()
        .filter_map(|(case, n)| Some(format!("{} {n}", project.case((*case)?)?.name)))
        .collect();
    if !cases.is_empty() {
        parts.push(format!("by case: {}", cases.join(", ")));
    }
    let mut roles: Vec<String> = results
        .by_role
        .iter()
        .filter(|(role, _)| !role.is_empty())
        .map(|(role, n)| format!("{role} {n}"))
        .collect();
    if results.by_interviewer > 0 {
        roles.push(format!("interviewers {}", results.by_interviewer));
    }
    if !roles.is_empty() {
        parts.push(format!("by role: {}", roles.join(", ")));
    }
    if results.is_cut() {
        parts.push(format!(
            "only the first {} are listed; narrow the search to see the rest",
            results.hits.len()
        ));
    }
    parts.join(" · ")
}

/// The speaker of a hit in a transcript, or which note it is in.
pub(super) fn who(project: &Project, hit: &Hit) -> String {
    match hit.place {
        Place::Transcript(_) => hit.speaker.clone(),
        Place::PlacementMemo(annotator, _) => project
            .annotator(annotator)
            .map_or("placement memo".to_owned(), |a| {
                format!("memo of {}", a.name)
            }),
        _ => hit.place.kind().to_owned(),
    }
}

/// Whether the hit is already in an excerpt, and where the active annotator placed it.
pub(super) fn excerpt_note(project: &Project, view: &ViewState, hit: &Hit) -> String {
    let Some(excerpt) = hit
        .excerpt
        .filter(|_| matches!(hit.place, Place::Transcript(_)))
    else {
        return String::new();
    };
    let placed = view
        .active_annotator
        .and_then(|a| project.placement(a, excerpt));
    match placed {
        Some(placement) => {
            let anchor = project
                .continuum
                .nearest_anchor(placement.position)
                .map_or(String::new(), |a| format!(" {}", a.name));
            format!("in excerpt · {:.2}{anchor}", placement.position)
        }
        None => "in excerpt · not placed".to_owned(),
    }
}
