//! The map as a screen reader meets it: what the canvas shows (lanes, whose markers, filters, the
//! axis and its anchors), and for each marker where it sits, near which anchor and in which lane.
//! Only worked out while AccessKit is on.

use super::Canvas;
use crate::map::PlacedMarker;
use crate::ui::view_state::ViewState;

/// The lane a marker is in: the last lane whose first row is at or above it.
pub(super) fn lane_of(c: &Canvas, marker: &PlacedMarker) -> usize {
    c.map
        .lane_centres
        .partition_point(|&centre| centre <= marker.dot_y + 0.5)
        .saturating_sub(1)
}

/// "0.08, near Family, in lane Nursing home".
pub(super) fn marker_description(c: &Canvas, marker: &PlacedMarker) -> String {
    let place = c.project.continuum.describe_position(marker.position);
    match c.map.lanes.get(lane_of(c, marker)) {
        Some(lane) if !lane.is_empty() => format!("{place}, in lane {lane}"),
        _ => place,
    }
}

/// What the map shows: lanes, whose markers and how many, the filters, and the axis.
pub(super) fn map_description(c: &Canvas, view: &ViewState, shown: usize) -> String {
    let project = c.project;
    let map_view = &view.map;
    let whose: Vec<&str> = map_view
        .shown_annotators(project, Some(c.active))
        .into_iter()
        .filter_map(|a| project.annotator(a).map(|a| a.name.as_str()))
        .collect();
    let mut lanes: Vec<&str> = c.map.lanes.iter().take(12).map(String::as_str).collect();
    if c.map.lanes.len() > lanes.len() {
        lanes.push("and more");
    }
    let continuum = &project.continuum;
    let anchors: Vec<String> = continuum
        .anchors
        .iter()
        .map(|a| format!("{} at {:.2}", a.name, a.position))
        .collect();
    let mut filters = Vec::new();
    let filter = &map_view.filter;
    if let Some(case) = filter.case.and_then(|c| project.case(c)) {
        filters.push(format!("case {}", case.name));
    }
    if let Some(role) = &filter.role {
        filters.push(format!("role {role}"));
    }
    if let Some(code) = &filter.code {
        filters.push(format!("code {code}"));
    }
    if !filter.text.trim().is_empty() {
        filters.push(format!("words “{}”", filter.text.trim()));
    }
    let filters = if filters.is_empty() {
        "no filter".to_owned()
    } else {
        format!("filtered by {}", filters.join(", "))
    };
    let strips = match c.map.strips {
        0 => String::new(),
        n => format!(
            " {} shown as density strips, too crowded for each marker.",
            crate::model::plural(n, "lane")
        ),
    };
    format!(
        "Lanes by {}: {}. Markers of {}, {} on screen, {filters}.{strips} Axis from {} at 0 to {} at 1; anchors {}.",
        map_view.group_by.name(),
        lanes.join(", "),
        whose.join(", "),
        shown,
        continuum.closeness_label,
        continuum.distance_label,
        anchors.join(", ")
    )
}
