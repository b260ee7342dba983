//! `schemas/qnames.xsd`: QName values in content resolve through the namespace declarations in
//! scope where they occur. Read as a `WithHints`, a document keeps its declarations, so a prefix
//! that no element name uses (`z:foo`) stays bound, and an unprefixed value keeps the default
//! namespace it had (none, where the document prefixed its element names). Each document is
//! written back as it was, and libxml2 accepts what was written. A prefix no declaration in scope
//! binds is an error, as libxml2 has it.

mod common;

use enhanced_presence::WithHints;
use generator_features::qname_schema::Document;

const DOCUMENTS: &[&str] = &[
    // A prefix declared on the root for content only; an unprefixed value in the default namespace.
    r#"<refs xmlns="urn:example:qnames" xmlns:z="urn:z" base="z:b"><ref>z:foo</ref><ref>bar</ref></refs>"#,
    // Prefixed element names and no default namespace: `foo` is in no namespace.
    r#"<q:refs xmlns:q="urn:example:qnames"><q:ref>foo</q:ref><q:list>q:a foo</q:list></q:refs>"#,
    // Declarations below the root, one of them redundant, one on content kept whole.
    r#"<refs xmlns="urn:example:qnames"><ref xmlns:y="urn:y">y:x</ref><ref xmlns:w="urn:w">w:x</ref><o:other xmlns:o="urn:o" xmlns:v="urn:v">v:kept</o:other></refs>"#,
    // The default namespace undeclared on content kept whole, then declared again inside it.
    r#"<refs xmlns="urn:example:qnames" base="refs"><x:other xmlns:x="urn:x" xmlns=""><x:deeper>plain</x:deeper><deeper xmlns="urn:d">d</deeper></x:other></refs>"#,
];

#[test]
fn documents_with_qname_values_are_written_back_as_they_were() {
    for xml in DOCUMENTS {
        common::validate("qnames.xsd", xml).unwrap_or_else(|e| panic!("libxml2 on {xml}: {e}"));
        let doc: WithHints<Document> = enhanced_presence::from_str(xml).unwrap();
        let written = enhanced_presence::to_string(&doc).unwrap();
        assert_eq!(&written, xml);
        common::validate("qnames.xsd", &written).unwrap_or_else(|e| panic!("libxml2 on {written}: {e}"));
        let report = enhanced_presence::roundtrip::check_as::<WithHints<Document>>(xml);
        assert!(report.is_ok(), "{report}");
    }
}

#[test]
fn a_value_read_without_hints_is_written_in_the_default_namespace_style() {
    // Without the document's declarations the writer binds only the names it writes; `T` alone is
    // for values built in code, whose QNames name namespaces the code declares (see the README).
    let xml = DOCUMENTS[1];
    let doc: Document = enhanced_presence::from_str(xml).unwrap();
    let written = enhanced_presence::to_string(&doc).unwrap();
    assert_eq!(written, r#"<refs xmlns="urn:example:qnames"><ref>foo</ref><list>q:a foo</list></refs>"#);
    // `q` is declared nowhere in what was written: reading it says so, rather than taking `q:a` for
    // a name of some other namespace.
    let error = enhanced_presence::from_str::<Document>(&written).unwrap_err().to_string();
    assert!(error.contains(r#"(the prefix "q" is not declared here)"#), "{error}");
}

#[test]
fn a_prefix_must_be_declared_where_the_value_is() {
    let refs = |attributes: &str, body: &str| {
        format!(r#"<refs xmlns="urn:example:qnames" {attributes}>{body}</refs>"#)
    };
    // (document, whether the schema allows it)
    let cases = [
        (refs("", r#"<ref xmlns:p="urn:p">p:a</ref><ref>a</ref><ref>xml:lang</ref>"#), true),
        (
            refs(
                r#"xmlns:p="urn:p" base="p:a""#,
                r#"<list>p:a b</list><prefixed>p:b</prefixed><either>p:c</either><either>12</either>"#,
            ),
            true,
        ),
        (refs("", r#"<ref xmlns:p="urn:p">p:a</ref><ref>p:a</ref>"#), false),
        (refs(r#"base="q:a""#, ""), false),
        (refs("", "<ref>xmlns:a</ref>"), false),
        (refs(r#"xmlns:p="urn:p""#, "<list>p:a q:b</list>"), false),
        (refs("", "<prefixed>q:a</prefixed>"), false),
        (refs("", "<either>q:a</either>"), false),
    ];
    for (xml, allowed) in &cases {
        let libxml2 = common::validate("qnames.xsd", xml);
        assert_eq!(libxml2.is_ok(), *allowed, "libxml2 on {xml}: {libxml2:?}");
        let read = enhanced_presence::from_str::<WithHints<Document>>(xml);
        assert_eq!(read.is_ok(), *allowed, "{xml}: {:?}", read.map(drop));
    }
    let error = enhanced_presence::from_str::<Document>(&cases[4].0).unwrap_err().to_string();
    assert!(
        error.ends_with(
            r#"/refs/ref: expected QName, found "xmlns:a" (the prefix "xmlns" is not declared here)"#
        ),
        "{error}"
    );
    let error = enhanced_presence::from_str::<Document>(&cases[3].0).unwrap_err().to_string();
    assert!(
        error.contains(r#"@base: expected QName, found "q:a" (the prefix "q" is not declared here)"#),
        "{error}"
    );
}
