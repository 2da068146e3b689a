//! The continuum: the axis from emotional closeness (0.0) to distance (1.0), with named anchors.

use serde::{Deserialize, Serialize};

/// A named point on the axis, e.g. "Friend" at 0.35.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    pub name: String,
    /// Position in 0..=1, 0 being the closeness pole.
    pub position: f64,
    /// One sentence saying what a placement here means, shown as a tooltip.
    #[serde(default)]
    pub description: String,
}

/// The axis every placement is made on. Editable per project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Continuum {
    /// Label of the pole at 0.0.
    pub closeness_label: String,
    /// Label of the pole at 1.0.
    pub distance_label: String,
    /// Anchors in ascending order of position.
    pub anchors: Vec<Anchor>,
}

impl Default for Continuum {
    /// Family, Friend, Professional, Stranger, the continuum of Mortensen & Needham (2019).
    fn default() -> Self {
        let anchor = |name: &str, position: f64, description: &str| Anchor {
            name: name.to_owned(),
            position,
            description: description.to_owned(),
        };
        Self {
            closeness_label: "Emotional closeness".to_owned(),
            distance_label: "Emotional distance".to_owned(),
            anchors: vec![
                anchor(
                    "Family",
                    0.0,
                    "Kin-like bond: care given as to one's own, boundaries largely dissolved.",
                ),
                anchor(
                    "Friend",
                    1.0 / 3.0,
                    "Warm, reciprocal and informal, yet chosen and bounded.",
                ),
                anchor(
                    "Professional",
                    2.0 / 3.0,
                    "Caring within display rules: friendly, but role-bound and impartial.",
                ),
                anchor(
                    "Stranger",
                    1.0,
                    "Impersonal service: task-focused, no personal bond expected.",
                ),
            ],
        }
    }
}

impl Continuum {
    /// The anchor nearest to `position`, if there are any anchors.
    pub fn nearest_anchor(&self, position: f64) -> Option<&Anchor> {
        self.anchors.iter().min_by(|a, b| {
            (a.position - position)
                .abs()
                .total_cmp(&(b.position - position).abs())
        })
    }

    /// Where `position` is, as a screen reader says it and the guide shows it: "0.08, near
    /// Family" (just the number when there are no anchors).
    pub fn describe_position(&self, position: f64) -> String {
        match self.nearest_anchor(position) {
            Some(anchor) => format!("{position:.2}, near {}", anchor.name),
            None => format!("{position:.2}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_runs_family_to_stranger() {
        let c = Continuum::default();
        let names: Vec<_> = c.anchors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Family", "Friend", "Professional", "Stranger"]);
        assert_eq!(
            c.nearest_anchor(0.9).map(|a| a.name.as_str()),
            Some("Stranger")
        );
        assert_eq!(
            c.nearest_anchor(0.3).map(|a| a.name.as_str()),
            Some("Friend")
        );
        assert_eq!(c.describe_position(0.08), "0.08, near Family");
        let bare = Continuum {
            anchors: Vec::new(),
            ..Continuum::default()
        };
        assert_eq!(bare.describe_position(0.5), "0.50");
    }
}
