//! The codebook: a code group "Continuum" with a code per anchor, then the excerpts' codes as a
//! tree ("A/B" is code B inside code A), each with its colour if it has one. A code that has a
//! colour but is on no excerpt is in the tree too, so the colour is not lost.

use super::anchor_guid;
use super::markup::{attributes, escape};
use crate::io::qdpx::guid::GuidSpace;
use crate::model::{Colour, Project};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Writes `<CodeBook>`: the continuum's anchors, then the excerpts' codes.
pub(super) fn write(out: &mut String, project: &Project, space: &GuidSpace) {
    out.push_str("  <CodeBook>\n    <Codes>\n      <Code");
    attributes(
        out,
        &[
            ("guid", &space.guid("code group", "Continuum")),
            ("name", "Continuum"),
            ("isCodable", "false"),
        ],
    );
    out.push_str(">\n");
    let _ = writeln!(
        out,
        "        <Description>{}</Description>",
        escape(
            &format!(
                "The continuum from {} (0) to {} (1). Each coding with one of these codes is an \
                 annotator's placement; the code is the anchor nearest to it.",
                project.continuum.closeness_label, project.continuum.distance_label
            ),
            false
        )
    );
    for (i, anchor) in project.continuum.anchors.iter().enumerate() {
        out.push_str("        <Code");
        attributes(
            out,
            &[
                ("guid", &anchor_guid(space, project, i)),
                ("name", &anchor.name),
                ("isCodable", "true"),
            ],
        );
        let description = format!(
            "At {} on the continuum. {}",
            anchor.position, anchor.description
        );
        let _ = writeln!(
            out,
            "><Description>{}</Description></Code>",
            escape(description.trim(), false)
        );
    }
    out.push_str("      </Code>\n");
    let mut tree = CodeNode::default();
    for code in project.codes() {
        tree.at(&code).used = true;
    }
    for (code, colour) in &project.code_colours {
        let node = tree.at(code);
        node.used = true;
        node.colour = Some(*colour);
    }
    write_codes(out, space, &tree, "", 3);
    out.push_str("    </Codes>\n  </CodeBook>\n");
}

/// The codebook tree of the excerpts' codes: "A/B" is code B inside code A.
#[derive(Default)]
struct CodeNode {
    children: BTreeMap<String, CodeNode>,
    /// Whether the path itself is a code, on some excerpt or with a colour (otherwise only a
    /// folder of codes).
    used: bool,
    colour: Option<Colour>,
}

impl CodeNode {
    /// The node of the code `path`, made (with the folders above it) if it is not there yet.
    fn at(&mut self, path: &str) -> &mut CodeNode {
        let mut node = self;
        for part in path.split('/') {
            node = node.children.entry(part.to_owned()).or_default();
        }
        node
    }
}

fn write_codes(out: &mut String, space: &GuidSpace, node: &CodeNode, path: &str, depth: usize) {
    for (name, child) in &node.children {
        let full = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}/{name}")
        };
        let indent = "  ".repeat(depth);
        let guid = space.guid("code", &full);
        let codable = if child.used { "true" } else { "false" };
        let colour = child.colour.map(|c| c.to_string());
        let mut pairs = vec![
            ("guid", guid.as_str()),
            ("name", name),
            ("isCodable", codable),
        ];
        if let Some(colour) = &colour {
            pairs.push(("color", colour));
        }
        let _ = write!(out, "{indent}<Code");
        attributes(out, &pairs);
        if child.children.is_empty() {
            out.push_str("/>\n");
        } else {
            out.push_str(">\n");
            write_codes(out, space, child, &full, depth + 1);
            let _ = writeln!(out, "{indent}</Code>");
        }
    }
}
