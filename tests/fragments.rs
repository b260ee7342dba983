//! Fragments: an element whose declaration is local, cut out of its document, read by naming its
//! type and written back under the same name.

use enhanced_presence::fragment::{find_type, Fragment};
use enhanced_presence::service::ServiceType;
use enhanced_presence::{from_str_as, roundtrip, to_string, WithHints, TYPES};

const SERVICE: &str = "http://schemas.microsoft.com/2006/09/sip/service";

fn service(attributes: &str) -> String {
    format!("<service xmlns=\"{SERVICE}\" uri=\"sip:olu@northwind.com\"{attributes}><capabilities><text render=\"true\" capture=\"true\"/></capabilities></service>")
}

#[test]
fn a_local_element_reads_as_its_type_and_writes_back_under_its_name() {
    let xml = service("");
    let fragment: Fragment<ServiceType> = from_str_as(&xml).unwrap();
    assert_eq!(fragment.name.namespace.as_deref(), Some(SERVICE));
    assert_eq!(fragment.name.local, "service");
    assert_eq!(fragment.value.uri, "sip:olu@northwind.com");
    assert_eq!(to_string(&fragment).unwrap(), xml);
    // Any name: the type decides what the content is.
    let renamed = xml.replace("<service ", "<svc ").replace("</service>", "</svc>");
    assert_eq!(to_string(&from_str_as::<ServiceType>(&renamed).unwrap()).unwrap(), renamed);
    // The content is checked as the type's.
    let err = from_str_as::<ServiceType>(&format!("<service xmlns=\"{SERVICE}\"/>")).unwrap_err();
    assert_eq!(err.to_string(), "1:1: /service: missing required attribute uri");
    assert!(roundtrip::check_as::<WithHints<Fragment<ServiceType>>>(&xml).is_ok());
}

#[test]
fn the_type_table_finds_types_by_rust_path_or_xsd_name() {
    let by_rust = find_type(TYPES, "service::ServiceType").unwrap();
    let by_xsd = find_type(TYPES, &format!("{{{SERVICE}}}serviceType")).unwrap();
    assert_eq!((by_rust.rust, by_xsd.rust), ("service::ServiceType", "service::ServiceType"));
    assert_eq!(
        find_type(TYPES, "enhanced_presence::service::ServiceType").unwrap().rust,
        "service::ServiceType"
    );
    // Hints are kept (and written first).
    let xml = service("").replacen(
        "<service ",
        "<service xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"a b\" ",
        1,
    );
    assert!(by_rust.check(&xml).is_ok(), "{}", by_rust.check(&xml));
    assert_eq!(by_rust.format(&xml, false).unwrap(), xml);
    // Types dispatching on `xsi:type` are listed under their XSD name; their base struct by path.
    let family =
        find_type(TYPES, "{http://schemas.microsoft.com/2006/09/sip/contactcard}updatedAnyURIType").unwrap();
    assert_eq!(family.rust, "contact_card::UpdatedAnyUriTypeKind");
    assert_eq!(find_type(TYPES, "contact_card::UpdatedAnyUriType").unwrap().xsd, None);
    // A type that is only ever a base has no family: its XSD name is its struct's.
    let base = find_type(TYPES, "{http://schemas.microsoft.com/2006/09/sip/service}preferredType").unwrap();
    assert_eq!(base.rust, "service::PreferredType");
    let err = find_type(TYPES, "ServiceTyp").unwrap_err();
    assert!(err.starts_with("no generated type is named \"ServiceTyp\"; similar: "), "{err}");
    assert!(err.contains("service::ServiceType"), "{err}");
    // Every Rust path is listed once, and every XSD name at most once.
    let mut rust: Vec<&str> = TYPES.iter().map(|t| t.rust).collect();
    let mut xsd: Vec<&str> = TYPES.iter().filter_map(|t| t.xsd).collect();
    let (r, x) = (rust.len(), xsd.len());
    rust.sort();
    rust.dedup();
    xsd.sort();
    xsd.dedup();
    assert_eq!((rust.len(), xsd.len()), (r, x));
}
