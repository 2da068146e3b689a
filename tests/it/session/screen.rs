//! What the session sees of the window: its accessibility nodes, with their role, place and
//! whether they float in a window.

use crate::support::gui::Window;
use egui::Rect;
use egui::accesskit::Role;
use egui_kittest::kittest::{By, NodeT, Queryable};

/// What is on screen: one accessibility node.
#[derive(Clone, Debug)]
pub(super) struct Seen {
    pub(super) label: String,
    pub(super) role: Role,
    pub(super) rect: Rect,
    pub(super) disabled: bool,
    /// Inside a floating window.
    pub(super) in_window: bool,
}

pub(super) fn seen(harness: &Window) -> Vec<Seen> {
    // What floating windows (comparison, agreement) hold, told apart from the panels under them.
    let in_windows: std::collections::HashSet<_> = harness
        .query_all(By::new().role(Role::Window))
        .flat_map(|window| window.query_all(By::new()).collect::<Vec<_>>())
        .map(|node| node.accesskit_node().id())
        .collect();
    harness
        .query_all(By::new())
        .filter_map(|node| {
            let ak = node.accesskit_node();
            // AccessKit keeps a label's text in its value.
            let label = if ak.role() == Role::Label {
                ak.value()
            } else {
                ak.label()
            }?;
            ak.bounding_box()?;
            Some(Seen {
                label,
                role: ak.role(),
                rect: node.rect(),
                disabled: ak.is_disabled(),
                in_window: in_windows.contains(&ak.id()),
            })
        })
        .collect()
}

/// The menu bar's button `label`.
pub(super) fn node_again<'h>(harness: &'h Window, label: &'h str) -> egui_kittest::Node<'h> {
    harness
        .query_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::Button)
        .unwrap()
}

/// The most common value of a sorted list.
pub(super) fn mode(sorted: &[i64]) -> Option<i64> {
    sorted
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .map(|run| run[0])
}
