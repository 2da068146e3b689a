//! Writing XML by hand: text escaped for content and attributes, and ` key="value"` pairs.

use std::fmt::Write as _;

/// Text for XML content or an attribute (see `model::escape_markup`).
pub(super) fn escape(text: &str, attribute: bool) -> String {
    crate::model::escape_markup(text, attribute)
}

/// Writes ` key="value"` pairs.
pub(super) fn attributes(out: &mut String, pairs: &[(&str, &str)]) {
    for (key, value) in pairs {
        let _ = write!(out, " {key}=\"{}\"", escape(value, true));
    }
}
