//! The first phase of the layout: which placements the map shows, and in which lane each goes,
//! with the colour and label its marker gets.
//!
//! Implementation notes: lanes are kept in a `BTreeMap` by name, so their order is stable (by
//! name) whatever order the project lists things in, and the same project always gives the same
//! figure.

use super::{Item, case_colour};
use crate::map::settings::{ColourBy, GroupBy, Labels, MapSettings};
use crate::model::{Annotator, CaseId, CharIndex, Excerpt, ExcerptId, Project, TranscriptId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The placements that pass, by lane name.
pub(super) struct Lanes {
    pub lanes: BTreeMap<String, Vec<Item>>,
    /// The cases whose markers were coloured by case (for the legend); empty when colouring by
    /// annotator.
    pub cases_shown: BTreeSet<Option<CaseId>>,
}

/// Groups the placements of the `shown` annotators that pass the filters into lanes.
pub(super) fn group(project: &Project, settings: &MapSettings, shown: &[&Annotator]) -> Lanes {
    let mut lanes: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut cases_shown = BTreeSet::new();
    let mut indexes = HashMap::new();
    for annotator in shown {
        for placement in &annotator.placements {
            let Some(excerpt) = project.excerpt(placement.excerpt) else {
                continue;
            };
            if !settings.filter.passes(project, excerpt) {
                continue;
            }
            let transcript = project.transcript(excerpt.transcript);
            let participant = transcript
                .and_then(|t| t.participant)
                .and_then(|p| project.participant(p));
            let case = transcript.and_then(|t| project.case_of_transcript(t));
            let lane = match settings.group_by {
                GroupBy::Case => case.and_then(|c| project.case(c)).map(|c| c.name.clone()),
                GroupBy::Role => participant.map(|p| p.role.clone()),
                GroupBy::Participant => participant.map(|p| p.name.clone()),
                GroupBy::Transcript => transcript.map(|t| t.name.clone()),
                GroupBy::Annotator => Some(annotator.name.clone()),
            }
            .unwrap_or_else(|| "(none)".to_owned());
            let colour = match settings.colour_by {
                ColourBy::Annotator => annotator.colour,
                ColourBy::Case => {
                    cases_shown.insert(case);
                    case_colour(project, case)
                }
            };
            let labelled = match settings.labels {
                Labels::All => true,
                Labels::None => false,
                Labels::Transcript(t) => excerpt.transcript == t,
            };
            lanes.entry(lane).or_default().push(Item {
                annotator: annotator.id,
                excerpt: excerpt.id,
                position: placement.position,
                colour,
                label: labelled.then(|| marker_label(project, excerpt, &mut indexes)),
            });
        }
    }
    if settings.connectors {
        for items in lanes.values_mut() {
            label_each_excerpt_once(items);
        }
    }
    Lanes { lanes, cases_shown }
}

/// With connectors, an excerpt's markers by different annotators are joined by a line: one
/// label says what they are. It goes on the rightmost marker, whose label runs to the right, away
/// from the line (it was drawn once per annotator, the lines striking through the copies).
fn label_each_excerpt_once(items: &mut [Item]) {
    let mut rightmost: BTreeMap<ExcerptId, (f64, usize)> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if item.label.is_some() {
            let best = rightmost.entry(item.excerpt).or_insert((item.position, i));
            if item.position > best.0 {
                *best = (item.position, i);
            }
        }
    }
    for (i, item) in items.iter_mut().enumerate() {
        if rightmost
            .get(&item.excerpt)
            .is_some_and(|&(_, keep)| keep != i)
        {
            item.label = None;
        }
    }
}

/// The short label a marker carries.
/// A marker's label: the excerpt's own, else the first words of its quote, sliced through a
/// char index of its transcript kept in `indexes` (slicing from the text's start for each of
/// 100,000 markers took minutes).
fn marker_label<'p>(
    project: &'p Project,
    excerpt: &Excerpt,
    indexes: &mut HashMap<TranscriptId, CharIndex<'p>>,
) -> String {
    // The same words as `Project::excerpt_label`, cut again to the marker's width.
    let label = if excerpt.label.trim().is_empty() {
        let quote = project.transcript(excerpt.transcript).map_or("", |t| {
            indexes
                .entry(t.id)
                .or_insert_with(|| CharIndex::new(&t.text))
                .slice(excerpt.start, excerpt.end)
        });
        crate::model::short_label(quote, 32)
    } else {
        excerpt.label.trim().to_owned()
    };
    crate::model::short_label(&label, 28)
}
