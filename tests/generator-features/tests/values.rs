//! Element values (`schemas/values.xsd`): an empty element takes its declaration's default or fixed
//! value on read (as its text, keeping its attributes, when its type has simple or mixed content),
//! and is written empty again; a union's value keeps its member type; a long code list behaves as a
//! short one.

mod common;

use enhanced_presence::roundtrip;
use enhanced_presence::xs::{Defaulted, Nillable};
use generator_features::values_schema::values::{
    CaptionType, CodeOrInt, CodeOrText, DecimalOrDouble, FlagOrFloat, FlagOrInteger, IntOrCode, IntOrDecimal,
    IntOrName, Level, LevelOrCode, Measurement, NameOrCode, NameOrInt, OneOrInt, Parcel,
    ParcelVolumeOrPiecesChoice, Quantity, Readings, RemarkType, Scale, Small, SmallOrLabel, SpacedOrText,
    TextOrInt, Title, UnitCode, WeightType, WeightTypeKind,
};
use generator_features::values_schema::Document;

fn read<T: enhanced_presence::XmlElement>(xml: &str) -> T {
    let check = roundtrip::check_as::<Document>(xml);
    assert!(check.is_ok(), "{xml}\n{check}");
    enhanced_presence::from_str(xml).unwrap()
}

#[test]
fn an_empty_element_takes_the_declared_value_and_is_written_empty() {
    let xml =
        r#"<measurement xmlns="urn:example:values"><ratio/><unit></unit><count/><scale/></measurement>"#;
    let m: Measurement = read(xml);
    assert_eq!(m.ratio, Defaulted::Default(0.5));
    assert_eq!(*m.unit, "cm");
    assert!(m.unit.is_default());
    assert_eq!(m.count.as_deref(), Some(&3));
    assert_eq!(m.scale.as_ref().map(|s| s.to_string()), Some("1.5".to_owned()));
    assert_eq!(
        enhanced_presence::to_string(&m).unwrap(),
        r#"<measurement xmlns="urn:example:values"><ratio/><unit/><count/><scale/></measurement>"#
    );
}

#[test]
fn an_element_with_content_keeps_it() {
    let xml = r#"<measurement xmlns="urn:example:values"><ratio>0.25</ratio><unit>cm</unit></measurement>"#;
    let mut m: Measurement = read(xml);
    assert_eq!(m.ratio, Defaulted::Value(0.25));
    assert_eq!(m.unit, Defaulted::Value("cm".to_owned()));
    assert_eq!(m.count, None);
    m.ratio = 2.0.into();
    assert_eq!(
        enhanced_presence::to_string(&m).unwrap(),
        r#"<measurement xmlns="urn:example:values"><ratio>2</ratio><unit>cm</unit></measurement>"#
    );
}

#[test]
fn a_global_element_takes_its_default_as_the_root() {
    let scale: Scale = read(r#"<scale xmlns="urn:example:values"/>"#);
    assert_eq!(scale.0.to_string(), "1.5");
    assert!(scale.0.is_default());
    assert_eq!(enhanced_presence::to_string(&scale).unwrap(), r#"<scale xmlns="urn:example:values"/>"#);
}

#[test]
fn an_empty_list_is_a_value_and_stays_one() {
    // `<sizes> </sizes>` is the empty list, not the default `1 2`: written empty, it would read back
    // as the default.
    let xml = r#"<measurement xmlns="urn:example:values"><ratio/><unit/><sizes> </sizes></measurement>"#;
    common::validate("values.xsd", xml).expect("libxml2 accepts it");
    let m: Measurement = read(xml);
    assert_eq!(m.sizes, Some(Defaulted::Value(vec![])));
    let written = enhanced_presence::to_string(&m).unwrap();
    assert!(written.ends_with("<sizes> </sizes></measurement>"), "{written}");
    let back: Measurement = enhanced_presence::from_str(&written).unwrap();
    assert_eq!(back, m);
    let m: Measurement =
        read(r#"<measurement xmlns="urn:example:values"><ratio/><unit/><sizes/></measurement>"#);
    assert_eq!(m.sizes, Some(Defaulted::Default(vec![1, 2])));
    // A string cannot be written apart from its default when empty: `` reads as the default.
    let mut m = m;
    m.label = Some(Defaulted::Value(String::new()));
    assert!(enhanced_presence::to_string(&m).unwrap().contains("<label/>"));
}

#[test]
fn text_that_is_not_empty_is_still_checked() {
    let error = enhanced_presence::from_str::<Measurement>(
        r#"<measurement xmlns="urn:example:values"><ratio> </ratio><unit/></measurement>"#,
    )
    .unwrap_err();
    assert!(error.to_string().contains("/measurement/ratio: expected float"), "{error}");
}

fn validate(xml: &str) -> Result<(), String> {
    common::validate("values.xsd", xml)
}

#[test]
fn a_union_value_is_written_in_a_form_that_reads_as_the_same_member() {
    // Each text reads as a later member of its union; its canonical form (`1`, `3`, `100000`)
    // would read as an earlier one.
    let xml = r#"<readings xmlns="urn:example:values"><flagOrFloat>1.000</flagOrFloat><flagOrFloat>0E0</flagOrFloat><flagOrFloat>1</flagOrFloat><flagOrInteger>+1</flagOrInteger><intOrDecimal>3.00</intOrDecimal><decimalOrDouble>1e5</decimalOrDouble><decimalOrDouble>-2.5E0</decimalOrDouble><oneOrInt>01</oneOrInt><oneOrInt>1</oneOrInt></readings>"#;
    validate(xml).unwrap();
    let readings: Readings = read(xml);
    assert_eq!(
        readings.flag_or_float,
        [FlagOrFloat::Float(1.0), FlagOrFloat::Float(0.0), FlagOrFloat::Boolean(true)]
    );
    assert_eq!(readings.flag_or_integer, [FlagOrInteger::Integer(1.into())]);
    assert_eq!(readings.int_or_decimal, [IntOrDecimal::Decimal(3.into())]);
    assert_eq!(readings.decimal_or_double, [DecimalOrDouble::Double(1e5), DecimalOrDouble::Double(-2.5)]);
    assert_eq!(readings.one_or_int, [OneOrInt::Int(1), OneOrInt::V1]);

    let written = enhanced_presence::to_string(&readings).unwrap();
    assert_eq!(
        written,
        r#"<readings xmlns="urn:example:values"><flagOrFloat>1.0</flagOrFloat><flagOrFloat>0.0</flagOrFloat><flagOrFloat>true</flagOrFloat><flagOrInteger>01</flagOrInteger><intOrDecimal>3.0</intOrDecimal><decimalOrDouble>100000e0</decimalOrDouble><decimalOrDouble>-2.5e0</decimalOrDouble><oneOrInt>01</oneOrInt><oneOrInt>1</oneOrInt></readings>"#
    );
    validate(&written).unwrap();
    assert_eq!(enhanced_presence::from_str::<Readings>(&written).unwrap(), readings);
}

#[test]
fn a_float_that_underflows_in_a_union_found_by_the_features_fuzz_target_is_written_as_zero() {
    // `677e-121` is zero as an `xs:float` (its nearest value). Written `0.0`, since `0` would read
    // as the boolean member: the text changes, the value does not. The target's oracle took the
    // float's form to be `0` and reported a loss; it now compares the two texts' float values.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/fuzz-regressions/features-float-underflow-in-union.xml"
    );
    let xml = std::fs::read_to_string(path).unwrap();
    validate(&xml).unwrap();
    let readings: Readings = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(readings.flag_or_float, [FlagOrFloat::Boolean(false), FlagOrFloat::Float(0.0)]);
    let written = enhanced_presence::to_string(&readings).unwrap();
    assert!(written.contains("<flagOrFloat>false</flagOrFloat><flagOrFloat>0.0</flagOrFloat>"), "{written}");
    validate(&written).unwrap();
    assert_eq!(enhanced_presence::from_str::<Readings>(&written).unwrap(), readings);
    let report = roundtrip::check_as::<Document>(&xml);
    let texts: Vec<String> = report.differences.iter().map(ToString::to_string).collect();
    assert_eq!(texts.len(), 1, "{report}");
    assert!(texts[0].contains("677e-121") && texts[0].contains("0.0"), "{report}");
}

#[test]
fn a_union_reads_text_as_its_first_member_that_takes_it() {
    // `05` is a string and an NMTOKEN before it is an int, `01` an int before it is a listed code,
    // `a` an NCName before it is one (`01` and `1a` are no NCNames): reading any of them as the
    // later member would write it back as other text (`5`) or hold it as a type the schema does
    // not give it.
    let xml = r#"<readings xmlns="urn:example:values"><textOrInt>05</textOrInt><nameOrInt>05</nameOrInt><nameOrInt>+7</nameOrInt><intOrCode>01</intOrCode><intOrCode>1a</intOrCode><nameOrCode>a</nameOrCode><nameOrCode>01</nameOrCode><nameOrCode>1a</nameOrCode></readings>"#;
    validate(xml).unwrap();
    let readings: Readings = read(xml);
    assert_eq!(readings.text_or_int, [TextOrInt::Other("05".into())]);
    assert_eq!(readings.name_or_int, [NameOrInt::Other("05".into()), NameOrInt::Int(7)]);
    assert_eq!(readings.int_or_code, [IntOrCode::Int(1), IntOrCode::V1a]);
    assert_eq!(readings.name_or_code, [NameOrCode::Other("a".into()), NameOrCode::V01, NameOrCode::V1a]);

    // The int 7 is written `+7`: as `7` it would be an NMTOKEN.
    let written = enhanced_presence::to_string(&readings).unwrap();
    assert_eq!(
        written,
        r#"<readings xmlns="urn:example:values"><textOrInt>05</textOrInt><nameOrInt>05</nameOrInt><nameOrInt>+7</nameOrInt><intOrCode>1</intOrCode><intOrCode>1a</intOrCode><nameOrCode>a</nameOrCode><nameOrCode>01</nameOrCode><nameOrCode>1a</nameOrCode></readings>"#
    );
    validate(&written).unwrap();
    assert_eq!(enhanced_presence::from_str::<Readings>(&written).unwrap(), readings);
}

#[test]
fn a_union_whose_only_members_of_text_are_names_refuses_other_text() {
    // `x.y` is an NMTOKEN after the int, `12` the int; `12` is an NMTOKEN of nameOrInt, which tries
    // names first; `b` an NCName of nameOrCode.
    let xml = r#"<readings xmlns="urn:example:values"><nameOrInt>12</nameOrInt><intOrName> x.y </intOrName><intOrName>12</intOrName><nameOrCode>b</nameOrCode></readings>"#;
    validate(xml).unwrap();
    let readings: Readings = read(xml);
    assert_eq!(readings.name_or_int, [NameOrInt::Other("12".into())]);
    assert_eq!(readings.int_or_name, [IntOrName::Other(" x.y ".into()), IntOrName::Int(12)]);
    assert_eq!(readings.name_or_code, [NameOrCode::Other("b".into())]);
    // No member takes these texts: an empty text and `a b` are no NMTOKEN, `a:b` no NCName and
    // not a listed code, `+` no int either.
    for (element, text) in [
        ("nameOrInt", ""),
        ("nameOrInt", "a b"),
        ("intOrName", "+"),
        ("intOrName", "1 2"),
        ("nameOrCode", "a:b"),
    ] {
        let xml = format!(r#"<readings xmlns="urn:example:values"><{element}>{text}</{element}></readings>"#);
        assert!(validate(&xml).is_err(), "{xml}");
        let e = enhanced_presence::from_str::<Readings>(&xml).unwrap_err();
        assert!(e.to_string().contains(&format!("/{element}")), "{xml}: {e}");
    }
}

#[test]
fn a_union_reads_a_listed_value_as_an_earlier_member_whose_facets_take_it() {
    // `5` is a `small` (an int of at most 10) before it is the label `5`, `50` is too large for it;
    // `01` is the level 1 (ints compared as values) before it is the code `01`, `02` no level.
    // Which member an earlier one's facets take a text for is known only when it is read.
    let xml = r#"<readings xmlns="urn:example:values"><smallOrLabel>5</smallOrLabel><smallOrLabel> 50 </smallOrLabel><smallOrLabel>n/a</smallOrLabel><levelOrCode>01</levelOrCode><levelOrCode>02</levelOrCode><levelOrCode>3</levelOrCode></readings>"#;
    validate(xml).unwrap();
    let readings: Readings = read(xml);
    assert_eq!(
        readings.small_or_label,
        [SmallOrLabel::Small(Small::new(5).unwrap()), SmallOrLabel::V50, SmallOrLabel::NA]
    );
    assert_eq!(
        readings.level_or_code,
        [LevelOrCode::Level(Level::V1), LevelOrCode::V02, LevelOrCode::Level(Level::V3)]
    );
    let written = enhanced_presence::to_string(&readings).unwrap();
    validate(&written).unwrap();
    assert_eq!(enhanced_presence::from_str::<Readings>(&written).unwrap(), readings);
}

#[test]
fn a_union_compares_text_with_a_value_as_the_value_s_member_type_reads_it() {
    // `code` is a string: ` a ` is not its value `a` but the string ` a `, ` 01 ` the int 1, and
    // `a<tab>b` the normalizedString value `a b`. Reading them as the values (compared collapsed)
    // would write `a` and `01` back, losing the spaces or the member.
    let xml = "<readings xmlns=\"urn:example:values\"><codeOrText> a </codeOrText><codeOrText>a</codeOrText>\
        <codeOrInt> 01 </codeOrInt><codeOrInt>01</codeOrInt>\
        <spacedOrText>a\tb</spacedOrText><spacedOrText>a b</spacedOrText><spacedOrText> a b</spacedOrText></readings>";
    validate(xml).unwrap();
    let readings: Readings = read(xml);
    assert_eq!(readings.code_or_text, [CodeOrText::Other(" a ".into()), CodeOrText::A]);
    assert_eq!(readings.code_or_int, [CodeOrInt::Int(1), CodeOrInt::V01]);
    assert_eq!(
        readings.spaced_or_text,
        [SpacedOrText::AB, SpacedOrText::AB, SpacedOrText::Other(" a b".into())]
    );
    let written = enhanced_presence::to_string(&readings).unwrap();
    validate(&written).unwrap();
    assert_eq!(enhanced_presence::from_str::<Readings>(&written).unwrap(), readings);

    // Text no member takes is still read as the value it is around (valid or not, as code lists
    // read): libxml2 refuses ` a ` as a codeOrInt.
    let lenient = r#"<readings xmlns="urn:example:values"><codeOrInt> a </codeOrInt></readings>"#;
    assert!(validate(lenient).is_err());
    let readings: Readings = enhanced_presence::from_str(lenient).unwrap();
    assert_eq!(readings.code_or_int, [CodeOrInt::A]);
}

#[test]
fn a_long_code_list_reads_writes_and_debug_prints_like_a_short_one() {
    // Long code lists print their `Debug` from a table rather than a derive: the same text.
    let xml = r#"<quantity xmlns="urn:example:values" unitCode="1I">2.5</quantity>"#;
    validate(xml).unwrap();
    let q: Quantity = read(xml);
    assert_eq!(q.unit_code, UnitCode::V1i);
    assert_eq!(
        format!("{q:?}"),
        r#"Quantity { unit_code: V1i, value: Decimal { negative: false, integer: "2", fraction: "5" } }"#
    );
    assert_eq!(format!("{:#?}", Some(UnitCode::Kgm)), "Some(\n    Kgm,\n)");
    assert_eq!(enhanced_presence::to_string(&q).unwrap(), xml);

    // Every variant: its text reads back as itself, and its `Debug` is its own name.
    let names: Vec<String> = UnitCode::VARIANTS.iter().map(|v| format!("{v:?}")).collect();
    assert_eq!(names[..3], ["C62", "Kgm", "Grm"]);
    assert_eq!(names[names.len() - 4..], ["V1i", "V2n", "E48", "Ls"]);
    for (v, name) in UnitCode::VARIANTS.iter().zip(&names) {
        assert_eq!(v.as_str().parse::<UnitCode>().unwrap(), *v);
        assert_eq!(names.iter().filter(|n| *n == name).count(), 1, "{name} twice");
    }
    assert!("kgm".parse::<UnitCode>().is_err());
}

#[test]
fn an_empty_nillable_element_takes_the_declared_value_unless_nil() {
    let xsi = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
    let head = format!(r#"<measurement xmlns="urn:example:values" {xsi}><ratio/><unit/>"#);
    // The input, its value, and how the plain value writes it (declaring `xsi` where it is used).
    for (limit, value, written_limit) in [
        ("<limit/>", Nillable::Value(Defaulted::Default(10)), "<limit/>".to_owned()),
        ("<limit>7</limit>", Nillable::Value(Defaulted::Value(7)), "<limit>7</limit>".to_owned()),
        (
            r#"<limit xsi:nil="false"/>"#,
            Nillable::NotNil(Defaulted::Default(10)),
            format!(r#"<limit {xsi} xsi:nil="false"/>"#),
        ),
        (
            r#"<limit xsi:nil="true"/>"#,
            Nillable::Nil(Default::default()),
            format!(r#"<limit {xsi} xsi:nil="true"/>"#),
        ),
    ] {
        let xml = format!("{head}{limit}</measurement>");
        common::validate("values.xsd", &xml).expect("libxml2 accepts it");
        let m: Measurement = read(&xml);
        assert_eq!(m.limit, Some(value), "{xml}");
        let written = enhanced_presence::to_string(&m).unwrap();
        assert!(written.ends_with(&format!("{written_limit}</measurement>")), "{written}");
        common::validate("values.xsd", &written).expect("libxml2 accepts the output");
    }
    // Nil has no content, not even the default's.
    let nil_with_content = format!(r#"{head}<limit xsi:nil="true">7</limit></measurement>"#);
    assert!(common::validate("values.xsd", &nil_with_content).is_err());
    assert!(enhanced_presence::from_str::<Measurement>(&nil_with_content).is_err());
}

/// A `parcel` document with the given children.
fn parcel(children: &str) -> String {
    format!(r#"<parcel xmlns="urn:example:values">{children}</parcel>"#)
}

/// The `xsi` declaration, on the element that uses it (where the writer puts it).
const XSI: &str = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

/// Reads `xml` (which libxml2 must accept) and checks that it writes back as it stood.
fn read_back<T: enhanced_presence::XmlElement>(xml: &str) -> T {
    validate(xml).unwrap();
    let value: T = read(xml);
    assert_eq!(enhanced_presence::to_string(&value).unwrap(), xml);
    value
}

#[test]
fn an_empty_element_of_simple_content_takes_the_declared_text_and_keeps_its_attributes() {
    let xml = parcel(r#"<weight unit="kg"/><caption lang="en"/><tare/>"#);
    let p: Parcel = read_back(&xml);
    let Defaulted::Default(WeightTypeKind::WeightType(weight)) = &p.weight else { panic!("{:?}", p.weight) };
    assert_eq!(weight.value.to_string(), "1");
    assert_eq!(weight.unit.as_deref(), Some("kg"));
    assert_eq!(
        p.caption,
        Some(Defaulted::Default(CaptionType { lang: Some("en".parse().unwrap()), value: "parcel".into() }))
    );
    let Some(Defaulted::Default(WeightTypeKind::WeightType(tare))) = &p.tare else { panic!("{:?}", p.tare) };
    assert_eq!(tare.value.to_string(), "0.5");

    // Content is the element's own value; an element named by `xsi:type` takes the declared text
    // too, as the type it names.
    let xml = parcel(&format!(
        r#"<weight {XSI} xsi:type="grossWeightType" packaging="box"/><caption>fragile</caption><tare unit="kg">0.5</tare>"#
    ));
    let p: Parcel = read_back(&xml);
    let Defaulted::Default(WeightTypeKind::GrossWeightType(gross)) = &p.weight else {
        panic!("{:?}", p.weight)
    };
    assert_eq!((gross.value.to_string().as_str(), gross.packaging.as_deref()), ("1", Some("box")));
    assert_eq!(p.caption, Some(Defaulted::Value(CaptionType { lang: None, value: "fragile".into() })));
    assert!(matches!(&p.tare, Some(Defaulted::Value(WeightTypeKind::WeightType(_)))));
}

#[test]
fn a_value_of_simple_content_is_written_with_or_without_its_text() {
    let weight = |value: &str| {
        WeightTypeKind::WeightType(Box::new(WeightType { unit: None, value: value.parse().unwrap() }))
    };
    let mut p = Parcel {
        weight: Defaulted::Default(weight("1.0")),
        caption: None,
        tare: None,
        sizes: None,
        note: None,
        remark: None,
        stamp: None,
        volume_or_pieces: None,
    };
    assert_eq!(enhanced_presence::to_string(&p).unwrap(), parcel("<weight/>"));
    p.weight = Defaulted::Value(weight("2.5"));
    let written = enhanced_presence::to_string(&p).unwrap();
    assert!(written.ends_with("<weight>2.5</weight></parcel>"), "{written}");
    assert_eq!(enhanced_presence::from_str::<Parcel>(&written).unwrap(), p);
}

#[test]
fn an_empty_list_of_simple_content_stays_a_value() {
    // `<sizes> </sizes>` is the empty list, not the declared `1 1 1`: written as a space, since an
    // empty element would read back as the declared value.
    let p: Parcel = read_back(&parcel(r#"<weight/><sizes shelf="2"> </sizes>"#));
    let Some(Defaulted::Value(sizes)) = &p.sizes else { panic!("{:?}", p.sizes) };
    assert_eq!((sizes.value.as_slice(), sizes.shelf), (&[][..], Some(2)));
    let p: Parcel = read_back(&parcel(r#"<weight/><sizes shelf="2"/>"#));
    let Some(Defaulted::Default(sizes)) = &p.sizes else { panic!("{:?}", p.sizes) };
    assert_eq!(sizes.value, [1, 1, 1]);
}

#[test]
fn a_nillable_element_of_simple_content_takes_the_declared_text_unless_nil() {
    let p: Parcel = read_back(&parcel(r#"<weight/><note lang="de"/>"#));
    assert_eq!(
        p.note,
        Some(Nillable::Value(Defaulted::Default(CaptionType {
            lang: Some("de".parse().unwrap()),
            value: "none".into()
        })))
    );
    let p: Parcel = read_back(&parcel(&format!(r#"<weight/><note {XSI} xsi:nil="true"/>"#)));
    assert!(matches!(p.note, Some(Nillable::Nil(_))), "{:?}", p.note);
}

#[test]
fn a_global_element_of_simple_content_takes_its_declared_text_as_the_root() {
    let title: Title = read_back(r#"<title xmlns="urn:example:values" lang="fr"/>"#);
    assert_eq!(
        title.0,
        Defaulted::Default(CaptionType { lang: Some("fr".parse().unwrap()), value: "untitled".into() })
    );
    let title: Title = read_back(r#"<title xmlns="urn:example:values">Notes</title>"#);
    assert_eq!(*title.0, CaptionType { lang: None, value: "Notes".into() });
}

#[test]
fn text_of_simple_content_that_is_not_empty_is_still_checked() {
    let error = enhanced_presence::from_str::<Parcel>(&parcel("<weight> </weight>")).unwrap_err();
    assert!(error.to_string().contains("/parcel/weight: expected decimal"), "{error}");
}

#[test]
fn an_empty_element_of_mixed_content_takes_the_declared_text() {
    use enhanced_presence::{AnyElement, AnyNode};
    let p: Parcel = read_back(&parcel(r#"<weight/><remark by="me"/>"#));
    let text = |t: &str| AnyNode::Text(t.into());
    assert_eq!(
        p.remark,
        Some(Defaulted::Default(RemarkType { by: Some("me".into()), content: vec![text("none")] }))
    );
    // Text or elements are the element's own content.
    let p: Parcel = read_back(&parcel(r#"<weight/><remark>see <em>label</em></remark>"#));
    let Some(Defaulted::Value(remark)) = &p.remark else { panic!("{:?}", p.remark) };
    assert!(
        matches!(&remark.content[..], [AnyNode::Text(t), AnyNode::Element(AnyElement { .. })] if t == "see ")
    );
}

/// Mixed content under a fixed value may hold that text as written and nothing else: no other
/// text, no child elements (it was not checked). libxml2 judges the text the same way; it does not
/// refuse child elements, which XSD does ("Element Locally Valid (Element)" 5.2.2.1).
#[test]
fn mixed_content_under_a_fixed_value_is_that_text_alone() {
    // (document, valid by XSD, valid by libxml2)
    for (stamp, valid, libxml2) in [
        ("<stamp/>", true, true),
        ("<stamp by=\"me\">ok</stamp>", true, true),
        ("<stamp>o<!-- c -->k</stamp>", true, true),
        ("<stamp>ko</stamp>", false, false),
        ("<stamp> ok</stamp>", false, false),
        ("<stamp>ok<em>x</em></stamp>", false, true),
        ("<stamp><em>ok</em></stamp>", false, false),
    ] {
        let xml = parcel(&format!("<weight/>{stamp}"));
        assert_eq!(validate(&xml).is_ok(), libxml2, "libxml2 on {xml}");
        match enhanced_presence::from_str::<Parcel>(&xml) {
            Ok(p) => {
                assert!(valid, "read {:?} from {xml}", p.stamp);
                let written = enhanced_presence::to_string(&p).unwrap();
                assert_eq!(enhanced_presence::from_str::<Parcel>(&written).unwrap(), p, "{written}");
            }
            Err(e) => {
                assert!(!valid, "{xml}: {e}");
                assert!(e.to_string().contains("/parcel/stamp: "), "{e}");
            }
        }
    }
    let error =
        enhanced_presence::from_str::<Parcel>(&parcel("<weight/><stamp>ok<em/></stamp>")).unwrap_err();
    assert!(error.to_string().contains("no child elements"), "{error}");
}

#[test]
fn a_choice_alternative_of_simple_content_takes_its_declared_text() {
    let p: Parcel = read_back(&parcel(r#"<weight/><volume unit="l"/>"#));
    let Some(ParcelVolumeOrPiecesChoice::Volume(Defaulted::Default(WeightTypeKind::WeightType(volume)))) =
        &p.volume_or_pieces
    else {
        panic!("{:?}", p.volume_or_pieces)
    };
    assert_eq!((volume.value.to_string().as_str(), volume.unit.as_deref()), ("2", Some("l")));
}
