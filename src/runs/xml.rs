//! One pass over an XML activity file with `quick-xml`, refusing what no activity file
//! needs and what attacks a parser: a document type declaration (the way to declare
//! entities, so "billion laughs" never starts), a reference to an entity XML does not
//! predefine, and nesting deeper than [`MAX_DEPTH`]. The walk holds no stack of its
//! own beyond a depth counter, so a deep file costs nothing before it is refused.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Format, RunError};

/// GPX and TCX files nest about 8 levels deep; extensions add a few.
pub const MAX_DEPTH: usize = 64;

/// What the walk hands on.
pub enum Node<'a, 'b> {
    /// An element opens (`empty`: it closes at once, `<x/>`).
    Open {
        name: &'b str,
        element: &'b BytesStart<'a>,
        empty: bool,
    },
    Close {
        name: &'b str,
    },
    /// Text inside the innermost open element.
    Text(Cow<'b, str>),
}

/// The attribute `key` of an element, unescaped; `None` when absent or unreadable.
pub fn attribute(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The local part of a name: `gpxtpx:hr` is `hr`.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Walks `bytes` as XML, calling `each` for every element and text.
pub fn walk(
    format: Format,
    bytes: &[u8],
    mut each: impl FnMut(Node<'_, '_>) -> Result<(), RunError>,
) -> Result<(), RunError> {
    let malformed = |why: String| RunError::Malformed { format, why };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        malformed(format!(
            "not UTF-8 text: a bad byte at offset {}",
            e.valid_up_to()
        ))
    })?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut saw_root = false;
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| malformed(format!("{e} near byte {at}")))?;
        match event {
            Event::DocType(_) => return Err(RunError::Doctype(format)),
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(RunError::TooDeep(format, MAX_DEPTH));
                }
                saw_root = true;
                let q = e.name();
                let name = local(q.as_ref());
                each(Node::Open {
                    name,
                    element: &e,
                    empty: false,
                })?;
            }
            Event::Empty(e) => {
                if depth + 1 > MAX_DEPTH {
                    return Err(RunError::TooDeep(format, MAX_DEPTH));
                }
                saw_root = true;
                let q = e.name();
                let name = local(q.as_ref());
                each(Node::Open {
                    name,
                    element: &e,
                    empty: true,
                })?;
                each(Node::Close { name })?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let q = e.name();
                each(Node::Close {
                    name: local(q.as_ref()),
                })?;
            }
            Event::Text(t) => each(Node::Text(t.xml10_content()))?,
            Event::CData(t) => each(Node::Text(t.xml10_content()))?,
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let ch = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                match ch {
                    Some(c) => each(Node::Text(Cow::Owned(c.to_string())))?,
                    None => {
                        return Err(malformed(format!(
                            "a reference to an undeclared entity `&{};`",
                            crate::text::echo(&name)
                        )));
                    }
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if depth != 0 {
        return Err(malformed(
            "it ends before its elements close (truncated?)".into(),
        ));
    }
    if !saw_root {
        return Err(malformed("no elements".into()));
    }
    Ok(())
}

/// Parses an XML dateTime (`2026-03-01T07:10:00Z`, `...+02:00`, fractions of a
/// second; no offset means UTC). Returns the moment and the offset the text gave.
pub fn date_time(s: &str) -> Option<(chrono::DateTime<chrono::Utc>, Option<chrono::FixedOffset>)> {
    let s = s.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        let explicit = !(s.ends_with('Z') || s.ends_with('z'));
        return Some((t.to_utc(), explicit.then(|| *t.offset())));
    }
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|t| (t.and_utc(), None))
}
