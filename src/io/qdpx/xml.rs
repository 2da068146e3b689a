//! `project.qde` as a small tree of elements: names without prefixes, attributes, text. Reading
//! the whole document into a tree first (rather than acting on events) lets the importer resolve
//! GUID references in any order and refuse a file before anything is built from it.
//!
//! Only elements in the REFI-QDA namespace are kept; elements of other namespaces (which the schema
//! does not allow, but a tool may add) are skipped with their content, and counted. Nesting deeper
//! than [`MAX_DEPTH`] is refused, so a hostile file cannot exhaust the stack of the code that walks
//! the tree.

use super::QdpxError;
use quick_xml::XmlVersion;
use quick_xml::encoding::EncodingError;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use std::borrow::Cow;

/// The namespace every element of a REFI-QDA project is in.
pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";

/// No real project nests codes this deep; deeper is refused as damaged or hostile.
pub const MAX_DEPTH: usize = 200;

/// One element: its local name, attributes in document order, its text (all text and CDATA
/// directly inside it, joined) and child elements.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
    /// The line the element starts on, for messages.
    pub line: usize,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the child `name` (e.g. `Description`), or "".
    pub fn child_text(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.as_str())
    }
}

/// The parsed document and what was passed over.
#[derive(Debug)]
pub struct Document {
    pub root: Element,
    /// Elements of other namespaces, skipped.
    pub foreign_elements: usize,
}

/// The 1-based line of byte `offset` in `bytes`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Parses `project.qde`. The root must be `Project` in the REFI-QDA namespace.
pub fn parse(bytes: &[u8]) -> Result<Document, QdpxError> {
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).map_err(|e| {
            QdpxError::BadXml {
                line: line_of(bytes, e.valid_up_to()),
                message: "it is not UTF-8 text".to_owned(),
            }
        })?;
    let mut reader = quick_xml::reader::NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    // Lines are counted only when an element starts, from the last position counted, so the
    // whole count costs one pass over the text.
    let (mut counted_to, mut line) = (0usize, 1usize);
    let mut line_at = |position: usize| {
        let position = position.min(text.len());
        if position > counted_to {
            line += text.as_bytes()[counted_to..position]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = position;
        }
        line
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut foreign = 0usize;
    // Depth inside a foreign element being skipped (0: not skipping).
    let mut skipping = 0usize;
    let mut failure = None;
    loop {
        let position = reader.buffer_position() as usize;
        let (namespace, event) = match reader.read_resolved_event() {
            Ok(pair) => pair,
            Err(e) => {
                failure = Some(e.to_string());
                break;
            }
        };
        let bad = |line: usize, message: String| QdpxError::BadXml { line, message };
        match event {
            Event::Start(_) | Event::Empty(_) if skipping > 0 => {
                if matches!(event, Event::Start(_)) {
                    skipping += 1;
                }
            }
            Event::End(_) if skipping > 0 => skipping -= 1,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let line = line_at(position);
                let in_namespace = matches!(&namespace, ResolveResult::Bound(ns) if ns.as_ref() == NAMESPACE.as_bytes());
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if stack.is_empty() && root.is_none() {
                    if name != "Project" {
                        return Err(QdpxError::NotRefiQda(format!(
                            "its project.qde starts with <{name}>, not <Project>"
                        )));
                    }
                    if !in_namespace {
                        let found = match &namespace {
                            ResolveResult::Bound(ns) => {
                                format!("“{}”", String::from_utf8_lossy(ns.as_ref()))
                            }
                            _ => "no namespace".to_owned(),
                        };
                        return Err(QdpxError::NotRefiQda(format!(
                            "its <Project> is in {found}, not in the REFI-QDA namespace “{NAMESPACE}”"
                        )));
                    }
                }
                if !in_namespace {
                    foreign += 1;
                    if matches!(event, Event::Start(_)) {
                        skipping = 1;
                    }
                    continue;
                }
                let mut attributes = Vec::new();
                for attribute in e.attributes() {
                    let attribute =
                        attribute.map_err(|err| bad(line, format!("in <{name}>: {err}")))?;
                    let key = attribute.key.local_name();
                    let value = attribute
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|err| bad(line, format!("in <{name}>: {err}")))?;
                    attributes.push((
                        String::from_utf8_lossy(key.as_ref()).into_owned(),
                        value.into_owned(),
                    ));
                }
                let element = Element {
                    name,
                    attributes,
                    line,
                    ..Element::default()
                };
                if matches!(event, Event::Empty(_)) {
                    attach(&mut stack, &mut root, element);
                } else {
                    if stack.len() >= MAX_DEPTH {
                        return Err(bad(
                            line,
                            format!("elements are nested more than {MAX_DEPTH} deep"),
                        ));
                    }
                    stack.push(element);
                }
            }
            Event::End(_) => {
                if let Some(element) = stack.pop() {
                    attach(&mut stack, &mut root, element);
                }
            }
            Event::Text(ref t) if skipping == 0 => append_text(&mut stack, || t.decode())
                .map_err(|e| bad(line_at(position), e.to_string()))?,
            Event::CData(ref t) if skipping == 0 => append_text(&mut stack, || t.decode())
                .map_err(|e| bad(line_at(position), e.to_string()))?,
            Event::GeneralRef(ref r) if skipping == 0 => {
                let line = line_at(position);
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| bad(line, e.to_string()))?
                } else {
                    match r.decode().map_err(|e| bad(line, e.to_string()))?.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        other => {
                            return Err(bad(line, format!("unknown entity &{other};")));
                        }
                    }
                };
                if let (Some(c), Some(top)) = (resolved, stack.last_mut()) {
                    top.text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(message) = failure {
        return Err(QdpxError::BadXml {
            line: line_at(reader.error_position() as usize),
            message,
        });
    }
    if !stack.is_empty() {
        return Err(QdpxError::BadXml {
            line: line_of(bytes, bytes.len()),
            message: format!("the document ends inside <{}>", stack[stack.len() - 1].name),
        });
    }
    let root = root.ok_or_else(|| {
        QdpxError::NotRefiQda("its project.qde holds no <Project> element".to_owned())
    })?;
    Ok(Document {
        root,
        foreign_elements: foreign,
    })
}

/// Appends character data (text or CDATA alike) to the element it stands in; outside any
/// element it is passed over, undecoded.
fn append_text<'a>(
    stack: &mut [Element],
    decode: impl FnOnce() -> Result<Cow<'a, str>, EncodingError>,
) -> Result<(), EncodingError> {
    if let Some(top) = stack.last_mut() {
        top.text.push_str(&decode()?);
    }
    Ok(())
}

/// Adds a finished element to its parent, or makes it the root.
fn attach(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_attributes_and_text_in_the_namespace_only() {
        let xml = r#"<?xml version="1.0"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:x="urn:other" name="A &amp; B">
  <Description>line one&#13;
two <![CDATA[<raw>]]></Description>
  <x:Extra><Code name="hidden"/></x:Extra>
  <Note name="multi&#10;line"/>
</Project>"#;
        let doc = parse(xml.as_bytes()).unwrap();
        assert_eq!(doc.root.attr("name"), Some("A & B"));
        assert_eq!(doc.root.child_text("Description"), "line one\r\ntwo <raw>");
        assert_eq!(doc.foreign_elements, 1);
        let names: Vec<_> = doc.root.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Description", "Note"]);
        assert_eq!(doc.root.children[1].attr("name"), Some("multi\nline"));
        assert_eq!(doc.root.children[1].line, 6);
    }

    #[test]
    fn wrong_roots_namespaces_and_broken_xml_are_refused() {
        let message = |xml: &str| parse(xml.as_bytes()).unwrap_err().to_string();
        assert!(message("<Projekt/>").contains("not <Project>"));
        assert!(message("<Project name='x'/>").contains("no namespace"));
        assert!(
            message(r#"<Project xmlns="urn:QDA-XML:project:2.0"/>"#)
                .contains("urn:QDA-XML:project:2.0")
        );
        assert!(
            message(r#"<Project xmlns="urn:QDA-XML:project:1.0"><Users>"#)
                .contains("ends inside <Users>")
        );
        assert!(
            message(r#"<Project xmlns="urn:QDA-XML:project:1.0"><A></B></Project>"#)
                .contains("line 1")
        );
        let deep = format!(
            r#"<Project xmlns="urn:QDA-XML:project:1.0">{}"#,
            "<Code>".repeat(MAX_DEPTH + 5)
        );
        assert!(message(&deep).contains("nested more than"));
    }
}
