//! Writing XML by hand: text escaped for content and attributes, and ` key="value"` pairs.

use std::fmt::Write as _;

/// Text for XML content: the five markup characters escaped, a carriage return kept as `&#13;`
/// (a parser would otherwise turn CRLF into LF), and characters XML 1.0 cannot hold at all
/// replaced by U+FFFD.
pub(super) fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Writes ` key="value"` pairs.
pub(super) fn attributes(out: &mut String, pairs: &[(&str, &str)]) {
    for (key, value) in pairs {
        let _ = write!(out, " {key}=\"{}\"", escape(value, true));
    }
}
