//! `XML_CATALOG_FILES`, as libxml2 reads it: a space-separated list of catalogs (paths or `file:`
//! URLs). Its own test binary: it sets the process environment.

use enhanced_presence_codegen::Config;

#[test]
fn catalogs_listed_in_xml_catalog_files_are_consulted() {
    let dir = std::env::temp_dir().join(format!("ep-catalog-env-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("local")).unwrap();
    let xsd = dir.join("a.xsd");
    std::fs::write(
        &xsd,
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:b" targetNamespace="urn:a">
  <xs:import namespace="urn:b" schemaLocation="http://schemas.example.com/b.xsd"/>
  <xs:element name="a" type="b:bType"/>
</xs:schema>"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("local/b.xsd"),
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:b">
  <xs:complexType name="bType"><xs:attribute name="c" type="xs:int"/></xs:complexType>
</xs:schema>"#,
    )
    .unwrap();
    // The first catalog does not exist (libxml2 skips it too); the second maps by `system`.
    let catalog = dir.join("catalog.xml");
    std::fs::write(
        &catalog,
        r#"<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://schemas.example.com/b.xsd" uri="local/b.xsd"/>
</catalog>"#,
    )
    .unwrap();
    let mut config = Config::new();
    config.schema(&xsd);
    assert!(config.generate().is_err(), "resolved without a catalog");
    let missing = dir.join("missing.xml");
    let list = format!("{} file://{}", missing.display(), catalog.display());
    std::env::set_var("XML_CATALOG_FILES", list);
    let generated = config.generate();
    std::env::remove_var("XML_CATALOG_FILES");
    std::fs::remove_dir_all(&dir).ok();
    let text: String =
        generated.unwrap_or_else(|e| panic!("{e}")).files.into_iter().map(|f| f.text).collect();
    assert!(text.contains("pub struct BType"), "{text}");
}
