//! `schemas/entities.xsd` declares entities in its DOCTYPE and uses them for its target namespace,
//! a pattern, an attribute's name and documentation. The generator reads them as XML does
//! (the parser it uses refuses them as unknown: MPEG-DASH's schema did not generate). Its
//! `fareClass` lists `secondClass ` on an `NMTOKEN`, which a document writes `secondClass`; its
//! `spacing` lists `two  spaces` on a string, which keeps them; `spacingOrToken` is a union of
//! `spacing` and `xs:token`, whose first member takes `two  spaces` and whose second `two spaces`.

mod common;

use enhanced_presence::roundtrip;
use generator_features::entity_schema::entities::*;

fn validate(xml: &str) -> Result<(), String> {
    common::validate("entities.xsd", xml)
}

const TICKET: &str = r#"<ticket xmlns="urn:example:entities" id="t1"><class>secondClass</class><class> firstClass </class><code>A12</code><spacing>two  spaces</spacing><spacing>one space</spacing><spacingOrToken>two  spaces</spacingOrToken><spacingOrToken> one space </spacingOrToken><spacingOrToken>two spaces</spacingOrToken><spacingOrToken> indented</spacingOrToken><spacingOrToken>indented</spacingOrToken><paddedOrNumber> 7 </paddedOrNumber><paddedOrNumber>7</paddedOrNumber></ticket>"#;

#[test]
fn a_document_of_a_schema_built_from_entities_reads_typed() {
    validate(TICKET).expect("libxml2 accepts the document");
    let ticket: Ticket = enhanced_presence::from_str(TICKET).unwrap();
    assert_eq!(NAMESPACE, "urn:example:entities");
    assert_eq!(ticket.class, [FareClass::SecondClass, FareClass::FirstClass]);
    assert_eq!(ticket.id, "t1");
    assert_eq!(ticket.spacing, [Spacing::TwoSpaces, Spacing::OneSpace]);
    // The text as written is a `spacing`; ` one space ` is none (a `spacing` is a string, which
    // keeps its spaces: each member of a union reads the text with its own white space) but a
    // token, as is `indented` without its space.
    assert_eq!(
        ticket.spacing_or_token,
        [
            SpacingOrToken::TwoSpaces,
            SpacingOrToken::Other(" one space ".into()),
            SpacingOrToken::Other("two spaces".into()),
            SpacingOrToken::Indented,
            SpacingOrToken::Other("indented".into()),
        ]
    );
    assert_eq!(ticket.padded_or_number, [PaddedOrNumber::V7, PaddedOrNumber::Int(7)]);
    let written = enhanced_presence::to_string(&ticket).unwrap();
    assert!(written.contains("<class>secondClass</class>"), "{written}");
    assert!(written.contains("<spacing>two  spaces</spacing>"), "{written}");
    assert!(written.contains("<spacingOrToken>two  spaces</spacingOrToken>"), "{written}");
    assert!(written.contains("<spacingOrToken> indented</spacingOrToken>"), "{written}");
    validate(&written).expect("libxml2 accepts what was written");
    let report = roundtrip::check_as::<Ticket>(TICKET);
    assert!(report.is_ok(), "{report}");
}

#[test]
fn attribute_defaults_of_enumerations_are_their_variants() {
    let ticket: Ticket = enhanced_presence::from_str(TICKET).unwrap();
    assert_eq!((ticket.fare, ticket.seating, ticket.seating_or_token.clone()), (None, None, None));
    assert_eq!(ticket.fare_or_default(), FareClass::SecondClass);
    assert_eq!(ticket.seating_or_default(), Spacing::TwoSpaces);
    assert_eq!(ticket.seating_or_token_or_default(), SpacingOrToken::TwoSpaces);
    // Written as the variants, not parsed from the schema's text at run time.
    let generated = include_str!(concat!(env!("OUT_DIR"), "/entities.rs"));
    assert!(generated.contains("self.fare.unwrap_or(FareClass::SecondClass)"), "{generated}");
    assert!(!generated.contains("unreachable!"), "{generated}");
}

#[test]
fn the_documentation_keeps_what_its_entities_stand_for() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/entities.rs"));
    assert!(generated.contains(r#"A "ticket" of urn:example:entities."#), "{generated}");
}
