//! Character and entity references in `xs:documentation`, which the parser's element content model
//! drops: quick-xml reports a reference as an event of its own, and the parser keeps text, CDATA
//! and comments of content it holds as elements, not references. So `&lt;ct:delimiter/&gt;` in a
//! schema's documentation would come out as `ct:delimiter/`.
//!
//! Before parsing, each reference in the text of a documentation element becomes a CDATA section
//! holding the character it stands for (on the same line, so positions in diagnostics keep their
//! line); [`extract`], which writes each documentation element's content back as text, replaces
//! CDATA sections by their content.

use std::borrow::Cow;

use xsd_parser::models::schema::xs;
use xsd_parser_types::xml::Value;

use crate::model::is_xml_space;

/// `text` with the references in documentation text turned into CDATA sections; unchanged (and
/// not copied) when it has no documentation element holding one. Markup that is not well-formed
/// is left as it is, for the parser to report.
pub fn protect_references(text: &str) -> Cow<'_, str> {
    if !text.contains("documentation") || !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    // The documentation element being copied, by its qualified name.
    let mut inside: Option<&str> = None;
    while let Some(lt) = text[at..].find('<').map(|i| at + i) {
        let segment = &text[at..lt];
        if inside.is_some() {
            replace_references(segment, &mut out);
        } else {
            out.push_str(segment);
        }
        let Some(end) = markup_end(text, lt) else {
            out.push_str(&text[lt..]);
            return Cow::Owned(out);
        };
        let markup = &text[lt..end];
        out.push_str(markup);
        at = end;
        let Some(name) = tag_name(markup) else { continue };
        match inside {
            None if !markup.starts_with("</") && !markup.ends_with("/>") && is_documentation(name) => {
                inside = Some(name);
            }
            Some(open) if markup.starts_with("</") && name == open => inside = None,
            _ => {}
        }
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Documentation text with the CDATA sections [`protect_references`] (or the author) wrote replaced
/// by their content.
fn unwrap_cdata(doc: String) -> String {
    if !doc.contains("<![CDATA[") {
        return doc;
    }
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc.as_str();
    while let Some(start) = rest.find("<![CDATA[") {
        out.push_str(&rest[..start]);
        let content = &rest[start + 9..];
        match content.find("]]>") {
            Some(end) => {
                out.push_str(&content[..end]);
                rest = &content[end + 3..];
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of each `xs:documentation` of `annotation`, as the schema has it: its text, and its
/// markup written back (an element with the attributes it was written with, in their order),
/// unindented, with the CDATA sections [`protect_references`] (or the author) wrote replaced by
/// their content. Written here rather than with the parser's own extraction, which counted an
/// empty-element tag as opening an element (so `<b/>` in documentation left the closing
/// `</xs:documentation>` in the text) and wrote every element with the namespaces in scope from a
/// hash map, in another order on each run, so that the generated code changed from one run to the
/// next (both found by fuzzing the generator).
pub fn extract(annotation: &xs::Annotation) -> Vec<String> {
    let mut docs = Vec::new();
    for content in &annotation.content {
        let xs::AnnotationContent::Documentation(doc) = content else { continue };
        let mut markup = String::new();
        write_markup(&doc.values, &mut markup);
        if !markup.is_empty() {
            docs.push(unwrap_cdata(
                unindent::unindent(&markup).trim_end_matches(char::is_whitespace).to_owned(),
            ));
        }
    }
    docs
}

/// Writes documentation content as markup (text, CDATA sections and attribute values as the parser
/// kept them: escaped as the schema wrote them). With a stack of its own rather than recursion:
/// markup in documentation may nest deeper than a thread's stack would allow.
fn write_markup(values: &[Value<'_>], out: &mut String) {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    // The content being written at each level, and the element whose end tag closes the level.
    let mut levels: Vec<(std::slice::Iter<'_, Value<'_>>, Option<String>)> = vec![(values.iter(), None)];
    while let Some((content, _)) = levels.last_mut() {
        let Some(value) = content.next() else {
            if let Some((_, Some(name))) = levels.pop() {
                out.push_str("</");
                out.push_str(&name);
                out.push('>');
            }
            continue;
        };
        match value {
            Value::Text(t) => out.push_str(&text(t)),
            Value::CData(c) => {
                out.push_str("<![CDATA[");
                out.push_str(&text(c));
                out.push_str("]]>");
            }
            Value::Comment(c) => {
                out.push_str("<!--");
                out.push_str(&text(c));
                out.push_str("-->");
            }
            Value::Element(e) => {
                let name = text(&e.name);
                out.push('<');
                out.push_str(&name);
                for (key, value) in e.attributes.iter() {
                    let value = text(&value.0);
                    let quote = if value.contains('"') { '\'' } else { '"' };
                    out.push(' ');
                    out.push_str(&text(&key.0));
                    out.push('=');
                    out.push(quote);
                    out.push_str(&value);
                    out.push(quote);
                }
                if e.values.is_empty() {
                    out.push_str("/>");
                } else {
                    out.push('>');
                    levels.push((e.values.iter(), Some(name)));
                }
            }
        }
    }
}

fn is_documentation(qname: &str) -> bool {
    qname.rsplit(':').next() == Some("documentation")
}

/// The name of a start or end tag (`None` for comments, CDATA, processing instructions, DOCTYPE).
fn tag_name(markup: &str) -> Option<&str> {
    let body = markup.strip_prefix("</").or_else(|| markup.strip_prefix('<'))?;
    if body.starts_with(['!', '?']) {
        return None;
    }
    let end = body.find(|c: char| is_xml_space(c) || c == '>' || c == '/').unwrap_or(body.len());
    Some(&body[..end])
}

/// The offset just past the markup starting at `lt`: a comment, CDATA section, processing
/// instruction or tag (quoted attribute values may hold `>`).
fn markup_end(text: &str, lt: usize) -> Option<usize> {
    let rest = &text[lt..];
    let closing = |open: &str, close: &str| {
        rest.starts_with(open).then(|| rest.find(close).map(|i| lt + i + close.len()))
    };
    if let Some(end) =
        closing("<!--", "-->").or_else(|| closing("<![CDATA[", "]]>")).or_else(|| closing("<?", "?>"))
    {
        return end;
    }
    let mut quote = None;
    for (i, c) in rest.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(lt + i + 1),
            _ => {}
        }
    }
    None
}

/// Copies `text` to `out` with each predefined entity or character reference written as a CDATA
/// section of its character; other references are copied as they are.
fn replace_references(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').and_then(|semi| Some((reference(&after[..semi])?, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push_str("<![CDATA[");
                out.push(c);
                out.push_str("]]>");
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// The character a reference's name (between `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    super::entities::predefined(name).or_else(|| super::entities::character(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_in_documentation_text_become_cdata_and_come_back() {
        let text = "<xs:schema a=\"&amp;\">x &amp; y<xs:annotation><xs:documentation xml:lang=\"en\">\n  \
                    Write &lt;ct:delimiter/&gt; &#x41;&#66; &unknown; <b title=\"&lt;\">&quot;</b>\n</xs:documentation>\
                    </xs:annotation>&lt;</xs:schema>";
        let protected = protect_references(text);
        // Outside documentation, and in attribute values, nothing changes; lines stay lines.
        assert!(protected.starts_with("<xs:schema a=\"&amp;\">x &amp; y<xs:annotation>"));
        assert!(protected.ends_with("</xs:annotation>&lt;</xs:schema>"));
        assert!(protected.contains("<b title=\"&lt;\"><![CDATA[\"]]></b>"));
        assert_eq!(protected.lines().count(), text.lines().count());
        let doc =
            protected.split("xml:lang=\"en\">").nth(1).unwrap().split("</xs:documentation>").next().unwrap();
        assert_eq!(
            unwrap_cdata(doc.to_owned()),
            "\n  Write <ct:delimiter/> AB &unknown; <b title=\"&lt;\">\"</b>\n"
        );
    }

    #[test]
    fn text_without_documentation_references_is_not_copied() {
        let text = "<xs:schema><xs:annotation><xs:documentation>plain</xs:documentation></xs:annotation></xs:schema>";
        assert!(matches!(protect_references(text), Cow::Borrowed(_)));
        assert!(matches!(protect_references("<a>&amp;</a>"), Cow::Borrowed(_)));
        assert_eq!(unwrap_cdata("a <![CDATA[<b>]]> c".into()), "a <b> c");
    }
}
