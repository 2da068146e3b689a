//! Each annotator's continuum map as a `<Graph>`, so other tools can show the maps.

use super::anchor_guid;
use super::markup::attributes;
use crate::io::qdpx::guid::GuidSpace;
use crate::model::Project;
use std::collections::HashMap;

/// Where lanes and anchors are drawn on the graphs: x runs 0..=`GRAPH_WIDTH` along the axis.
const GRAPH_WIDTH: f64 = 1000.0;
const LANE_HEIGHT: i64 = 100;

/// Each annotator's continuum map as a graph: the anchors along the top (y = 0), then one vertex
/// per placement at x = position × 1000, in a lane per case (y = 100, 200, …; transcripts without
/// a case in the last lane).
pub(super) fn write(out: &mut String, project: &Project, space: &GuidSpace) {
    if project.annotators.is_empty() {
        return;
    }
    let x = |position: f64| ((position * GRAPH_WIDTH).round() as i64).to_string();
    let lane_of_case: HashMap<_, i64> = project
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i as i64 + 1))
        .collect();
    let no_case_lane = project.cases.len() as i64 + 1;
    out.push_str("  <Graphs>\n");
    for a in &project.annotators {
        let name = if a.consensus {
            format!("Continuum map: {} (consensus)", a.name)
        } else {
            format!("Continuum map: {}", a.name)
        };
        out.push_str("    <Graph");
        attributes(
            out,
            &[
                ("guid", &space.guid("graph", &a.id.to_string())),
                ("name", &name),
            ],
        );
        out.push_str(">\n");
        for (i, anchor) in project.continuum.anchors.iter().enumerate() {
            out.push_str("      <Vertex");
            attributes(
                out,
                &[
                    (
                        "guid",
                        &space.guid("anchor vertex", &format!("{}:{i}", a.id)),
                    ),
                    ("representedGUID", &anchor_guid(space, project, i)),
                    ("name", &anchor.name),
                    ("firstX", &x(anchor.position)),
                    ("firstY", "0"),
                    ("shape", "Rectangle"),
                ],
            );
            out.push_str("/>\n");
        }
        for p in &a.placements {
            let Some(e) = project.excerpt(p.excerpt) else {
                continue;
            };
            let lane = project
                .transcript(e.transcript)
                .and_then(|t| project.case_of_transcript(t))
                .and_then(|c| lane_of_case.get(&c).copied())
                .unwrap_or(no_case_lane);
            out.push_str("      <Vertex");
            attributes(
                out,
                &[
                    ("guid", &space.guid("vertex", &format!("{}:{}", a.id, e.id))),
                    ("representedGUID", &space.guid("excerpt", &e.id.to_string())),
                    ("name", &project.excerpt_label(e)),
                    ("firstX", &x(p.position)),
                    ("firstY", &(lane * LANE_HEIGHT).to_string()),
                    ("shape", "Oval"),
                    ("color", &a.colour.to_string()),
                ],
            );
            out.push_str("/>\n");
        }
        out.push_str("    </Graph>\n");
    }
    out.push_str("  </Graphs>\n");
}
