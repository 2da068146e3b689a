//! The pieces of HTML the report is written with: escaping, tables, inline SVG figures, and the
//! style sheet (for screen and for printing to PDF from a browser). Nothing here fetches anything:
//! the report must open offline and send no request.

use std::fmt::Write as _;

/// Text made safe for HTML content and double-quoted attribute values, and well-formed as XML
/// (characters XML cannot hold become U+FFFD), so the page parses strictly whatever a memo holds.
pub fn escape(text: &str) -> String {
    crate::model::escape_markup(text, true)
}

/// A table with a header row; cells are text (escaped here). The first column is a row heading.
pub fn table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    out.push_str("<table>\n<thead><tr>");
    for cell in header {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(cell));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{}</th>", escape(cell));
            } else {
                let _ = write!(out, "<td>{}</td>", escape(cell));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// An SVG document as a figure in the page, with a caption; the XML declaration is dropped and
/// the figure scales to the page's width.
pub fn figure(out: &mut String, svg: &str, caption: &str, label: &str) {
    let body = svg
        .lines()
        .filter(|line| !line.starts_with("<?xml"))
        .collect::<Vec<_>>()
        .join("\n");
    let body = body.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{}\" ", escape(label)),
        1,
    );
    let _ = write!(
        out,
        "<figure>\n{body}\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(caption)
    );
}

/// A paragraph of text.
pub fn paragraph(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p>{}</p>", escape(text));
}

/// A section heading.
pub fn heading(out: &mut String, level: u8, text: &str) {
    let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text));
}

/// The style sheet: readable on screen, and on paper (A4 or Letter) without cut figures.
pub const STYLE: &str = r#"
body { font-family: "Ubuntu", "Segoe UI", Helvetica, Arial, sans-serif; font-weight: 300;
       color: #222; max-width: 52rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.5; }
h1 { font-weight: 400; font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-weight: 400; font-size: 1.35rem; border-bottom: 1px solid #ccc; margin-top: 2.2rem; }
h3 { font-weight: 400; font-size: 1.1rem; margin-top: 1.4rem; }
.meta { color: #666; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.92rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.7rem; text-align: right; }
th[scope="row"], thead th:first-child { text-align: left; }
thead th { border-bottom: 2px solid #999; font-weight: 500; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9rem; }
blockquote { margin: 0.6rem 0 0.6rem 1rem; padding-left: 0.8rem; border-left: 3px solid #ccc; }
blockquote .who { color: #666; font-size: 0.9rem; }
blockquote .memo { color: #555; font-style: italic; font-size: 0.9rem; }
.methods { background: #f6f6f6; padding: 0.8rem 1rem; border-radius: 4px; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { page-break-after: avoid; }
  figure, table, blockquote { page-break-inside: avoid; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_everywhere_it_goes() {
        // A control character a memo may hold would make the page unreadable as XML.
        assert_eq!(
            escape("<a href=\"x\">Ø & 'å'\u{1}</a>"),
            "&lt;a href=&quot;x&quot;&gt;Ø &amp; 'å'\u{fffd}&lt;/a&gt;"
        );
        let mut out = String::new();
        table(&mut out, &["<b>".into()], &[vec!["<script>".into()]]);
        assert!(out.contains("&lt;script&gt;") && !out.contains("<script>"));
    }
}
