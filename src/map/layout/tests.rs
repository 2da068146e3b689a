//! Tests of the whole layout: every placement drawn once, nothing overlapping, filters, zones,
//! legend, connectors and labels.

use super::*;
use crate::map::settings::{ColourBy, GroupBy, Labels, MapFilter};
use crate::model::{CaseId, Excerpt, TranscriptId};
use std::collections::BTreeMap;

fn sample() -> Project {
    crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap()
}

#[test]
fn every_placement_is_drawn_exactly_once_and_no_two_markers_overlap() {
    let project = sample();
    for group_by in GroupBy::ALL {
        for labels in [
            Labels::All,
            Labels::None,
            Labels::Transcript(TranscriptId(2)),
        ] {
            let settings = MapSettings {
                group_by,
                labels,
                ..MapSettings::default()
            };
            let map = layout(&project, &settings);
            assert_eq!(map.markers.len(), 80, "{group_by:?}");
            let mut seen: Vec<_> = map
                .markers
                .iter()
                .map(|m| (m.annotator, m.excerpt))
                .collect();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), 80, "each placement once");
            for (i, a) in map.markers.iter().enumerate() {
                assert!(
                    a.left >= 0.0 && a.right <= map.width,
                    "{a:?} outside the figure"
                );
                for b in &map.markers[i + 1..] {
                    let overlap = a.left < b.right
                        && b.left < a.right
                        && a.top < b.bottom
                        && b.top < a.bottom;
                    assert!(!overlap, "{group_by:?}: {a:?} overlaps {b:?}");
                }
            }
            assert_eq!(layout(&project, &settings), map, "deterministic");
        }
    }
}

#[test]
fn lanes_are_in_a_stable_order_and_annotators_can_be_chosen() {
    let project = sample();
    let by_case = layout(&project, &MapSettings::default());
    assert_eq!(by_case.lanes, ["Dagcentret Lindely", "Hjemmeplejen Vestbo"]);
    let by_role = layout(
        &project,
        &MapSettings {
            group_by: GroupBy::Role,
            ..MapSettings::default()
        },
    );
    assert_eq!(by_role.lanes, ["citizen", "manager", "staff"]);
    assert_eq!(by_role.lane_centres.len(), 3);
    assert!(by_role.lane_centres.windows(2).all(|w| w[0] < w[1]));
    let only_jonas = MapSettings {
        annotators: Some(vec![AnnotatorId(2)]),
        ..MapSettings::default()
    };
    assert_eq!(layout(&project, &only_jonas).markers.len(), 41);
}

fn count<'a>(shapes: impl IntoIterator<Item = &'a Shape>, what: fn(&Shape) -> bool) -> usize {
    shapes.into_iter().filter(|s| what(s)).count()
}

#[test]
fn labels_can_be_limited_to_one_transcript() {
    let project = sample();
    let settings = MapSettings {
        labels: Labels::Transcript(TranscriptId(2)),
        ..MapSettings::default()
    };
    let map = layout(&project, &settings);
    for marker in &map.markers {
        let in_transcript = project.excerpt(marker.excerpt).unwrap().transcript == TranscriptId(2);
        assert_eq!(marker.label.is_some(), in_transcript, "{marker:?}");
    }
    let labelled = map.markers.iter().filter(|m| m.label.is_some()).count();
    assert_eq!(labelled, 14, "7 excerpts by 2 annotators");
}

#[test]
fn filters_by_case_role_code_and_text() {
    let mut project = sample();
    let all = layout(&project, &MapSettings::default()).markers.len();
    let only = |project: &Project, filter: MapFilter| {
        let map = layout(
            project,
            &MapSettings {
                filter,
                ..MapSettings::default()
            },
        );
        map.markers.iter().map(|m| m.excerpt).collect::<Vec<_>>()
    };
    let vestbo = only(
        &project,
        MapFilter {
            case: Some(CaseId(1)),
            ..MapFilter::default()
        },
    );
    let lindely = only(
        &project,
        MapFilter {
            case: Some(CaseId(2)),
            ..MapFilter::default()
        },
    );
    assert!(!vestbo.is_empty() && !lindely.is_empty());
    assert_eq!(vestbo.len() + lindely.len(), all);
    let citizens = only(
        &project,
        MapFilter {
            role: Some("citizen".into()),
            ..MapFilter::default()
        },
    );
    for excerpt in &citizens {
        let t = project
            .transcript(project.excerpt(*excerpt).unwrap().transcript)
            .unwrap();
        assert_eq!(
            project.participant(t.participant.unwrap()).unwrap().role,
            "citizen"
        );
    }
    assert!(!citizens.is_empty() && citizens.len() < all);
    let girl = only(
        &project,
        MapFilter {
            text: "HER GIRL".into(),
            ..MapFilter::default()
        },
    );
    assert_eq!(girl.len(), 2, "one excerpt, two annotators: {girl:?}");

    project
        .apply(crate::model::Edit::SetExcerptCodes {
            excerpt: ExcerptId(3),
            codes: vec!["only here".into()],
        })
        .unwrap();
    let coded = only(
        &project,
        MapFilter {
            code: Some("only here".into()),
            ..MapFilter::default()
        },
    );
    assert_eq!(coded, [ExcerptId(3), ExcerptId(3)]);
    let none = layout(
        &project,
        &MapSettings {
            filter: MapFilter {
                text: "no such words".into(),
                ..MapFilter::default()
            },
            ..MapSettings::default()
        },
    );
    assert!(none.markers.is_empty());
    assert!(none.shapes.iter().any(
        |s| matches!(s, Shape::Text { text, .. } if text == "No placements pass the filters.")
    ));
}

#[test]
fn zones_or_anchor_lines_and_colours_by_case_with_their_legend() {
    let project = sample();
    let zones = layout(&project, &MapSettings::default());
    let lines = layout(
        &project,
        &MapSettings {
            zones: false,
            ..MapSettings::default()
        },
    );
    let is_zone = |s: &Shape| matches!(s, Shape::Rect { .. });
    assert_eq!(
        count(&zones.shapes, is_zone),
        2,
        "bands between every other anchor pair"
    );
    assert_eq!(count(&lines.shapes, is_zone), 0);
    let anchor_line = |s: &Shape| matches!(s, Shape::Line { colour, .. } if *colour == ANCHOR_LINE);
    assert_eq!(
        count(&lines.shapes, anchor_line),
        project.continuum.anchors.len()
    );

    let by_case = layout(
        &project,
        &MapSettings {
            colour_by: ColourBy::Case,
            ..MapSettings::default()
        },
    );
    for marker in &by_case.markers {
        let transcript = project
            .transcript(project.excerpt(marker.excerpt).unwrap().transcript)
            .unwrap();
        let case = project.case_of_transcript(transcript).unwrap();
        let index = project.cases.iter().position(|c| c.id == case).unwrap();
        assert_eq!(marker.colour, Colour::PALETTE[index]);
    }
    assert_eq!(
        legend_texts(&by_case),
        ["Hjemmeplejen Vestbo", "Dagcentret Lindely"]
    );
    // By annotator, each marker has its annotator's own colour.
    for marker in &zones.markers {
        assert_eq!(
            marker.colour,
            project.annotator(marker.annotator).unwrap().colour
        );
    }
}

#[test]
fn positions_and_coordinates_convert_both_ways() {
    let map = layout(&sample(), &MapSettings::default());
    for position in [0.0, 0.25, 0.5, 1.0] {
        assert!((map.position_at(map.x_of(position)) - position).abs() < 1e-6);
    }
    assert_eq!(map.position_at(-100.0), 0.0);
    assert_eq!(map.position_at(1e6), 1.0);
    for marker in &map.markers {
        assert!(
            map.axis_top >= marker.bottom,
            "the axis is below every lane"
        );
    }
}

#[test]
fn a_lane_name_too_long_for_its_column_is_shortened_and_stays_on_the_figure() {
    let mut project = sample();
    project.participants[0].name =
        "Birgitte Ravn, manager of the home-care unit in the western districts since 2019".into();
    let map = layout(
        &project,
        &MapSettings {
            group_by: GroupBy::Participant,
            width: 400.0,
            ..MapSettings::default()
        },
    );
    let label = map
        .shapes
        .iter()
        .find_map(|s| match s {
            Shape::Text { text, x, size, .. } if text.starts_with("Birgitte") => {
                Some((text.clone(), *x, *size))
            }
            _ => None,
        })
        .expect("the lane is labelled");
    assert!(label.0.ends_with('…'), "{label:?}");
    assert!(
        label.1 - text_width(&label.0, label.2) >= 0.0,
        "{label:?} runs off the left edge"
    );
    assert!(label.1 < map.axis_left, "{label:?} runs into the lanes");
}

#[test]
fn three_hundred_labelled_markers_in_one_lane_never_overlap() {
    let mut project = sample();
    let transcript = project.transcripts[0].id;
    let first = project.next_excerpt_id().unwrap().0;
    for i in 0..300u32 {
        let id = ExcerptId(first + i);
        project
            .apply(crate::model::Edit::AddExcerpt(Excerpt {
                id,
                transcript,
                start: i as usize,
                end: i as usize + 40,
                label: format!("Crowded excerpt {i}"),
                memo: String::new(),
                codes: Vec::new(),
            }))
            .unwrap();
        // Clustered: many share a position, the rest crowd one zone.
        let position = if i % 3 == 0 {
            0.5
        } else {
            0.4 + (i % 50) as f64 / 250.0
        };
        let place = crate::model::Edit::place(
            &project,
            AnnotatorId(1),
            id,
            position,
            crate::model::Timestamp(0),
        );
        project.apply(place).unwrap();
    }
    let map = layout(
        &project,
        &MapSettings {
            annotators: Some(vec![AnnotatorId(1)]),
            group_by: GroupBy::Transcript,
            ..MapSettings::default()
        },
    );
    let crowded: Vec<_> = map
        .markers
        .iter()
        .filter(|m| m.excerpt.0 >= first)
        .collect();
    assert_eq!(crowded.len(), 300);
    for (i, a) in crowded.iter().enumerate() {
        assert!(a.label.is_some());
        for b in &crowded[i + 1..] {
            let overlap =
                a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            assert!(!overlap, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn connectors_join_each_excerpts_markers_by_different_annotators() {
    let project = sample();
    let connector = |s: &Shape| matches!(s, Shape::Line { colour, .. } if *colour == CONNECTOR);
    let plain = layout(&project, &MapSettings::default());
    assert_eq!(count(&plain.shapes, connector), 0);
    let joined = layout(
        &project,
        &MapSettings {
            connectors: true,
            ..MapSettings::default()
        },
    );
    // 41 excerpts, 39 of them placed by both annotators: one line each.
    assert_eq!(count(&joined.shapes, connector), 39);
    // Lines go behind the dots.
    let first_dot = joined
        .shapes
        .iter()
        .position(|s| matches!(s, Shape::Circle { .. }))
        .unwrap();
    let first_line = joined.shapes.iter().position(connector).unwrap();
    assert!(first_line < first_dot);
    // By annotator, an excerpt's markers are in different lanes: nothing to join.
    let by_annotator = MapSettings {
        connectors: true,
        group_by: GroupBy::Annotator,
        ..MapSettings::default()
    };
    assert_eq!(count(&layout(&project, &by_annotator).shapes, connector), 0);
}

/// Regression (first-hour issue, item 8): with two annotators joined by connectors, every
/// excerpt was labelled twice and the lines struck through the labels.
#[test]
fn joined_markers_carry_one_label_with_a_halo_over_the_lines() {
    let project = sample();
    let joined = layout(
        &project,
        &MapSettings {
            connectors: true,
            ..MapSettings::default()
        },
    );
    let mut labels_per_excerpt: BTreeMap<ExcerptId, usize> = BTreeMap::new();
    for marker in &joined.markers {
        *labels_per_excerpt.entry(marker.excerpt).or_default() +=
            usize::from(marker.label.is_some());
    }
    assert_eq!(labels_per_excerpt.len(), 41);
    assert!(
        labels_per_excerpt.values().all(|&n| n == 1),
        "{labels_per_excerpt:?}"
    );
    // The label is on the rightmost of the excerpt's markers.
    for labelled in joined.markers.iter().filter(|m| m.label.is_some()) {
        let rightmost = joined
            .markers
            .iter()
            .filter(|m| m.excerpt == labelled.excerpt)
            .map(|m| m.position)
            .fold(f64::MIN, f64::max);
        assert_eq!(labelled.position, rightmost);
    }
    let halos = |map: &MapLayout| {
        map.shapes
            .iter()
            .filter(|s| matches!(s, Shape::Text { halo: true, .. }))
            .count()
    };
    assert_eq!(halos(&joined), 41);
    assert!(crate::map::to_svg(&joined).contains(r#"paint-order="stroke""#));
    // Without connectors nothing changes: a label per marker, no halos.
    let plain = layout(&project, &MapSettings::default());
    assert_eq!(halos(&plain), 0);
    assert_eq!(
        plain.markers.iter().filter(|m| m.label.is_some()).count(),
        80
    );
}

/// One transcript with `n` excerpts, each placed by one annotator, spread over the axis.
fn crowded_project(n: u32) -> Project {
    let mut project = Project::new("Crowded");
    let text = "ord ".repeat(n as usize);
    project.transcripts.push(crate::model::Transcript::of_turns(
        TranscriptId(1),
        "Many",
        &[("A", &text)],
    ));
    let at = crate::model::Timestamp(1_760_000_000);
    let mut annotator = crate::model::Annotator {
        id: crate::model::AnnotatorId(1),
        name: "Anna".into(),
        colour: crate::model::Colour::PALETTE[0],
        placements: Vec::new(),
        consensus: false,
    };
    for i in 0..n {
        let id = crate::model::ExcerptId(i + 1);
        project.excerpts.push(Excerpt {
            id,
            transcript: TranscriptId(1),
            start: (i * 4) as usize,
            end: (i * 4 + 3) as usize,
            label: String::new(),
            memo: String::new(),
            codes: Vec::new(),
        });
        annotator.placements.push(crate::model::Placement {
            excerpt: id,
            position: ((i * 7919) % 1000) as f64 / 1000.0,
            memo: String::new(),
            created: at,
            modified: at,
        });
    }
    project.annotators.push(annotator);
    project
}

#[test]
fn a_crowded_lane_becomes_a_density_strip_of_bounded_height_until_zoomed_in() {
    let project = crowded_project(3_000);
    let settings = MapSettings {
        labels: Labels::None,
        ..MapSettings::default()
    };
    let map = layout(&project, &settings);
    assert!(
        map.markers.is_empty(),
        "no markers one by one in a crowded lane"
    );
    let bars = count(&map.shapes, |s| matches!(s, Shape::Rect { .. }));
    assert!(bars > 100, "a bar per band: {bars}");
    assert!(map.height < 200.0, "bounded height: {}", map.height);
    assert!(map.shapes.iter().any(|s| matches!(s, Shape::Text { text, .. } if text.starts_with("3000 placements: bars count them by position"))));
    // The median line sits at the median position.
    let mut positions: Vec<f64> = project.annotators[0]
        .placements
        .iter()
        .map(|p| p.position)
        .collect();
    positions.sort_by(f64::total_cmp);
    let median = crate::analysis::stats::quantile_sorted(&positions, 0.5);
    assert!(map.shapes.iter().any(|s| matches!(s, Shape::Line { x1, x2, width, .. } if *width == 1.5 && x1 == x2 && (x1 - map.x_of(median)).abs() < 1e-3)));
    // Zoomed in far enough, every marker is drawn again.
    let zoomed = layout(
        &project,
        &MapSettings {
            detail: 8.0,
            ..settings
        },
    );
    assert_eq!(zoomed.markers.len(), 3_000);
}

#[test]
fn a_hundred_thousand_placements_make_a_figure_of_ordinary_size() {
    let project = crowded_project(100_000);
    let map = layout(&project, &MapSettings::default());
    assert!(map.height < 200.0, "{}", map.height);
    assert!(crate::map::check_png_budget(&map, 4.0).is_ok());
}

/// The legend's names of `map`, poles aside.
fn legend_texts(map: &MapLayout) -> Vec<String> {
    map.shapes[map.axis_shapes..]
        .iter()
        .filter_map(|s| match s {
            Shape::Text { text, size, .. }
                if *size == LEGEND_SIZE && !text.starts_with("Emotional") =>
            {
                Some(text.clone())
            }
            _ => None,
        })
        .collect()
}

/// Regression (a new user's trial): the legend said "Consensus (consensus)".
#[test]
fn the_consensus_layer_is_marked_in_the_legend_once() {
    let mut project = sample();
    let mut consensus = project.annotators[0].clone();
    consensus.id = crate::model::AnnotatorId(9);
    consensus.consensus = true;
    consensus.name = "Consensus".into();
    project.annotators.push(consensus);
    let map = layout(&project, &MapSettings::default());
    assert!(
        legend_texts(&map).iter().any(|t| t == "Consensus"),
        "{:?}",
        legend_texts(&map)
    );
    project.annotators.last_mut().unwrap().name = "Settled".into();
    let map = layout(&project, &MapSettings::default());
    assert!(
        legend_texts(&map)
            .iter()
            .any(|t| t == "Settled (consensus)")
    );
}
