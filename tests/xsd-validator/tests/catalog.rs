//! XML catalogs map a schema's remote location to a local file. A test binary of its own: libxml2
//! reads `XML_CATALOG_FILES` once per process, so it must be set before the first call.

use std::io::ErrorKind;
use std::net::TcpListener;

use xsd_validator::{Document, Schema};

/// An import whose `http:` location a catalog maps to a local copy compiles against that copy, and
/// the address itself, a listening local server, sees no connection.
#[test]
fn a_catalog_maps_an_http_schema_location_to_a_local_file() {
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    server.set_nonblocking(true).unwrap();
    let url = format!("http://{}/address.xsd", server.local_addr().unwrap());
    let dir = std::env::temp_dir().join(format!("xsd-validator-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("address.xsd"),
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:address">
  <xs:simpleType name="PostCode"><xs:restriction base="xs:string"><xs:length value="5"/></xs:restriction></xs:simpleType>
</xs:schema>
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("home.xsd"),
        format!(
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:a="urn:example:address">
  <xs:import namespace="urn:example:address" schemaLocation="{url}"/>
  <xs:element name="home" type="a:PostCode"/>
</xs:schema>
"#
        ),
    )
    .unwrap();
    let catalog = dir.join("catalog.xml");
    std::fs::write(
        &catalog,
        format!(
            r#"<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="{url}" uri="address.xsd"/>
</catalog>
"#
        ),
    )
    .unwrap();
    std::fs::write(dir.join("ok.xml"), "<home>75001</home>").unwrap();
    std::fs::write(dir.join("too-long.xml"), "<home>750012</home>").unwrap();
    // The only test of this binary, and nothing else has started: no thread reads the environment.
    std::env::set_var("XML_CATALOG_FILES", &catalog);

    let schema = Schema::from_file(dir.join("home.xsd"));
    let valid = schema.as_ref().map(|s| s.validate(&Document::from_file(dir.join("ok.xml")).unwrap()));
    let invalid = schema.as_ref().map(|s| s.validate_file(dir.join("too-long.xml")));
    std::fs::remove_dir_all(&dir).unwrap();
    let (Ok(valid), Ok(invalid)) = (valid, invalid) else {
        panic!("did not compile: {schema:#?}", schema = schema.err())
    };
    assert_eq!(valid, Ok(()));
    // The facet comes from the mapped copy.
    let diagnostics = invalid.unwrap_err();
    assert!(diagnostics.iter().any(|d| d.message.contains("length")), "{diagnostics:#?}");
    assert_eq!(
        server.accept().map(|_| ()).unwrap_err().kind(),
        ErrorKind::WouldBlock,
        "a connection was made"
    );
}
