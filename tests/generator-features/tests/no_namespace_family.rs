//! A type family in no namespace used by elements in a namespace (`schemas/namespaced-shapes.xsd`):
//! `xsi:type="circleType"` must keep naming the no-namespace type when written back.

use enhanced_presence::roundtrip;
use generator_features::drawing_types::namespaced_shapes::Drawing;
use generator_features::drawing_types::no_namespace_family::ShapeTypeKind;

#[test]
fn a_derived_type_in_no_namespace_is_written_where_no_default_namespace_applies() {
    let xml = r#"<d:drawing xmlns:d="urn:example:drawing" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><d:shape><label>a</label></d:shape><d:shape xsi:type="circleType"><label>c</label><radius>2</radius></d:shape></d:drawing>"#;
    let report = roundtrip::check_as::<Drawing>(xml);
    assert!(report.is_ok(), "{report}");
    let drawing: Drawing = enhanced_presence::from_str(xml).unwrap();
    assert!(
        matches!(&drawing.shape[1], ShapeTypeKind::CircleType(c) if c.radius == 2),
        "{:?}",
        drawing.shape[1]
    );

    // Written in default-namespace style, the circle's element takes a prefix and `xmlns=""`, so
    // its unprefixed type name still means no namespace; read back, it is the same circle.
    let out = enhanced_presence::to_string(&drawing).unwrap();
    assert!(out.contains(r#"<ns1:shape xmlns:ns1="urn:example:drawing" xmlns="""#), "{out}");
    let again: Drawing = enhanced_presence::from_str(&out).unwrap();
    assert_eq!(again, drawing);
}
