//! `Config::serde(true)` in a build.rs user: every schema's types derive serde's traits, and a
//! document of each goes XML → typed → JSON → typed → XML without loss.

use std::fmt::Debug;

use enhanced_presence::XmlElement;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Reads `xml` as `T`, and checks that it comes back from JSON equal and writes the same XML.
fn through_json<T>(xml: &str) -> serde_json::Value
where
    T: XmlElement + Serialize + DeserializeOwned + PartialEq + Debug,
{
    let value: T = enhanced_presence::from_str(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let json = serde_json::to_string(&value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    assert_eq!(back, value, "{json}");
    assert_eq!(enhanced_presence::to_string(&back).unwrap(), enhanced_presence::to_string(&value).unwrap());
    serde_json::from_str(&json).unwrap()
}

#[test]
fn every_construct_goes_through_json() {
    use generator_features::Document;
    let ns = r#"xmlns="urn:example:features" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
    let everything = |attributes: &str, body: &str| {
        format!("<everything {ns}{attributes}><code>ab</code>{body}</everything>")
    };
    let documents = [
        // A type family by `xsi:type`; a concrete base type with a derived one.
        everything(
            "",
            r#"<shape xsi:type="circleType" id="1"><label>c</label><radius>2.5</radius></shape><shape xmlns:f="urn:example:features" xsi:type="f:polygonType"><label>p</label><corner>1</corner><corner>2</corner><corner>3</corner></shape>"#,
        ),
        everything(
            "",
            r#"<note><text>a</text></note><note xsi:type="signedNoteType" by="me"><text>b</text></note>"#,
        ),
        // Enumerations, unions and booleans in attributes.
        everything(r#" color="dark-green" flag="True" count="7""#, ""),
        // Lists, simple content, recursion.
        everything(
            "",
            r#"<numbers> 1 2  3 </numbers><length unit="cm">0.50</length><tree name="a"><child name="b"><child name="c"/></child></tree>"#,
        ),
        // Choices, mixed content, `xs:anyType`, wildcards.
        everything(
            "",
            r#"<red>r</red><blue>b</blue><shade>2</shade><blue>c</blue><rich>one <b>two</b> three</rich><blob x="1"><y/></blob><o:extra xmlns:o="urn:other">kept</o:extra>"#,
        ),
        // Nillable elements: a value, nil, `xsi:nil="false"` kept, nil with attributes.
        format!(
            r#"<readings {ns}><reading>1</reading><reading xsi:nil="true"/><reading xsi:nil="false">2</reading></readings>"#
        ),
        format!(r#"<maybe {ns} xsi:nil="true" xmlns:o="urn:o" o:why="unknown"/>"#),
        // `xs:all`, a substitution group, and a union with a float member.
        format!(r#"<address {ns}><zip>1000</zip><city>Here</city><street>Main</street></address>"#),
        format!(r#"<garage {ns}><bike>bmx</bike><car>mini</car></garage>"#),
        format!(r#"<locals {ns} a="7"><r>x</r><start>2.5E0</start><parent>p</parent></locals>"#),
    ];
    for xml in &documents {
        through_json::<Document>(xml);
    }
    // A restriction is checked on the way in: `percent` allows 0 to 100.
    let ns = r#"xmlns="urn:example:features""#;
    let percent = through_json::<Document>(&format!("<percent {ns}>42</percent>"));
    assert_eq!(percent, serde_json::json!({"Percent": "42"}));
    let err = serde_json::from_str::<Document>(r#"{"Percent": "142"}"#).unwrap_err();
    assert!(err.to_string().contains("142"), "{err}");
}

#[test]
fn defaults_and_kept_xsi_types_go_through_json() {
    use generator_features::typed_schema::Document as Typed;
    use generator_features::values_schema::Document as Values;
    // `Default` stays distinct from a written value equal to it: the empty element is written empty.
    let json = through_json::<Values>(
        r#"<measurement xmlns="urn:example:values"><ratio/><unit>cm</unit><count/><scale/></measurement>"#,
    );
    assert_eq!(json["Measurement"]["ratio"], serde_json::json!({"Default": 0.5}));
    assert_eq!(json["Measurement"]["unit"], serde_json::json!({"Value": "cm"}));
    let decl = r#"xmlns="urn:example:typed" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema""#;
    let json = through_json::<Typed>(&format!(
        r#"<record {decl}><number xsi:type="xs:int">5</number><maybe xsi:nil="true" xsi:type="xs:int"/></record>"#
    ));
    assert_eq!(
        json["Record"]["number"],
        serde_json::json!({"xsi_type": ["http://www.w3.org/2001/XMLSchema", "int"], "value": "5"})
    );
}

#[test]
fn the_other_schemas_go_through_json() {
    use generator_features::{anonymous_types, drawing_types, simple_content_types, wide_schema};
    through_json::<anonymous_types::Document>(
        r#"<formula xmlns="urn:example:anonymous"><op kind="+"><value>1</value><op kind="*"><value>2</value><value>3</value></op></op></formula>"#,
    );
    through_json::<simple_content_types::Document>(
        r#"<settings xmlns="urn:example:simple" xmlns:other="urn:example:simple"><setting>ON</setting><issued>2026-12-03</issued><kind>other:circle</kind></settings>"#,
    );
    through_json::<wide_schema::Document>(
        r#"<report xmlns="urn:example:wide"><label>outer</label><x:wrapper xmlns:x="urn:example:other"><statement1 xmlns="urn:example:wide"><entry1><label>in</label></entry1></statement1></x:wrapper></report>"#,
    );
    through_json::<drawing_types::Document>(
        r#"<d:drawing xmlns:d="urn:example:drawing" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><d:shape><label>a</label></d:shape><d:shape xsi:type="circleType"><label>c</label><radius>2</radius></d:shape></d:drawing>"#,
    );
}
