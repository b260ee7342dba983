//! Hostile input: every case has an exact outcome — an error naming line, column and element path, or
//! a lossless parse — and never a panic, a stack overflow or a hang. The README's "Robustness" section
//! is the table of these cases. Inputs the fuzzers found live in `tests/data/fuzz-regressions/`.

use std::path::Path;

use enhanced_presence::categories::Categories;
use enhanced_presence::note::Note;
use enhanced_presence::state::StateType;
use enhanced_presence::{
    from_slice, from_str, from_str_with, roundtrip, Document, Error, ErrorKind, ReadOptions, WithHints,
};

const NOTE: &str = "http://schemas.microsoft.com/2006/09/sip/note";
const CT: &str = "http://schemas.microsoft.com/2006/09/sip/commontypes";
const STATE: &str = "http://schemas.microsoft.com/2006/09/sip/state";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SERVICE: &str = "http://schemas.microsoft.com/2006/09/sip/service";

/// `<note xmlns="…/note">` — 60 bytes, so content starts at column 61.
fn note(content: &str) -> String {
    format!("<note xmlns=\"{NOTE}\">{content}</note>")
}

/// A note whose `ct:extension` holds `content` (kept as `AnyNode`s). Content starts at column 133.
fn extension(content: &str) -> String {
    note(&format!("<extension xmlns=\"{CT}\">{content}</extension>"))
}

fn error(xml: &str) -> Error {
    match from_str::<Document>(xml) {
        Ok(doc) => panic!("accepted: {xml:.200}\nas {doc:.200?}"),
        Err(e) => e,
    }
}

fn message(xml: &str) -> String {
    error(xml).to_string()
}

fn slice_message(bytes: &[u8]) -> String {
    from_slice::<Document>(bytes).expect_err("must be rejected").to_string()
}

/// Parses `xml` and requires the round-trip contract: infoset-equal output, idempotent writing.
fn lossless(xml: &str) -> Document {
    let doc = from_str::<Document>(xml).unwrap_or_else(|e| panic!("{e}\n{xml:.300}"));
    let report = roundtrip::check(xml);
    assert!(report.is_ok(), "{report}\n{xml:.300}");
    doc
}

fn extension_content(doc: &Document) -> &[enhanced_presence::AnyNode] {
    match doc {
        Document::Note(n) => &n.extension.as_ref().expect("ct:extension").content,
        other => panic!("not a note: {other:.100?}"),
    }
}

// ---------------------------------------------------------------------------------------------------
// DOCTYPE, entities, external references

/// The error for a declaration `what` in a DOCTYPE's internal subset.
fn refused(what: &str) -> String {
    format!(
        "{what} in a DOCTYPE is not supported: an internal subset may declare only notations and \
         unparsed entities (other declarations would change the document, and are never read; \
         entities are never expanded)"
    )
}

#[test]
fn doctype_with_internal_entities_is_refused_without_expansion() {
    // The "billion laughs": 10 levels of 10 references would expand to 10^9 copies of "lol".
    let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE note [\n  <!ENTITY lol0 \"lol\">\n");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        bomb.push_str(&format!("  <!ENTITY lol{i} \"{refs}\">\n"));
    }
    bomb.push_str(&format!("]>\n<note xmlns=\"{NOTE}\"><body type=\"personal\">&lol9;</body></note>"));
    let with_text = refused("an entity with replacement text");
    assert_eq!(message(&bomb), format!("3:17: /: malformed XML: {with_text}"));

    // Quadratic blow-up: one big entity referenced many times.
    let quadratic = format!(
        "<!DOCTYPE note [<!ENTITY a \"{}\">]>{}",
        "a".repeat(10_000),
        note(&format!("<body type=\"personal\">{}</body>", "&a;".repeat(10_000)))
    );
    assert_eq!(message(&quadratic), format!("1:28: /: malformed XML: {with_text}"));

    // A declaration after comments is refused as well, wherever the DOCTYPE is.
    assert_eq!(
        message(&format!(
            "<!-- c -->\n<?pi x?>\n<!DOCTYPE note [<!-- c --><!ATTLIST note a CDATA 'x'>]>{}",
            note("")
        )),
        format!("3:27: /: malformed XML: {}", refused("a declaration of elements or attributes"))
    );
}

#[test]
fn an_internal_subset_of_comments_notations_and_unparsed_entities_is_document_data() {
    // Real-world shapes: a changelog test file's subset holding only a comment, and a maintenance
    // data module's naming its illustrations (unparsed entities, for attributes of type ENTITY).
    // They declare no replacement text and no default, so the document reads as without them, and
    // the subset is written back as it was.
    let subset_text = "\n  <!-- no declarations here; ] is text -->\n  <?editor fold?>\n  \
        <!--<!ENTITY e SYSTEM \"e.xml\">-->\n  <!NOTATION JPEG SYSTEM 'Joint Photographic Experts Group'>\n  \
        <!ENTITY ICN-0001 SYSTEM  'ICN-0001.jpg' NDATA JPEG>\n";
    let xml = format!("<!DOCTYPE note [{subset_text}]>\n{}", note("<body type=\"personal\">x</body>"));
    let doc: WithHints<Document> = from_str(&xml).unwrap();
    let subset = doc.doctype.as_ref().and_then(|d| d.internal_subset.as_deref());
    assert_eq!(subset, Some(subset_text));
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert!(written.starts_with(&format!("<!DOCTYPE note [{}]><note ", subset.unwrap())), "{written}");
    assert!(roundtrip::check(&xml).is_ok(), "{}", roundtrip::check(&xml));
    for (xml, at, message_) in [
        (
            "<!DOCTYPE note [<!-- a > b -->]><note/>",
            "1:24",
            "an unpaired `>` in a comment in a DOCTYPE is not supported",
        ),
        ("<!DOCTYPE note [<?XML x?>]><note/>", "1:17", "reserved"),
    ] {
        let found = message(xml);
        assert!(
            found.starts_with(&format!("{at}: /: malformed XML: ")) && found.contains(message_),
            "{found}"
        );
    }
}

#[test]
fn a_doctype_without_internal_subset_is_document_data() {
    let xml = format!("<!DOCTYPE note SYSTEM \"note.dtd\">\n{}", note("<body type=\"personal\">x</body>"));
    // Reading the root's type alone would drop it: refused, naming what keeps it.
    assert_eq!(
        message(&xml),
        "1:1: /: malformed XML: a DOCTYPE is kept only by `WithHints` (reading the root's type alone would drop it)"
    );
    let doc: WithHints<Document> = from_str(&xml).unwrap();
    let doctype = doc.doctype.as_ref().expect("kept");
    assert_eq!((doctype.name.as_str(), doctype.system_id.as_deref()), ("note", Some("note.dtd")));
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert!(written.starts_with("<!DOCTYPE note SYSTEM \"note.dtd\"><note "), "{written}");
    assert!(roundtrip::check(&xml).is_ok(), "{}", roundtrip::check(&xml));
    // Once, before the root.
    for (xml, at) in [
        (format!("{}<!DOCTYPE note>", note("")), "1:68"),
        (format!("<!DOCTYPE note><!DOCTYPE note>{}", note("")), "1:16"),
    ] {
        assert_eq!(
            from_str::<WithHints<Document>>(&xml).unwrap_err().to_string(),
            format!("{at}: /: malformed XML: a DOCTYPE is only allowed once, before the root element")
        );
    }
}

#[test]
fn external_entities_and_references_are_never_resolved() {
    // External identifiers are kept as text; nothing is ever loaded from them.
    for xml in [
        format!("<!DOCTYPE note SYSTEM \"file:///etc/passwd\"><note xmlns=\"{NOTE}\"/>"),
        format!(
            "<!DOCTYPE note PUBLIC \"-//X//DTD X//EN\" \"http://example.com/x.dtd\"><note xmlns=\"{NOTE}\"/>"
        ),
    ] {
        let doc: WithHints<Document> = from_str(&xml).unwrap();
        assert_eq!(enhanced_presence::to_string(&doc).unwrap(), xml);
    }
    for (xml, column, what) in [
        (
            "<!DOCTYPE note [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><note>&xxe;</note>",
            17,
            "an external parsed entity",
        ),
        (
            "<!DOCTYPE note [<!ENTITY % p SYSTEM \"http://example.com/p.dtd\"> %p;]><note/>",
            26,
            "a parameter entity",
        ),
        ("<!DOCTYPE note [ %p;]><note/>", 18, "a parameter-entity reference"),
        (
            "<!DOCTYPE note SYSTEM \"x.dtd\" [<!ENTITY xxe \"x\">]><note>&xxe;</note>",
            45,
            "an entity with replacement text",
        ),
    ] {
        assert_eq!(message(xml), format!("1:{column}: /: malformed XML: {}", refused(what)), "{xml}");
    }
    // A reference to an undeclared entity, in text and in an attribute value.
    assert_eq!(
        message(&note("<body type=\"personal\">&xxe;</body>")),
        "1:83: /note/body: malformed XML: unknown entity reference &xxe;"
    );
    let in_attribute = error(&note("<body type=\"personal\" uri=\"&xxe;\"/>"));
    assert_eq!((in_attribute.line(), in_attribute.column(), in_attribute.path()), (1, 61, "/note/body"));
    assert!(matches!(in_attribute.kind(), ErrorKind::Syntax(m) if m.contains("xxe")), "{in_attribute}");

    // `%name;` outside a DTD is plain text; XInclude is not processed, just kept.
    let doc = lossless(&note("<body type=\"personal\">%xxe;</body>"));
    let Document::Note(n) = doc else { panic!() };
    assert_eq!(n.body[0].value, "%xxe;");
    let xinclude =
        extension("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/>");
    let doc = lossless(&xinclude);
    assert_eq!(enhanced_presence::to_string(&doc).unwrap(), xinclude);
}

#[test]
fn character_references_outside_xml_chars_are_refused() {
    for (reference, expected) in [
        (
            "&#0;",
            "1:83: /note/body: malformed XML: invalid character reference: U+0000 is not allowed in XML",
        ),
        ("&#xD800;", "1:83: /note/body: malformed XML: invalid character reference &#xD800;"),
        ("&#xFFFFFFFF;", "1:83: /note/body: malformed XML: invalid character reference &#xFFFFFFFF;"),
    ] {
        assert_eq!(message(&note(&format!("<body type=\"personal\">{reference}</body>"))), expected);
    }
    // Characters outside the BMP, by reference and literally, are kept.
    let doc = lossless(&note("<body type=\"personal\">&#x1F600; \u{1F600}</body>"));
    let Document::Note(n) = doc else { panic!() };
    assert_eq!(n.body[0].value, "\u{1F600} \u{1F600}");
}

#[test]
fn xml_1_1_documents_may_refer_to_control_characters_and_keep_their_version() {
    let body = "<body type=\"personal\">bell &#x7; form feed &#xC;</body>";
    // In XML 1.0 there is no form for them at all.
    assert_eq!(
        message(&note(body)),
        "1:88: /note/body: malformed XML: invalid character reference: U+0007 is not allowed in XML"
    );
    let xml = format!("<?xml version=\"1.1\"?>{}", note(body));
    let doc: WithHints<Document> = from_str(&xml).unwrap();
    assert_eq!(doc.xml_version, Some("1.1"));
    let Document::Note(n) = &doc.root else { panic!() };
    assert_eq!(n.body[0].value, "bell \u{7} form feed \u{C}");
    // Written back as references, under a 1.1 declaration, and the same document again.
    let out = enhanced_presence::to_string(&doc).unwrap();
    assert!(
        out.starts_with("<?xml version=\"1.1\"?><note") && out.contains("bell &#x7; form feed &#xC;"),
        "{out}"
    );
    assert!(roundtrip::check(&xml).is_ok(), "{}", roundtrip::check(&xml));
    // Read as the root's type alone, the version would be lost: refused.
    let err = from_str::<Note>(&xml).unwrap_err().to_string();
    assert!(err.contains("XML 1.1") && err.contains("WithHints"), "{err}");
}

#[test]
fn xml_1_1_line_ends_are_line_ends_and_its_restricted_characters_only_references() {
    // NEL, U+2028 and `\r` NEL end lines in XML 1.1 (so a value holds `\n`, or a space in an
    // attribute); in XML 1.0 they are characters like others.
    let body = "<body type=\"personal\" uri=\"x\u{85}y\">a\u{85}b\u{2028}c\r\u{85}d &#x85;</body>";
    let xml = format!("<?xml version=\"1.1\"?>{}", note(body));
    let doc: WithHints<Document> = from_str(&xml).unwrap();
    let Document::Note(n) = &doc.root else { panic!() };
    assert_eq!((n.body[0].value.as_str(), n.body[0].uri.as_deref()), ("a\nb\nc\nd \u{85}", Some("x y")));
    let check = roundtrip::check(&xml);
    assert!(check.is_ok(), "{check}");
    let out = enhanced_presence::to_string(&doc).unwrap();
    assert!(out.contains(">a\nb\nc\nd &#x85;</body>"), "{out}");
    let Document::Note(n) = from_str::<Document>(&note(body)).unwrap() else { panic!() };
    assert_eq!(n.body[0].value, "a\u{85}b\u{2028}c\n\u{85}d \u{85}");
    // U+0080–U+009F other than NEL, and U+007F, are allowed in 1.0 and only as references in 1.1.
    let xml = format!("<?xml version=\"1.1\"?>{}", note("<body type=\"personal\">a\u{80}</body>"));
    assert_eq!(
        from_str::<WithHints<Document>>(&xml).unwrap_err().to_string(),
        "1:105: /note/body: malformed XML: character U+0080 may only be a character reference in XML 1.1"
    );
    assert!(roundtrip::infoset::parse(&xml).unwrap_err().to_string().contains("U+0080"));
}

#[test]
fn xml_1_1_line_ends_in_markup_are_white_space() {
    // XML 1.1 normalises NEL and U+2028 to line feeds before parsing, so in a tag, after a processing
    // instruction's target and in the DOCTYPE they are the white space a line feed is.
    let xml = format!(
        "<?xml version=\"1.1\"?>\u{85}<!DOCTYPE\u{2028}note>\u{85}<?pi\u{85}data?>\
         <note xmlns=\"{NOTE}\"\u{85}><body\u{2028}type=\"personal\"\u{85}uri=\"\"\r\u{85}>x</body\u{85}>\
         </note\u{2028}>"
    );
    let doc: WithHints<Document> = from_str(&xml).unwrap();
    assert_eq!((doc.xml_version, doc.doctype.as_ref().map(|d| d.name.as_str())), (Some("1.1"), Some("note")));
    let Document::Note(n) = &doc.root else { panic!() };
    assert_eq!((n.body[0].value.as_str(), n.body[0].uri.as_deref()), ("x", Some("")));
    let check = roundtrip::check(&xml);
    assert!(check.is_ok(), "{check}");
    // Lines end at them, so positions count them as line ends.
    let bad = format!("<?xml version=\"1.1\"?>\u{85}<note xmlns=\"{NOTE}\">\u{2028}<bad/></note>");
    assert!(message(&bad).starts_with("3:1: /note/bad: "), "{}", message(&bad));
    // Not in XML 1.0, where they are characters like others, and not in the XML declaration, which is
    // read before anything is normalised.
    for not_well_formed in
        [xml.replace("version=\"1.1\"", "version=\"1.0\""), xml.replace("\"1.1\"", "\"1.1\"\u{85}")]
    {
        let err = from_str::<WithHints<Document>>(&not_well_formed).unwrap_err().to_string();
        assert!(err.contains("malformed XML"), "{not_well_formed:?}: {err}");
        assert!(roundtrip::infoset::parse(&not_well_formed).is_err(), "{not_well_formed:?}");
    }
}

#[test]
fn values_xml_cannot_hold_are_a_write_error_with_the_elements_path() {
    // A string built by hand can hold characters no XML 1.0 document can; the reader never makes one.
    let mut n: Note = from_str(&note("<body type=\"personal\">ok</body>")).unwrap();
    n.body[0].value = "bell \u{7}".into();
    let e = enhanced_presence::to_string(&n).unwrap_err();
    assert_eq!((e.line(), e.path()), (0, "/note/body"));
    assert_eq!(
        e.to_string(),
        "/note/body: cannot write U+0007 in character data: XML 1.0 has no form for it, not even a character \
         reference"
    );
    n.body[0].value = "ok".into();
    n.body[0].uri = Some("sip:\u{FFFE}".into());
    let e = enhanced_presence::to_string_pretty(&n).unwrap_err();
    let kind = ErrorKind::UnwritableChar { ch: '\u{FFFE}', attribute: Some("uri".into()), xml11: false };
    assert_eq!((e.kind(), e.path()), (&kind, "/note/body"));
    // `to_writer` writes nothing and says why.
    let mut out = Vec::new();
    let e = enhanced_presence::to_writer(&n, &mut out).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
    assert_eq!(e.get_ref().and_then(|e| e.downcast_ref::<Error>()).map(Error::kind), Some(&kind));
    assert!(out.is_empty());

    // Unknown content built by hand: its names must be XML names.
    let doc = lossless(&extension("<x xmlns=\"urn:x\"/>"));
    let Document::Note(mut n) = doc else { panic!() };
    let any = n.extension.as_mut().unwrap();
    let enhanced_presence::AnyNode::Element(x) = &mut any.content[0] else { panic!() };
    x.name.local = "two words".into();
    let e = enhanced_presence::to_string(&n).unwrap_err();
    // The path is the element it was to be written in.
    assert_eq!(
        e.to_string(),
        "/note/extension: cannot write the name: \"two words\" is not a name: ' ' is not allowed in a name"
    );
}

#[test]
fn characters_outside_xml_chars_are_refused() {
    let body = |text: &str| note(&format!("<body type=\"personal\">{text}</body>"));
    let cases = [
        (
            body("&#1;"),
            "1:83: /note/body: malformed XML: invalid character reference: U+0001 is not allowed in XML",
        ),
        (
            body("&#xFFFE;"),
            "1:83: /note/body: malformed XML: invalid character reference: U+FFFE is not allowed in XML",
        ),
        (body("\u{1}"), "1:83: /note/body: malformed XML: character U+0001 is not allowed in XML"),
        (body("ok \u{FFFE}"), "1:86: /note/body: malformed XML: character U+FFFE is not allowed in XML"),
        (body("\u{FFFF}"), "1:83: /note/body: malformed XML: character U+FFFF is not allowed in XML"),
        (
            note("<body type=\"personal\" uri=\"&#x1B;\"/>"),
            "1:61: /note/body: malformed XML: invalid character reference: U+001B is not allowed in XML",
        ),
        (
            note("\n<body type=\"personal\" uri=\"\u{7}\"/>"),
            "2:28: /note/body: malformed XML: character U+0007 is not allowed in XML",
        ),
        (note("<!-- \u{0} -->"), "1:66: /note: malformed XML: character U+0000 is not allowed in XML"),
        (
            extension("<a\u{8}/>"),
            "1:135: /note/extension/a: malformed XML: character U+0008 is not allowed in XML",
        ),
    ];
    for (xml, expected) in cases {
        assert_eq!(message(&xml), expected, "{xml:?}");
    }
    // Tab, line ends and the rest of the BMP and beyond are characters.
    lossless(&body("\t\n\r\n \u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}"));
}

// ---------------------------------------------------------------------------------------------------
// Encoding

/// Invalid UTF-8 (declared, or by default): (bytes, line, column, path of the open element,
/// message). Documents in other encodings: `tests/encodings.rs`.
const INVALID_UTF8: [(&[u8], usize, usize, &str, &str); 5] = [
    (b"\xff<note/>", 1, 1, "/", "invalid utf-8 sequence of 1 bytes from index 0"),
    (b"<note>\xc0\xaf</note>", 1, 7, "/note", "invalid utf-8 sequence of 1 bytes from index 6"),
    (
        b"<note>\n<body>\xed\xa0\x80</body></note>",
        2,
        7,
        "/note/body",
        "invalid utf-8 sequence of 1 bytes from index 13",
    ),
    (b"<note>caf\xc3", 1, 10, "/note", "incomplete utf-8 byte sequence from index 9"),
    (
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<note>caf\xe9</note>",
        2,
        10,
        "/note",
        "invalid utf-8 sequence of 1 bytes from index 48",
    ),
];

#[test]
fn invalid_utf8_is_an_encoding_error_with_its_position() {
    for (bytes, line, column, _, message) in INVALID_UTF8 {
        let err = from_slice::<Document>(bytes).unwrap_err();
        assert_eq!((err.line(), err.column()), (line, column), "{bytes:?}: {err}");
        assert_eq!(err.kind(), &ErrorKind::Encoding(message.to_owned()), "{bytes:?}");
    }
    // A UTF-8 byte order mark is accepted.
    let mut with_bom = b"\xef\xbb\xbf".to_vec();
    with_bom.extend_from_slice(note("").as_bytes());
    assert!(matches!(from_slice::<Document>(&with_bom), Ok(Document::Note(_))));
}

#[test]
fn invalid_utf8_names_the_element_it_is_in() {
    for (bytes, line, column, path, message) in INVALID_UTF8 {
        assert_eq!(slice_message(bytes), format!("{line}:{column}: {path}: invalid encoding: {message}"));
    }
}

// ---------------------------------------------------------------------------------------------------
// Truncation

/// The position just after `prefix`, as (line, column), for comparing with an error's position.
fn end_of(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

fn check_every_prefix_is_an_error(sample: &[u8], read: impl Fn(&[u8]) -> Result<(), Error>) {
    assert!(read(sample).is_ok(), "the whole sample must parse");
    for len in 0..sample.len() {
        let prefix = &sample[..len];
        let err = match read(prefix) {
            Ok(()) => panic!("prefix of {len} bytes accepted: {:?}", String::from_utf8_lossy(prefix)),
            Err(e) => e,
        };
        assert!(
            matches!(err.kind(), ErrorKind::Syntax(_) | ErrorKind::UnexpectedEof | ErrorKind::Encoding(_)),
            "prefix of {len} bytes: {err}"
        );
        assert!(err.line() >= 1 && err.column() >= 1 && err.path().starts_with('/'), "{len}: {err}");
        assert!(
            (err.line(), err.column()) <= end_of(prefix),
            "prefix of {len} bytes: error after its end: {err}"
        );
    }
}

#[test]
fn every_truncation_of_a_notify_body_is_an_error() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/categories/valid/notify-one-contact-all-typed-categories.xml");
    let sample = std::fs::read_to_string(path).unwrap();
    let sample = sample.trim_end_matches(char::is_whitespace).as_bytes();
    check_every_prefix_is_an_error(sample, |b| from_slice::<Document>(b).map(drop));
    check_every_prefix_is_an_error(sample, |b| from_slice::<Categories>(b).map(drop));
}

#[test]
fn every_truncation_of_a_note_with_every_construct_is_an_error() {
    // Declaration, comment, PI, prefixes, references, CDATA, multi-byte characters (cut in the
    // middle by some prefixes), the extension tail and unknown content.
    let sample = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c --><?pi data?>\n<n:note xmlns:n=\"{NOTE}\" \
         xmlns:ct=\"{CT}\" xmlns:x=\"urn:x\" x:a='&quot;1&quot;'>\n  <n:body type=\"OOF\" \
         startTime=\"2010-05-06T07:08:09.5+02:00\" LCID=\"1033\">Caf\u{e9} &amp; \u{4e2d}\u{1F600} &#x1F600;\
         <![CDATA[<raw>]]></n:body>\n  <ct:delimiter/>\n  <n:mood>calm</n:mood>\n  <ct:end/>\n  \
         <ct:extension><x:e x:k=\"v\">t<y/></x:e></ct:extension>\n</n:note>"
    );
    lossless(&sample);
    check_every_prefix_is_an_error(sample.as_bytes(), |b| from_slice::<Document>(b).map(drop));
    // A few cuts, exactly.
    let at = |needle: &str| sample.find(needle).unwrap();
    let cut = |len: usize| slice_message(&sample.as_bytes()[..len]);
    assert_eq!(cut(0), "1:1: /: malformed XML: no root element");
    assert_eq!(cut(at("<ct:delimiter")), "5:3: /n:note: document ended before the root element was closed");
    assert_eq!(
        cut(at("<ct:delimiter") + 3),
        "5:3: /n:note: malformed XML: tag not closed: `>` not found before the end of the input"
    );
    assert_eq!(
        cut(at("<![CDATA[") + 4),
        "4:97: /n:note/n:body: malformed XML: CDATA section not closed: `]]>` not found before the end of the input"
    );
}

// ---------------------------------------------------------------------------------------------------
// Well-formedness

#[test]
fn unclosed_and_mismatched_tags() {
    let cases = [
        (format!("<note xmlns=\"{NOTE}\">\n  <body type=\"personal\">hi</body>\n"), "3:1: /note: document ended before the root element was closed"),
        (format!("<note xmlns=\"{NOTE}\">\n  <body type=\"personal\">hi\n</note>"), "3:1: /note/body: malformed XML: expected `</body>`, found `</note>`"),
        (format!("<note xmlns=\"{NOTE}\">\n  <body type=\"personal\">hi</bdy>\n</note>"), "2:27: /note/body: malformed XML: expected `</body>`, found `</bdy>`"),
        (format!("<note xmlns=\"{NOTE}\"></body></note>"), "1:61: /note: malformed XML: expected `</note>`, found `</body>`"),
        (format!("<note xmlns=\"{NOTE}\"/></note>"), "1:62: /: malformed XML: `</note>` closes no open element"),
        (format!("<note xmlns=\"{NOTE}\"><extension xmlns=\"{CT}\"><a><b></a></extension></note>"), "1:139: /note/extension/a/b: malformed XML: expected `</b>`, found `</a>`"),
        (format!("<note xmlns=\"{NOTE}\"><extension xmlns=\"{CT}\"><a><b>"), "1:139: /note/extension/a/b: document ended before the root element was closed"),
        (format!("<note xmlns=\"{NOTE}\"><!-- never closed"), "1:61: /note: malformed XML: comment not closed: `-->` not found before the end of the input"),
        (format!("<note xmlns=\"{NOTE}\"><body type=\"personal"), "1:61: /note/body: malformed XML: tag not closed: `>` not found before the end of the input"),
        (format!("<note xmlns=\"{NOTE}\"><?pi never closed"), "1:61: /note: malformed XML: processing instruction not closed: `?>` not found before the end of the input"),
        (format!("<note xmlns=\"{NOTE}\"></note>trailing"), "1:68: /: content after the end of the root element"),
        ("just text".to_owned(), "1:1: /: malformed XML: text before the root element"),
    ];
    for (xml, expected) in cases {
        assert_eq!(message(&xml), expected, "{xml}");
    }
}

#[test]
fn duplicate_attributes() {
    let cases = [
        (note("\n<body type=\"personal\" type=\"OOF\"/>"), "2:1: /note/body: duplicate attribute type"),
        (format!("<note xmlns=\"{NOTE}\" xmlns=\"{NOTE}\"/>"), "1:1: /note: duplicate attribute xmlns"),
        (
            format!("<note xmlns=\"{NOTE}\" xmlns:x=\"urn:x\" x:a=\"1\" x:a=\"2\"/>"),
            "1:1: /note: duplicate attribute x:a",
        ),
        (extension("<e a=\"1\" b=\"2\" a=\"3\"/>"), "1:133: /note/extension/e: duplicate attribute a"),
    ];
    for (xml, expected) in cases {
        assert_eq!(message(&xml), expected, "{xml}");
    }
}

#[test]
fn duplicate_expanded_attribute_names() {
    let xml = format!("<note xmlns=\"{NOTE}\" xmlns:a=\"urn:x\" xmlns:b=\"urn:x\" a:v=\"1\" b:v=\"2\"/>");
    let err = error(&xml);
    assert_eq!((err.line(), err.column(), err.path()), (1, 1, "/note"));
    assert!(matches!(err.kind(), ErrorKind::DuplicateAttribute { .. }), "{err}");
    let err = error(&extension("<e xmlns:a=\"urn:x\" xmlns:b=\"urn:x\" a:v=\"1\" b:v=\"2\"/>"));
    assert_eq!((err.line(), err.column(), err.path()), (1, 133, "/note/extension/e"));
    assert!(matches!(err.kind(), ErrorKind::DuplicateAttribute { .. }), "{err}");
}

#[test]
fn undeclared_prefixes() {
    let cases = [
        (
            note("\n  <p:body type=\"personal\"/>"),
            "2:3: /note/p:body: malformed XML: undeclared namespace prefix \"p\"",
        ),
        (
            note("\n  <body type=\"personal\" p:x=\"1\"/>"),
            "2:3: /note/body: malformed XML: undeclared namespace prefix \"p\"",
        ),
        (
            extension("<a xmlns:p=\"urn:p\"/><p:b/>"),
            "1:153: /note/extension/p:b: malformed XML: undeclared namespace prefix \"p\"",
        ),
        (
            format!("<state xmlns=\"{STATE}\" xmlns:xsi=\"{XSI}\" xsi:type=\"v:robotState\"/>"),
            "1:1: /state: malformed XML: xsi:type \"v:robotState\" uses an undeclared namespace prefix",
        ),
        (
            format!("<state xmlns=\"{STATE}\" xsi:type=\"userState\"/>"),
            "1:1: /state: malformed XML: undeclared namespace prefix \"xsi\"",
        ),
    ];
    for (xml, expected) in cases {
        assert_eq!(message(&xml), expected, "{xml}");
    }
}

#[test]
fn wrong_root_namespace() {
    let cases = [
        ("<note><body type=\"personal\"/></note>", "note"),
        ("<note xmlns=\"http://example.com/note\"/>", "{http://example.com/note}note"),
        (
            "<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/Note\"/>",
            "{http://schemas.microsoft.com/2006/09/sip/Note}note",
        ),
    ];
    for (xml, found) in cases {
        let err = error(xml);
        assert_eq!((err.line(), err.column(), err.path()), (1, 1, "/note"), "{err}");
        assert!(matches!(err.kind(), ErrorKind::UnexpectedRoot { found: f, .. } if f == found), "{err}");
    }
    assert_eq!(
        from_str::<Note>("<note xmlns=\"http://example.com/note\"/>").unwrap_err().to_string(),
        "1:1: /note: unexpected root element {http://example.com/note}note, expected {http://schemas.microsoft.com/2006/09/sip/note}note"
    );
    assert_eq!(
        from_str::<Categories>(&note("")).unwrap_err().to_string(),
        format!("1:1: /note: unexpected root element {{{NOTE}}}note, expected {{http://schemas.microsoft.com/2006/09/sip/categories}}categories")
    );
}

#[test]
fn unknown_xsi_type_is_kept_losslessly() {
    let xml = format!(
        "<state xmlns=\"{STATE}\" xmlns:xsi=\"{XSI}\" xmlns:v=\"urn:vendor\" xsi:type=\"v:robotState\" \
         manual=\"true\"><availability>3500</availability><v:battery level=\"80\">ok</v:battery></state>"
    );
    let doc = lossless(&xml);
    assert_eq!(enhanced_presence::to_string(&doc).unwrap(), xml);
    let Document::State(state) = &doc else { panic!("{doc:?}") };
    let StateType::Unknown(e) = &state.0 else { panic!("{state:?}") };
    assert_eq!(e.attributes.len(), 2, "{e:?}"); // xsi:type and manual
    assert_eq!(e.elements().map(|c| c.name.local.as_str()).collect::<Vec<_>>(), ["availability", "battery"]);

    // An unknown type in the state namespace itself.
    let xml =
        format!("<state xmlns=\"{STATE}\" xmlns:xsi=\"{XSI}\" xsi:type=\"futureState\"><x>1</x></state>");
    let doc = lossless(&xml);
    assert!(matches!(&doc, Document::State(s) if matches!(s.0, StateType::Unknown(_))));
    assert_eq!(enhanced_presence::to_string(&doc).unwrap(), xml);
}

// ---------------------------------------------------------------------------------------------------
// Values

#[test]
fn out_of_range_numbers() {
    let state = |v: &str| {
        format!("<state xmlns=\"{STATE}\" xmlns:xsi=\"{XSI}\" xsi:type=\"userState\">\n  <availability>{v}</availability>\n</state>")
    };
    let cases = [
        (
            note("\n<body type=\"personal\" LCID=\"4294967296\"/>"),
            r#"2:1: /note/body: @LCID: expected unsignedInt, found "4294967296" (out of range for unsignedInt)"#,
        ),
        (
            note("\n<body type=\"personal\" LCID=\"-1\"/>"),
            r#"2:1: /note/body: @LCID: expected unsignedInt, found "-1" (out of range for unsignedInt)"#,
        ),
        (
            note("\n<body type=\"personal\" LCID=\"99999999999999999999999999999999999999999\"/>"),
            r#"2:1: /note/body: @LCID: expected unsignedInt, found "99999999999999999999999999999999999999999" (out of range for unsignedInt)"#,
        ),
        (
            state("4294967296"),
            r#"2:3: /state/availability: expected unsignedInt, found "4294967296" (out of range for unsignedInt)"#,
        ),
        (
            state("-3500"),
            r#"2:3: /state/availability: expected unsignedInt, found "-3500" (out of range for unsignedInt)"#,
        ),
        (state("1e3"), r#"2:3: /state/availability: expected unsignedInt, found "1e3" (unexpected 'e')"#),
    ];
    for (xml, expected) in cases {
        assert_eq!(message(&xml), expected, "{xml}");
    }
    // In range, with the lexical forms XML Schema allows, the exact form is kept.
    lossless(&note("<body type=\"personal\" LCID=\"+04294967295\"/>"));
}

#[test]
fn invalid_date_times() {
    let body = |v: &str| note(&format!("\n<body type=\"OOF\" startTime=\"{v}\"/>"));
    let cases = [
        ("2010-13-01T10:00:00Z", "month 13 is out of range"),
        ("2010-02-30T10:00:00Z", "day 30 is out of range for 2010-02"),
        ("2011-02-29T10:00:00Z", "day 29 is out of range for 2011-02"),
        ("2010-01-01T24:00:01Z", "hour 24 is only allowed in 24:00:00"),
        ("2010-01-01T24:00:00.000Z", "24:00:00 cannot have fractional seconds"),
        ("2010-01-01T10:00:00+15:00", "timezone offset +15:00 is out of range"),
        ("99999999999999999999-01-01T10:00:00Z", "year is out of range"),
    ];
    for (value, reason) in cases {
        assert_eq!(
            message(&body(value)),
            format!("2:1: /note/body: @startTime: expected dateTime, found \"{value}\" ({reason})"),
        );
    }
    let err = error(&body("yesterday"));
    assert_eq!((err.line(), err.column(), err.path()), (2, 1, "/note/body"));
    assert!(matches!(err.kind(), ErrorKind::InvalidValue { name, .. } if name == "@startTime"), "{err}");
    // Leap day and end-of-day midnight are valid, and kept as written.
    lossless(&body("2012-02-29T24:00:00-14:00"));
}

// ---------------------------------------------------------------------------------------------------
// Size, breadth, depth

#[test]
fn size_limit() {
    // 100 MiB in one attribute value: refused up front by the default 64 MiB limit.
    let big = "x".repeat(100 << 20);
    let xml = note(&format!("<body type=\"personal\" uri=\"{big}\"/>"));
    assert_eq!(message(&xml), "1:1: /note: document larger than the limit of 67108864 bytes");
    drop(xml);
    // from_reader stops reading at the limit.
    let err =
        enhanced_presence::from_reader::<Document>(std::io::Read::take(std::io::repeat(b' '), 65 << 20))
            .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::SizeLimit { limit: 64 << 20 });
    // The limit is inclusive.
    let xml = note("");
    let limited = |max_size| from_str_with::<Document>(&xml, ReadOptions::new().max_size(max_size));
    assert!(limited(xml.len()).is_ok());
    assert_eq!(limited(xml.len() - 1).unwrap_err().kind(), &ErrorKind::SizeLimit { limit: xml.len() - 1 });
}

#[test]
fn huge_attribute_value_with_a_raised_limit() {
    // 100 MiB parses in about a second when optimised; an unoptimised build takes ~20 s for that, so
    // debug test runs use 16 MiB.
    let size = if cfg!(debug_assertions) { 16 << 20 } else { 100 << 20 };
    let big = "x".repeat(size);
    let xml = note(&format!("<body type=\"personal\" uri=\"{big}\"/>"));
    let options = ReadOptions::new().max_size(200 << 20);
    let doc = from_str_with::<Document>(&xml, options).unwrap();
    let Document::Note(n) = &doc else { panic!() };
    assert_eq!(n.body[0].uri.as_deref().map(str::len), Some(size));
    assert_eq!(enhanced_presence::to_string(&doc).unwrap().len(), xml.len());
}

#[test]
fn a_million_sibling_elements() {
    let count = 1_000_000;
    let xml = extension(&"<a/>".repeat(count));
    let doc = from_str::<Document>(&xml).unwrap();
    assert_eq!(extension_content(&doc).len(), count);
    assert!(enhanced_presence::to_string(&doc).unwrap() == xml, "written differently");

    // Typed siblings: as many in release builds; debug builds (~4x slower here) take a fifth.
    let count = if cfg!(debug_assertions) { 200_000 } else { count };
    let xml = note(&"<body type=\"personal\"/>".repeat(count));
    let Document::Note(n) = from_str::<Document>(&xml).unwrap() else { panic!() };
    assert_eq!(n.body.len(), count);
}

#[test]
fn nesting_a_million_deep_hits_the_depth_limit() {
    let depth = 1_000_000;
    let opened = "<a>".repeat(depth);
    let closed = "</a>".repeat(depth);
    // The 255th <a> would be the 257th open element.
    let column = 133 + 254 * 3;
    let path = format!("/note/extension{}", "/a".repeat(255));
    for xml in [extension(&format!("{opened}{closed}")), extension(&opened)] {
        let err = error(&xml);
        assert_eq!(err.kind(), &ErrorKind::DepthLimit { limit: 256 });
        assert_eq!((err.line(), err.column(), err.path()), (1, column, path.as_str()));
    }
    // Deep nesting straight under the root is refused by the content model before depth matters.
    assert_eq!(message(&note(&opened)), "1:61: /note/a: unexpected element a, expected the end of note");
    // A configured limit is honoured exactly.
    let xml = extension(&format!("{}{}", "<a>".repeat(8), "</a>".repeat(8)));
    let read = |max_depth| from_str_with::<Document>(&xml, ReadOptions::new().max_depth(max_depth));
    assert!(read(10).is_ok());
    assert_eq!(read(9).unwrap_err().kind(), &ErrorKind::DepthLimit { limit: 9 });
    // A raised limit reads and writes deep unknown content without recursion.
    let depth = 20_000;
    let xml = extension(&format!("{}<a/>{}", "<a>".repeat(depth - 1), "</a>".repeat(depth - 1)));
    let doc = from_str_with::<Document>(&xml, ReadOptions::new().max_depth(depth + 2)).unwrap();
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert!(written == xml, "written differently: {:.200}", written);
}

#[test]
fn deep_unknown_content_drops_without_recursion() {
    let depth = 1_000_000;
    let xml = extension(&format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth)));
    let doc = from_str_with::<Document>(&xml, ReadOptions::new().max_depth(depth + 2)).unwrap();
    drop(doc);
}

/// A note with `xmlns`, `xmlns:x` and `count` attributes `x:a0="0"` …
fn note_with_attributes(count: usize) -> String {
    let attrs: String = (0..count).map(|i| format!(" x:a{i}=\"{i}\"")).collect();
    format!("<note xmlns=\"{NOTE}\" xmlns:x=\"urn:x\"{attrs}/>")
}

#[test]
fn attribute_count_is_limited() {
    // The default limit is 256 attributes, namespace declarations included.
    let Document::Note(n) = lossless(&note_with_attributes(254)) else { panic!() };
    assert_eq!(n.any_attributes.0.len(), 254);
    assert_eq!(
        message(&note_with_attributes(255)),
        "1:1: /note: more attributes on one element than the limit of 256"
    );
    // 100,000 attributes (1.7 MB) are refused after scanning the first 257.
    let err = error(&note_with_attributes(100_000));
    assert_eq!(err.to_string(), "1:1: /note: more attributes on one element than the limit of 256");
    assert_eq!(err.kind(), &ErrorKind::AttributeLimit { limit: 256 });
    // Inside unknown content too.
    let attrs: String = (0..300).map(|i| format!(" a{i}=\"{i}\"")).collect();
    assert_eq!(
        message(&extension(&format!("<e{attrs}/>"))),
        "1:133: /note/extension/e: more attributes on one element than the limit of 256"
    );
}

#[test]
fn many_attributes_with_a_raised_limit() {
    let count = 20_000;
    let options = ReadOptions::new().max_attributes(count + 2);
    let xml = note_with_attributes(count);
    let doc = from_str_with::<Document>(&xml, options).unwrap();
    let Document::Note(n) = &doc else { panic!() };
    assert_eq!(n.any_attributes.0.len(), count);
    assert!(enhanced_presence::to_string(&doc).unwrap() == xml, "written differently");
    // One past the raised limit, and a duplicate among them all (found by hashing, not by
    // comparing every pair).
    let err = from_str_with::<Document>(&note_with_attributes(count + 1), options).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::AttributeLimit { limit: count + 2 });
    let duplicated = xml.replace(&format!("x:a{}=", count - 1), "x:a0=");
    let err = from_str_with::<Document>(&duplicated, options).unwrap_err();
    assert_eq!(err.to_string(), "1:1: /note: duplicate attribute x:a0");
    let attrs: String = (0..count).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let xml = extension(&format!("<e{attrs}/>"));
    let doc = from_str_with::<Document>(&xml, options).unwrap();
    let Some(enhanced_presence::AnyNode::Element(e)) = extension_content(&doc).first() else { panic!() };
    assert_eq!(e.attributes.len(), count);
    assert!(enhanced_presence::to_string(&doc).unwrap() == xml, "written differently");
}

#[test]
fn a_hand_built_element_with_many_attributes_is_written_in_linear_time() {
    // What no reading limit bounds: an element built in code (or read from JSON) with 200,000
    // attributes, each written once, the repeats of earlier names left out.
    let count = 200_000;
    let attribute = |i: usize, value: &str| enhanced_presence::AnyAttribute {
        name: enhanced_presence::XmlName::new(None, &format!("a{i}")),
        value: value.to_owned(),
    };
    let mut e = enhanced_presence::AnyElement::new(None, "e");
    e.attributes = (0..count).map(|i| attribute(i, "1")).collect();
    e.attributes.push(attribute(0, "2"));
    e.attributes.push(attribute(count - 1, "2"));
    let mut w = enhanced_presence::XmlWriter::new();
    e.write(&mut w);
    let xml = w.finish().unwrap();
    let written: String = (0..count).map(|i| format!(" a{i}=\"1\"")).collect();
    assert!(xml == format!("<e{written}/>"), "written differently: {}…", &xml[..100]);
}

#[test]
fn many_namespaces_in_scope_are_written_in_linear_time() {
    // Within the default limits: 200 nested elements declaring 250 prefixes each (50,000 bindings
    // in scope), then 20,000 elements and attributes named with a prefix declared outside them all.
    // Writing looked each prefix up among every binding in scope (seconds in a release build).
    let mut content = String::from("<e xmlns:q=\"urn:q\">");
    for depth in 0..200 {
        let declarations: String = (0..250).map(|i| format!(" xmlns:p{i}=\"urn:{depth}:{i}\"")).collect();
        content.push_str(&format!("<d{declarations}>"));
    }
    content.push_str(&"<q:c q:a=\"1\" p0:a=\"2\"/>".repeat(20_000));
    content.push_str(&"</d>".repeat(200));
    content.push_str("</e>");
    let xml = extension(&content);
    let doc = from_str::<Document>(&xml).unwrap();
    assert!(enhanced_presence::to_string(&doc).unwrap() == xml, "written differently");
}

#[test]
fn many_distinct_namespaces_are_linear() {
    let count = 50_000;
    let content: String = (0..count).map(|i| format!("<a xmlns=\"urn:{i}\"/>")).collect();
    let xml = extension(&content);
    let doc = from_str::<Document>(&xml).unwrap();
    assert_eq!(extension_content(&doc).len(), count);
}

// ---------------------------------------------------------------------------------------------------
// Fuzz findings (inputs in tests/data/fuzz-regressions/)

fn regression(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fuzz targets' oracle: what the writer produced is namespace-well-formed.
fn assert_well_formed(output: &str, what: &Path) {
    if let Err(e) = roundtrip::infoset::parse(output) {
        panic!("{}: the output is not namespace-well-formed: {e}\n{output:.400}", what.display());
    }
}

#[test]
fn fuzz_regressions_never_panic_and_write_well_formed_xml() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        // The contract's own parser, on the input itself: an error or an infoset, never a panic.
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = roundtrip::infoset::parse(text);
        }
        if let Ok(doc) = from_slice::<Document>(&bytes) {
            assert_well_formed(&enhanced_presence::to_string(&doc).unwrap(), &path);
        }
        if let Ok(doc) = from_slice::<WithHints<Document>>(&bytes) {
            assert_well_formed(&enhanced_presence::to_string(&doc).unwrap(), &path);
        }
        if let Ok(categories) = from_slice::<Categories>(&bytes) {
            assert_well_formed(&enhanced_presence::to_string(&categories).unwrap(), &path);
        }
    }
}

#[test]
fn a_declaration_of_a_binding_in_scope_is_not_kept() {
    // Features fuzz finding (`features-redundant-default-namespace.xml`): a `WithHints` recorded
    // `xmlns="u"` on an element already in the default namespace `u`, which the writer, rightly,
    // does not repeat, so the value read back differed. Such a declaration changes nothing and is
    // not recorded; one that changes a binding is, and both prefixes survive.
    let xml = r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note" xmlns:x="urn:x"><body xmlns="http://schemas.microsoft.com/2006/09/sip/note" xmlns:x="urn:x" xmlns:y="urn:y" type="personal">t</body></note>"#;
    let doc = from_str::<WithHints<Document>>(xml).unwrap();
    let kept: Vec<(u32, Option<&str>)> =
        doc.namespaces.iter().map(|d| (d.element, d.prefix.as_deref())).collect();
    assert_eq!(kept, [(1, None), (1, Some("x")), (2, Some("y"))]);
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert_eq!(
        written,
        r#"<note xmlns="http://schemas.microsoft.com/2006/09/sip/note" xmlns:x="urn:x"><body xmlns:y="urn:y" type="personal">t</body></note>"#
    );
    assert_eq!(from_str::<WithHints<Document>>(&written).unwrap(), doc);
    let report = roundtrip::check_as::<WithHints<Document>>(xml);
    assert!(report.is_ok(), "{report}");
}

#[test]
fn an_xml_declaration_is_held_to_its_grammar() {
    // Contract fuzz finding (`contract-malformed-xml-declaration.xml`): `<?xml captureversion="1.1"
    // …?>` declares no version, yet the reader took it (as 1.0) and the contract's own parser found
    // `version="1.1"` inside the name (as 1.1), so the two disagreed on a NEL in the text. Both
    // now read the declaration by its grammar and refuse it.
    let input = regression("contract-malformed-xml-declaration.xml");
    let error = from_slice::<WithHints<Document>>(&input).unwrap_err();
    assert_eq!(
        error.to_string(),
        "1:1: /: malformed XML: malformed XML declaration: the XML declaration must start with version, \
         not \"captureversion\""
    );
    let text = std::str::from_utf8(&input).unwrap();
    let oracle = roundtrip::infoset::parse(text).unwrap_err().to_string();
    assert!(oracle.contains("malformed XML declaration"), "{oracle}");
    for (declaration, message) in [
        (r#"<?xml encoding="UTF-8" version="1.0"?>"#, "the XML declaration must start with version"),
        (r#"<?xml version="1.0" standalone="yes" encoding="UTF-8"?>"#, "encoding is out of place"),
        (r#"<?xml version="1.0" xencoding="UTF-8"?>"#, "unexpected \"xencoding\""),
    ] {
        let xml = format!(r#"{declaration}<note xmlns="http://schemas.microsoft.com/2006/09/sip/note"/>"#);
        let error = from_str::<Note>(&xml).unwrap_err().to_string();
        assert!(error.contains(message), "{xml}: {error}");
        assert!(roundtrip::infoset::parse(&xml).is_err(), "the oracle takes {xml}");
    }
    let xml = r#"<?xml version = '1.0' encoding="UTF-8" standalone='no' ?><note xmlns="http://schemas.microsoft.com/2006/09/sip/note"/>"#;
    from_str::<Note>(xml).unwrap();
    roundtrip::infoset::parse(xml).unwrap();
}

#[test]
fn xml_1_1_allows_its_restricted_characters_nowhere_but_as_references() {
    // Contract fuzz finding (`contract-xml11-restricted-char-in-doctype.xml`, reduced): a 1.1
    // document with U+007F in a notation's system identifier inside its DOCTYPE was read (only text
    // and attribute values were checked for the characters 1.1 allows only as references) and the
    // DOCTYPE written back as it stood, which is not well-formed 1.1. A literal can hold no
    // reference, so the document is refused, wherever the character stands.
    let input = regression("contract-xml11-restricted-char-in-doctype.xml");
    assert_eq!(
        from_slice::<WithHints<Document>>(&input).unwrap_err().to_string(),
        "3:28: /: malformed XML: character U+007F may only be a character reference in XML 1.1"
    );
    let text = std::str::from_utf8(&input).unwrap();
    assert!(roundtrip::infoset::parse(text).unwrap_err().to_string().contains("U+007F"));
    // In 1.0 it is a character like others: read, and written back as it stands.
    let as_1_0 = text.replace("version=\"1.1\"", "version=\"1.0\"");
    let doc = from_str::<WithHints<Document>>(&as_1_0).unwrap();
    assert_eq!(
        doc.doctype.as_ref().unwrap().internal_subset.as_deref(),
        Some("\n  <!NOTATION JPEG SYSTEM 'J\u{7f}PEG'>\n")
    );
    assert!(roundtrip::check_as::<WithHints<Document>>(&as_1_0).is_ok());
    // Everywhere else too: comments and processing instructions before, in and after the root, a
    // system identifier, an element's name (not a name character in either version).
    let places = [
        "<!--\u{80}--><note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"/>",
        "<?pi \u{9F}?><note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"/>",
        "<!DOCTYPE note SYSTEM \"n\u{86}.dtd\"><note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"/>",
        "<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"><!--\u{84}--></note>",
        "<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\"/><?pi \u{7F}?>",
    ];
    for place in places {
        let xml = format!("<?xml version=\"1.1\"?>{place}");
        let err = from_str::<WithHints<Document>>(&xml).unwrap_err().to_string();
        assert!(err.contains("may only be a character reference in XML 1.1"), "{xml:?}: {err}");
        assert!(roundtrip::infoset::parse(&xml).is_err(), "the oracle takes {xml:?}");
        from_str::<WithHints<Document>>(&xml.replace("1.1", "1.0")).unwrap();
    }
}

#[test]
fn a_doctype_names_its_root_with_an_xml_name() {
    // Features fuzz finding: the reader took any text up to a space for the DOCTYPE's name, while
    // the writer checked it as a qualified name, so `<!DOCTYPE : >` was read and could not be
    // written back. Both now hold it to XML's `Name`, where a colon may stand anywhere.
    let doc = from_slice::<WithHints<Document>>(&regression("roundtrip-doctype-name-a-colon.xml")).unwrap();
    assert_eq!(doc.doctype.as_ref().map(|d| d.name.as_str()), Some(":"));
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert!(written.starts_with("<!DOCTYPE :><note"), "{written}");
    let err =
        from_slice::<WithHints<Document>>(&regression("roundtrip-doctype-name-not-a-name.xml")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "1:11: /: malformed XML: DOCTYPE: \"a&b\" is not a name: '&' is not allowed in a name"
    );
}

#[test]
fn a_declared_prefix_that_is_not_a_name_is_refused() {
    // Roundtrip fuzz finding (CI smoke): `xmlns:xs)` was accepted, so the state's `xsi:type` could be
    // written back with the prefix `xs)`, which is not XML. Names are checked against the Name
    // production, whichever attribute parser saw them.
    let bytes = regression("roundtrip-bracket-in-declared-prefix.xml");
    assert_eq!(
        slice_message(&bytes),
        "8:9: /categoryPublicationManifest/publicationList/publicationRule/categoryData/state: \
         malformed XML: \"xmlns:xs)\" is not a name: ')' is not allowed in a name"
    );
}

#[test]
fn a_declaration_an_unknown_element_s_attribute_needs_is_written_before_its_attributes() {
    // Roundtrip fuzz finding: `xsi:type` on an unknown element, with `xsi` declared (to a misspelt
    // URI) only on the typed root, which is not written back. The declaration the attribute needed
    // was written just before it, after `version`; read again it became one of the element's own
    // declarations and was written first, so writing the output again changed its bytes.
    let doc = from_slice::<Document>(&regression("roundtrip-attribute-prefix-declared-mid-tag.xml")).unwrap();
    let written = enhanced_presence::to_string(&doc).unwrap();
    let again =
        enhanced_presence::to_string(&enhanced_presence::from_str::<Document>(&written).unwrap()).unwrap();
    assert_eq!(written, again);
    assert!(
        written.contains("xmlns:xsi=\"http://www.w3.org/2001/XMLSecahmn-istance\" version=\"1.0\""),
        "{written}"
    );
}

#[test]
fn raw_less_than_in_an_attribute_value_is_refused() {
    let err = from_slice::<Document>(&regression("roundtrip-raw-lt-in-namespace-uri.xml")).unwrap_err();
    assert_eq!((err.line(), err.column(), err.path()), (1, 76, "/roamingData/subscribDrs"), "{err}");
    assert!(matches!(err.kind(), ErrorKind::Syntax(m) if m.contains('<')), "{err}");
    let err = error(&note("<body type=\"a<b\"/>"));
    assert_eq!((err.line(), err.column(), err.path()), (1, 61, "/note/body"), "{err}");
    assert!(matches!(err.kind(), ErrorKind::Syntax(m) if m.contains('<')), "{err}");
}

#[test]
fn raw_less_than_in_an_element_name_is_refused() {
    // Contract fuzz finding: `<cm:audi<categoryabled="true"/>` was read as one element named
    // `cm:audi<categoryabled="true"` and written back as two tags.
    let err = from_slice::<Document>(&regression("contract-raw-lt-in-element-name.xml")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "52:5: /cm:containerManifestList/cm:containerManifest/cm:audi: malformed XML: \
         '<' is not allowed in a tag's name"
    );
    assert_eq!(
        message(&extension("<a<b/>")),
        "1:133: /note/extension/a: malformed XML: '<' is not allowed in a tag's name"
    );
}

#[test]
fn references_in_namespace_uris_are_replaced() {
    let xml = String::from_utf8(regression("roundtrip-reference-in-namespace-uri.xml")).unwrap();
    let doc = lossless(&xml);
    assert_eq!(enhanced_presence::to_string(&doc).unwrap(), xml);
    let Document::RoamingData(data) = &doc else { panic!("{doc:?}") };
    let any = format!("{:?}", data.0.any);
    assert!(any.contains("namespace: Some(\"urn:a&b\")"), "{any}");
    // A known namespace written with a character reference is that namespace.
    let xml = "<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/&#110;ote\"/>";
    assert!(matches!(from_str::<Document>(xml), Ok(Document::Note(_))));
}

#[test]
fn attributes_on_simple_typed_elements_are_refused_not_dropped() {
    let xml = format!(
        "<state xmlns=\"{STATE}\" xmlns:xsi=\"{XSI}\" xsi:type=\"userState\">\n  <availability x=\"1\">3500</availability>\n</state>"
    );
    assert_eq!(message(&xml), "2:3: /state/availability: unexpected attribute x");
}

#[test]
fn namespace_ill_formed_input_is_refused() {
    let cases = [
        (
            format!("<note xmlns=\"{NOTE}\" xmlns:p=\"\"/>"),
            "1:1: /note: malformed XML: the prefix \"p\" is bound to an empty namespace name",
        ),
        (
            format!("<note xmlns=\"{NOTE}\" xmlns:=\"urn:x\"/>"),
            "1:1: /note: malformed XML: \"xmlns:\" is not a qualified name (prefix:local)",
        ),
        (
            extension("<a:b:c xmlns:a=\"urn:a\"/>"),
            "1:133: /note/extension/a:b:c: malformed XML: \"a:b:c\" is not a qualified name (prefix:local)",
        ),
        (
            extension("<a: xmlns:a=\"urn:a\"/>"),
            "1:133: /note/extension/a:: malformed XML: \"a:\" is not a qualified name (prefix:local)",
        ),
        (
            extension("<e xmlns:a=\"urn:a\" a:b:c=\"1\"/>"),
            "1:133: /note/extension/e: malformed XML: \"a:b:c\" is not a qualified name (prefix:local)",
        ),
        (
            extension("<e :b=\"1\"/>"),
            "1:133: /note/extension/e: malformed XML: \":b\" is not a qualified name (prefix:local)",
        ),
        (
            extension("<e xmlns:xml=\"urn:x\"/>"),
            "1:133: /note/extension/e: malformed XML: the prefix \"xml\" cannot be bound to \"urn:x\", only to its reserved namespace",
        ),
        (
            extension("<e xmlns:p=\"http://www.w3.org/2000/xmlns/\"/>"),
            "1:133: /note/extension/e: malformed XML: the prefix \"p\" cannot be bound to \"http://www.w3.org/2000/xmlns/\", which is reserved",
        ),
        (
            extension("<e xmlns=\"http://www.w3.org/XML/1998/namespace\"/>"),
            "1:133: /note/extension/e: malformed XML: the default namespace cannot be \"http://www.w3.org/XML/1998/namespace\", which is reserved",
        ),
        (
            extension("<e c?d=\"2\"/>"),
            "1:133: /note/extension/e: malformed XML: \"c?d\" is not a name: '?' is not allowed in a name",
        ),
        (
            extension("<e/b=\"1\">"),
            "1:133: /note/extension/e: malformed XML: \"/b\" is not a name: '/' is not allowed in a name",
        ),
        (
            extension("<e xmlns:xs)=\"urn:x\"/>"),
            "1:133: /note/extension/e: malformed XML: \"xmlns:xs)\" is not a name: ')' is not allowed in a name",
        ),
        (
            extension("<e a:1b=\"1\" xmlns:a=\"urn:a\"/>"),
            "1:133: /note/extension/e: malformed XML: \"a:1b\" is not a name: '1' cannot start a name",
        ),
        (
            extension("<a:1b xmlns:a=\"urn:a\"/>"),
            "1:133: /note/extension/a:1b: malformed XML: \"a:1b\" is not a name: '1' cannot start a name",
        ),
        (
            extension("<e\u{D7}/>"),
            "1:133: /note/extension/e\u{D7}: malformed XML: \"e\u{D7}\" is not a name: '\u{D7}' is not allowed in a name",
        ),
    ];
    for (xml, expected) in cases {
        assert_eq!(message(&xml), expected, "{xml}");
    }
    // Undeclaring the default namespace is allowed.
    lossless(&extension("<a xmlns=\"\"><b/></a>"));
}

#[test]
fn whitespace_inside_base64_is_not_part_of_the_value() {
    // Contract fuzz finding: `<freeBusy>` (xs:base64Binary) with a space inside is written without
    // it, which is the same value; the checker compared it as text.
    let xml = String::from_utf8(regression("contract-whitespace-inside-base64.xml")).unwrap();
    lossless(&xml);
    let Document::CalendarData(data) = from_str::<Document>(&xml).unwrap() else { panic!() };
    let written = enhanced_presence::to_string(&Document::CalendarData(data.clone())).unwrap();
    assert!(written.contains(">ControlledDeviceAAAA"), "{written}");
    assert_eq!(from_str::<Document>(&written).unwrap(), Document::CalendarData(data));
}

#[test]
fn the_xmlns_prefix_cannot_qualify_a_type_name() {
    // Roundtrip fuzz finding: `xsi:type="xmlns:userState"` resolved the reserved `xmlns` prefix,
    // kept the state as an unknown type, and the writer declared `xmlns:xmlns="…"`, which is not
    // well-formed. The prefix only declares namespaces: a typed position refuses it.
    let err = from_slice::<Document>(&regression("roundtrip-xmlns-prefix-in-xsi-type.xml")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "1:1: /state: malformed XML: xsi:type \"xmlns:userState\" uses the prefix \"xmlns\", which only \
         declares namespaces"
    );
    // Unknown content keeps such a value as text, declaring nothing for it.
    let xml = extension(&format!("<e xmlns:xsi=\"{XSI}\" xsi:type=\"xmlns:t\"/>"));
    let doc = lossless(&xml);
    assert_eq!(enhanced_presence::to_string(&doc).unwrap(), xml);
    // An element name cannot have the prefix either.
    assert_eq!(
        message(&extension("<xmlns:e/>")),
        "1:133: /note/extension/xmlns:e: malformed XML: element names cannot have the prefix \"xmlns\""
    );
}

#[test]
fn an_xsi_type_is_a_qname_after_xml_white_space_only() {
    // Contract fuzz finding: `i:type="&#x2002;xsi:…"`. U+2002 (an en space) is not XML white space,
    // so it is part of the value, which is then no QName; Rust's `trim` removes it. The reader
    // resolved the type with the Unicode trim, kept the value in unknown content with XML's, and
    // declared the prefix "\u{2002}xsi" for it, which the writer refused to write. A typed position
    // now refuses the value as no QName; unknown content keeps it as text, declaring nothing.
    let input = regression("contract-unicode-space-in-xsi-type.xml");
    assert_eq!(
        slice_message(&input),
        "1:1: /state: @xsi:type: expected QName, found \"\\u{2002}xsi:machineState\" (\"\\u{2002}xsi:machineState\" \
         is not a name: '\\u{2002}' is not allowed in a name)"
    );
    // The local part too, where the type decides what is read.
    for (value, reason) in [
        ("i:user State", "\"i:user State\" is not a name: ' ' is not allowed in a name"),
        ("i:a:userState", "\"i:a:userState\" is not a qualified name (prefix:local)"),
    ] {
        let xml = format!("<state xmlns=\"{STATE}\" xmlns:i=\"{XSI}\" i:type=\"{value}\"/>");
        assert_eq!(
            message(&xml),
            format!("1:1: /state: @xsi:type: expected QName, found \"{value}\" ({reason})")
        );
    }
    let xml = extension(&format!("<e xmlns:xsi=\"urn:other\" xmlns:i=\"{XSI}\" i:type=\"\u{2002}xsi:t\"/>"));
    let doc = lossless(&xml);
    assert_eq!(enhanced_presence::to_string(&doc).unwrap(), xml);
    // XML's white space around the name is not part of it.
    let xml = format!(
        "<state xmlns=\"{STATE}\" xmlns:i=\"{XSI}\" i:type=\" \tmachineState\n\">\
         <availability>3500</availability></state>"
    );
    let Document::State(state) = lossless(&xml) else { panic!("not a state") };
    assert!(matches!(state.0, StateType::MachineState(_)), "{state:?}");
}

#[test]
fn names_in_the_xml_namespace_are_written_with_the_xml_prefix_and_never_declared() {
    // Contract fuzz finding: an XSLT kept as unknown content in `categoryData`, carrying `xml:`
    // attributes and an explicit (legal) `xmlns:xml` declaration. The writer declared a prefix of
    // its own for the XML namespace, which no XML parser accepts.
    let xml = String::from_utf8(regression("contract-xml-namespace-in-unknown-content.xml")).unwrap();
    let doc = lossless(&xml);
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert!(!written.contains("xmlns:xml") && !written.contains("XML/1998"), "{written}");
    for kept in ["xml:space=\"preserve\"", "xml:lang=\"en\"", "<xml:text xml:id=\"t1\">kept</xml:text>"] {
        assert!(written.contains(kept), "{kept} in {written}");
    }
    // A QName value with the `xml` prefix needs no declaration either.
    let xml = extension(&format!("<e xmlns:xsi=\"{XSI}\" xsi:type=\"xml:t\"/>"));
    assert_eq!(enhanced_presence::to_string(&lossless(&xml)).unwrap(), xml);
    // Typed attributes and unknown attributes in the XML namespace, written with any other prefix
    // in the model, come out as `xml:` too.
    let mut e = enhanced_presence::AnyElement::new(Some(CT), "e");
    let xml_ns = Some("http://www.w3.org/XML/1998/namespace".to_owned());
    e.namespaces.push((Some("x".into()), xml_ns.clone().unwrap()));
    e.attributes.push(enhanced_presence::AnyAttribute {
        name: enhanced_presence::XmlName {
            namespace: xml_ns,
            prefix: Some("x".into()),
            local: "lang".into(),
        },
        value: "fr".into(),
    });
    let mut w = enhanced_presence::XmlWriter::new();
    e.write(&mut w);
    assert_eq!(w.finish().unwrap(), format!("<e xmlns=\"{CT}\" xml:lang=\"fr\"/>"));
}

#[test]
fn an_unknown_xsi_type_kept_on_a_typed_element_keeps_the_binding_of_its_prefix() {
    // Contract fuzz finding: `xsi:type="p:phoneState"` on a `<text>` capability is kept as an
    // unknown attribute, but typed elements keep no namespace declarations, so `xmlns:p` was not
    // written back and the value no longer named {…/sip/state}phoneState.
    let xml = String::from_utf8(regression("contract-xsi-type-prefix-on-a-typed-element.xml")).unwrap();
    let report = roundtrip::check(&xml);
    assert!(report.is_ok(), "{report}");
    let output = report.output.unwrap();
    assert!(
        output.contains(r#"xmlns:p="http://schemas.microsoft.com/2006/09/sip/state""#)
            && output.contains(r#"i:type="p:phoneState""#),
        "{output}"
    );
}

#[test]
fn an_unprefixed_xsi_type_keeps_the_default_namespace_it_was_read_under() {
    // The same class without a prefix: `xsi:type="phoneState"` names its type in the default
    // namespace in scope where it is read (here `urn:other`, or none). Written back on an element
    // in default-namespace style it named a type in the element's own namespace instead.
    for (file, default) in [
        ("contract-unprefixed-xsi-type-on-a-typed-element.xml", Some("urn:other")),
        ("contract-unprefixed-xsi-type-in-unknown-content.xml", None),
    ] {
        let xml = String::from_utf8(regression(file)).unwrap();
        let report = roundtrip::check(&xml);
        assert!(report.is_ok(), "{file}: {report}");
        let output = report.output.unwrap();
        // The type name resolves as it did: under `urn:other`, or under no default namespace (none
        // declared, or one undeclared).
        match default {
            Some(d) => assert!(output.contains(&format!(" xmlns=\"{d}\"")), "{file}: {output}"),
            None => {
                assert!(!output.contains(" xmlns=\"") || output.contains(" xmlns=\"\""), "{file}: {output}")
            }
        }
        let again = from_str::<enhanced_presence::WithHints<Document>>(&output).unwrap();
        let again = enhanced_presence::to_string(&again).unwrap();
        assert_eq!(again, output, "{file}: writing what was read back is not idempotent");
    }
    // Without a default namespace in scope, on an element whose namespace is bound to a prefix: the
    // element keeps its prefix and the type name stays in no namespace.
    let xml = format!(
        "<s:services xmlns:s=\"{SERVICE}\"><s:service uri=\"sip:a@b\"><s:capabilities>\
         <s:text xmlns:xsi=\"{XSI}\" xsi:type=\"phoneState\" render=\"true\"/></s:capabilities></s:service></s:services>"
    );
    let report = roundtrip::check(&xml);
    assert!(report.is_ok(), "{report}");
    let output = report.output.unwrap();
    assert!(output.contains("<s:text xmlns:xsi=") && !output.contains(" xmlns=\""), "{output}");
    // Built in code (no declarations kept), such an element gets a prefix so that `xmlns=""` can
    // apply to the type name.
    let doc = from_str::<Document>(&xml).unwrap();
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert!(written.contains(&format!("<ns1:text xmlns:ns1=\"{SERVICE}\" xmlns=\"\"")), "{written}");
}

#[test]
fn a_name_written_with_another_prefix_for_its_namespace_is_the_same_name() {
    // Roundtrip fuzz finding: `xsi:type` on unknown content whose element binds `xsy` to the same
    // namespace; `xsi` is declared on the typed root, which is not written back, so the writer used
    // the prefix in scope, `xsy`. Read again the attribute was `xsy:type`, and the two values
    // compared unequal by prefix. Names compare by expanded name; the prefix is how it looked.
    let doc =
        from_slice::<Document>(&regression("roundtrip-attribute-prefix-rebound-in-unknown-content.xml"))
            .unwrap();
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert!(written.contains("xsy:type=\"aggregateState\""), "{written}");
    let again = from_str::<Document>(&written).unwrap();
    assert_eq!(again, doc);
    assert_eq!(enhanced_presence::to_string(&again).unwrap(), written);
}

#[test]
fn a_negative_zero_timezone_is_written_back_as_read() {
    // Contract fuzz finding: `<timezone>00:00:00-00:00</timezone>` (an `xs:time`) was written back
    // as `+00:00`, the same offset in another form.
    let xml = String::from_utf8(regression("contract-negative-zero-timezone.xml")).unwrap();
    let report = roundtrip::check(&xml);
    assert!(report.is_ok(), "{report}");
    assert!(report.output.unwrap().contains(">00:00:00-00:00</de:timezone>"));
}

#[test]
fn angle_brackets_in_a_doctype_system_identifier_are_refused() {
    // Contract fuzz finding: `<!DOCTYPE e PUBLIC '' "<2<">` was read and written back as it came,
    // which XML allows, but parsers that find the DOCTYPE's end by counting angle brackets (the
    // round-trip check's quick-xml among them) read the output as a DOCTYPE never closed. A system
    // identifier is a URI, where `<` and `>` have no place; it is refused with its position.
    // The input's first line ends in a lone carriage return, a line end of its own.
    let bytes = regression("contract-lt-in-doctype-system-id.xml");
    let err = from_slice::<WithHints<Document>>(&bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "6:2: /: malformed XML: `<` in a DOCTYPE's system identifier is not supported"
    );
    assert!(roundtrip::infoset::parse(std::str::from_utf8(&bytes).unwrap()).is_err());
}
