//! `schemas/entities.xsd` declares entities in its DOCTYPE and uses them for its target namespace,
//! a pattern, an attribute's name and documentation. The generator reads them as XML does
//! (the parser it uses refuses them as unknown: MPEG-DASH's schema did not generate). Its
//! `fareClass` lists `secondClass ` on an `NMTOKEN`, which a document writes `secondClass`; its
//! `spacing` lists `two  spaces` on a string, which keeps them.

mod common;

use enhanced_presence::roundtrip;
use generator_features::entity_schema::entities::*;

fn validate(xml: &str) -> Result<(), String> {
    common::validate("entities.xsd", xml)
}

const TICKET: &str = r#"<ticket xmlns="urn:example:entities" id="t1"><class>secondClass</class><class> firstClass </class><code>A12</code><spacing>two  spaces</spacing><spacing>one space</spacing></ticket>"#;

#[test]
fn a_document_of_a_schema_built_from_entities_reads_typed() {
    validate(TICKET).expect("libxml2 accepts the document");
    let ticket: Ticket = enhanced_presence::from_str(TICKET).unwrap();
    assert_eq!(NAMESPACE, "urn:example:entities");
    assert_eq!(ticket.class, [FareClass::SecondClass, FareClass::FirstClass]);
    assert_eq!(ticket.id, "t1");
    assert_eq!(ticket.spacing, [Spacing::TwoSpaces, Spacing::OneSpace]);
    let written = enhanced_presence::to_string(&ticket).unwrap();
    assert!(written.contains("<class>secondClass</class>"), "{written}");
    assert!(written.contains("<spacing>two  spaces</spacing>"), "{written}");
    validate(&written).expect("libxml2 accepts what was written");
    let report = roundtrip::check_as::<Ticket>(TICKET);
    assert!(report.is_ok(), "{report}");
}

#[test]
fn the_documentation_keeps_what_its_entities_stand_for() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/entities.rs"));
    assert!(generated.contains(r#"A "ticket" of urn:example:entities."#), "{generated}");
}
