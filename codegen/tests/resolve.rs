//! Schema resolution without the network (XML catalogs, the shipped schemas, namespace-only imports,
//! the diagnostics for locations nothing resolves) and composition: chameleon includes, redefine.

use std::path::{Path, PathBuf};

use enhanced_presence_codegen::{Config, Error};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("ep-resolve-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// Every generated file's text, concatenated.
fn generate(config: &Config) -> String {
    match config.generate() {
        Ok(generated) => generated.files.iter().map(|f| f.text.as_str()).collect::<Vec<_>>().join("\n"),
        Err(e) => panic!("generation failed:\n{e}"),
    }
}

fn diagnostics(config: &Config) -> Vec<String> {
    match config.generate() {
        Err(Error::Schema(diagnostics)) => diagnostics
            .iter()
            .map(|d| {
                let file = d.location.file.file_name().unwrap().to_string_lossy().into_owned();
                format!("{file}:{}:{}: {}", d.location.line, d.location.column, d.message)
            })
            .collect(),
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("generation should fail"),
    }
}

fn config(schema: &Path) -> Config {
    let mut config = Config::new();
    config.schema(schema);
    config
}

const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

/// A document with `xml:lang`, `xml:space` and the `xml:specialAttrs` group, the XML namespace imported
/// from its W3C address: read from the shipped copy.
#[test]
fn xml_xsd_by_its_w3c_address_needs_no_network() {
    let s = Scratch::new("xmlxsd");
    let xsd = s.file(
        "doc.xsd",
        &format!(
            r#"<xs:schema {XS} targetNamespace="urn:doc" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>
  <xs:element name="para">
    <xs:complexType>
      <xs:simpleContent>
        <xs:extension base="xs:string">
          <xs:attribute ref="xml:space"/>
        </xs:extension>
      </xs:simpleContent>
    </xs:complexType>
  </xs:element>
  <xs:element name="doc">
    <xs:complexType>
      <xs:attributeGroup ref="xml:specialAttrs"/>
    </xs:complexType>
  </xs:element>
</xs:schema>"#
        ),
    );
    let text = generate(&config(&xsd));
    for field in ["pub space: Option<", "pub lang: Option<", "pub base: Option<", "pub id: Option<"] {
        assert!(text.contains(field), "no `{field}` in\n{text}");
    }
    assert!(text.contains("b\"space\""), "{text}");
}

/// `xml:lang` is usable without an import: the `xml` prefix is bound in every document.
#[test]
fn the_xml_namespace_needs_no_import() {
    let s = Scratch::new("xmlimplicit");
    let xsd = s.file(
        "doc.xsd",
        &format!(
            r#"<xs:schema {XS} targetNamespace="urn:doc">
  <xs:element name="doc"><xs:complexType><xs:attribute ref="xml:lang"/></xs:complexType></xs:element>
</xs:schema>"#
        ),
    );
    assert!(generate(&config(&xsd)).contains("pub lang: Option<"));
}

/// A custom category importing commontypes by namespace only: the shipped commontypes.xsd is read, and
/// `extern_namespace` points its types at the runtime crate's module.
#[test]
fn commontypes_imported_without_a_location_resolves_under_extern_namespace() {
    let s = Scratch::new("commontypes");
    let xsd = s.file(
        "meetingRoom.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns:ct="http://schemas.microsoft.com/2006/09/sip/commontypes"
    targetNamespace="urn:contoso:meetingRoom" elementFormDefault="qualified">
  <xs:import namespace="http://schemas.microsoft.com/2006/09/sip/commontypes"/>
  <xs:element name="meetingRoom">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="capacity" type="xs:unsignedShort"/>
        <xs:element ref="ct:extension" minOccurs="0"/>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>"#
        ),
    );
    let mut config = config(&xsd);
    config.extern_namespace(
        "http://schemas.microsoft.com/2006/09/sip/commontypes",
        "::enhanced_presence::common",
    );
    let text = generate(&config);
    assert!(text.contains("::enhanced_presence::common::Extension"), "{text}");
    assert!(!text.contains("pub struct Extension"), "commontypes was generated again:\n{text}");
}

/// Without a catalog entry or shipped schema, an import of an unknown namespace by namespace only is
/// tolerated, and a reference into it says why it failed and what to do.
#[test]
fn a_reference_into_a_namespace_nothing_loads_says_how_to_load_it() {
    let s = Scratch::new("unknownns");
    let xsd = s.file(
        "a.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns:o="urn:other" targetNamespace="urn:a">
  <xs:import namespace="urn:other"/>
  <xs:element name="a" type="o:thing"/>
</xs:schema>"#
        ),
    );
    let got = diagnostics(&config(&xsd));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("a.xsd:3:3: unknown type `thing`"), "{got:?}");
    assert!(got[0].contains("no schema for namespace `urn:other` was loaded"), "{got:?}");
    assert!(got[0].contains("--catalog"), "{got:?}");
}

/// A remote location nothing maps is never downloaded: when something it should define is missing,
/// the import is reported with what to do, before the missing reference.
#[test]
fn an_unmapped_remote_location_is_reported_where_it_is_imported() {
    let s = Scratch::new("remote");
    let xsd = s.file(
        "a.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns:b="urn:b" targetNamespace="urn:a">
  <xs:import namespace="urn:b"
      schemaLocation="https://schemas.example.com/b.xsd"/>
  <xs:element name="a" type="b:bType"/>
</xs:schema>"#
        ),
    );
    let got = diagnostics(&config(&xsd));
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].starts_with("a.xsd:2:3: cannot resolve schema location `https://schemas.example.com/b.xsd`"),
        "{got:?}"
    );
    assert!(got[0].contains("never downloads") && got[0].contains("--catalog"), "{got:?}");
    assert!(got[1].starts_with("a.xsd:4:3: unknown type `bType`"), "{got:?}");
}

/// XSD lets a processor skip an include or import it cannot read: when nothing from it is used,
/// generation goes on.
#[test]
fn an_unreadable_location_nothing_needs_is_skipped() {
    let s = Scratch::new("skip");
    let xsd = s.file(
        "a.xsd",
        &format!(
            r#"<xs:schema {XS} targetNamespace="urn:a">
  <xs:include schemaLocation="not-there.xsd"/>
  <xs:import namespace="urn:b" schemaLocation="http://schemas.example.com/b.xsd"/>
  <xs:element name="a" type="xs:int"/>
</xs:schema>"#
        ),
    );
    assert!(generate(&config(&xsd)).contains("pub struct A(pub i32)"));
}

const CATALOG: &str = r#"<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">"#;

fn remote_importer(s: &Scratch) -> PathBuf {
    s.file(
        "a.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns:b="urn:b" targetNamespace="urn:a">
  <xs:import namespace="urn:b" schemaLocation="http://schemas.example.com/v1/b.xsd"/>
  <xs:element name="a" type="b:bType"/>
</xs:schema>"#
        ),
    )
}

fn b_schema(s: &Scratch, path: &str) {
    s.file(
        path,
        &format!(
            r#"<xs:schema {XS} targetNamespace="urn:b" xmlns="urn:b">
  <xs:include schemaLocation="c.xsd"/>
  <xs:complexType name="bType"><xs:attribute name="c" type="cType"/></xs:complexType>
</xs:schema>"#
        ),
    );
    let dir = Path::new(path).parent().unwrap();
    s.file(
        &dir.join("c.xsd").to_string_lossy(),
        &format!(r#"<xs:schema {XS} targetNamespace="urn:b"><xs:simpleType name="cType"><xs:restriction base="xs:int"/></xs:simpleType></xs:schema>"#),
    );
}

/// `rewriteURI` in a catalog reached through `nextCatalog`; the rewritten document's own relative
/// include resolves next to the local copy.
#[test]
fn a_catalog_rewrites_a_remote_location_through_next_catalog() {
    let s = Scratch::new("rewrite");
    let xsd = remote_importer(&s);
    b_schema(&s, "mirror/v1/b.xsd");
    let catalog =
        s.file("catalog.xml", &format!(r#"{CATALOG}<nextCatalog catalog="more/catalog.xml"/></catalog>"#));
    s.file(
        "more/catalog.xml",
        &format!(
            r#"{CATALOG}<rewriteURI uriStartString="http://schemas.example.com/" rewritePrefix="../mirror/"/></catalog>"#
        ),
    );
    let mut config = config(&xsd);
    config.catalog(&catalog);
    let text = generate(&config);
    assert!(text.contains("pub struct BType"), "{text}");
    assert!(text.contains("pub c: Option<CType>") && text.contains("pub type CType = i32;"), "{text}");
}

/// A catalog `uri` entry maps a namespace imported without a location.
#[test]
fn a_catalog_maps_a_namespace_imported_without_a_location() {
    let s = Scratch::new("nsuri");
    let xsd = s.file(
        "a.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns:b="urn:b" targetNamespace="urn:a">
  <xs:import namespace="urn:b"/>
  <xs:element name="a" type="b:bType"/>
</xs:schema>"#
        ),
    );
    b_schema(&s, "local/b.xsd");
    let catalog =
        s.file("catalog.xml", &format!(r#"{CATALOG}<uri name="urn:b" uri="local/b.xsd"/></catalog>"#));
    let mut config = config(&xsd);
    config.catalog(&catalog);
    assert!(generate(&config).contains("pub struct BType"));
}

/// A catalog that is not well-formed is reported at its position, before any schema is read.
#[test]
fn a_malformed_catalog_is_reported_with_its_position() {
    let s = Scratch::new("badcatalog");
    let xsd = remote_importer(&s);
    let catalog = s.file("catalog.xml", &format!("{CATALOG}\n  <uri name=\"urn:b\"/>\n</catalog>"));
    let mut config = config(&xsd);
    config.catalog(&catalog);
    assert_eq!(diagnostics(&config), ["catalog.xml:2:3: catalog entry `uri` needs attribute `uri`"]);
}

/// An included document without a target namespace takes the includer's: its components and its
/// unqualified references are in that namespace.
#[test]
fn a_chameleon_include_takes_the_including_namespace() {
    let s = Scratch::new("chameleon");
    let xsd = s.file(
        "main.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns:m="urn:main" targetNamespace="urn:main" elementFormDefault="qualified">
  <xs:include schemaLocation="parts.xsd"/>
  <xs:element name="main">
    <xs:complexType><xs:sequence><xs:element ref="m:inline" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>"#
        ),
    );
    s.file(
        "parts.xsd",
        &format!(
            r#"<xs:schema {XS}>
  <xs:element name="inline" abstract="true"/>
  <xs:element name="em" substitutionGroup="inline" type="emType"/>
  <xs:complexType name="emType"><xs:attribute name="size" type="sizeType"/></xs:complexType>
  <xs:simpleType name="sizeType"><xs:restriction base="xs:int"/></xs:simpleType>
</xs:schema>"#
        ),
    );
    let text = generate(&config(&xsd));
    assert!(
        text.contains("pub size: Option<SizeType>") && text.contains("pub type SizeType = i32;"),
        "{text}"
    );
    // `em` substitutes for `inline` in urn:main, so `main` reads it.
    assert!(text.contains("pub em: Vec<MainEmChoice>") && text.contains("Em(EmType)"), "{text}");
}

/// A document without a target namespace that is *imported* stays in no namespace.
#[test]
fn an_imported_document_without_a_target_namespace_stays_in_no_namespace() {
    let s = Scratch::new("nons");
    let xsd = s.file(
        "main.xsd",
        &format!(
            r#"<xs:schema {XS} targetNamespace="urn:main" elementFormDefault="qualified">
  <xs:import schemaLocation="free.xsd"/>
  <xs:element name="main">
    <xs:complexType><xs:sequence><xs:element ref="free"/></xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>"#
        ),
    );
    s.file("free.xsd", &format!(r#"<xs:schema {XS}><xs:element name="free" type="xs:int"/></xs:schema>"#));
    let text = generate(&config(&xsd));
    assert!(text.contains("pub free: i32"), "{text}");
}

/// `xs:redefine`: the redefined type, group, attribute group and simple type replace the originals
/// everywhere (also in the redefined document), and each one's reference to its own name is the
/// original.
#[test]
fn redefine_replaces_components_and_self_references_reach_the_originals() {
    let s = Scratch::new("redefine");
    s.file(
        "base.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns="urn:r" targetNamespace="urn:r" elementFormDefault="qualified">
  <xs:complexType name="personType">
    <xs:sequence><xs:element name="name" type="xs:string"/><xs:group ref="extras"/></xs:sequence>
  </xs:complexType>
  <xs:group name="extras"><xs:sequence><xs:element name="nick" type="xs:string"/></xs:sequence></xs:group>
  <xs:attributeGroup name="common"><xs:attribute name="id" type="xs:int"/></xs:attributeGroup>
  <xs:simpleType name="size"><xs:restriction base="xs:int"/></xs:simpleType>
  <xs:element name="person" type="personType"/>
</xs:schema>"#
        ),
    );
    let xsd = s.file(
        "main.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns="urn:r" targetNamespace="urn:r" elementFormDefault="qualified">
  <xs:redefine schemaLocation="base.xsd">
    <xs:complexType name="personType">
      <xs:complexContent>
        <xs:extension base="personType"><xs:attributeGroup ref="common"/></xs:extension>
      </xs:complexContent>
    </xs:complexType>
    <xs:group name="extras">
      <xs:sequence><xs:group ref="extras"/><xs:element name="age" type="size"/></xs:sequence>
    </xs:group>
    <xs:attributeGroup name="common">
      <xs:attributeGroup ref="common"/><xs:attribute name="lang" type="xs:language"/>
    </xs:attributeGroup>
    <xs:simpleType name="size">
      <xs:restriction base="size"><xs:maxInclusive value="150"/></xs:restriction>
    </xs:simpleType>
  </xs:redefine>
</xs:schema>"#
        ),
    );
    let text = generate(&config(&xsd));
    // The original personType (now with the redefined `extras`: nick, then age) is the base.
    for field in
        ["pub name: String", "pub nick: String", "pub age: Size", "pub id: Option<i32>", "pub lang: Option<"]
    {
        assert!(text.contains(field), "no `{field}` in\n{text}");
    }
    // The redefined size restricts the original.
    assert!(text.contains("150"), "{text}");
}

/// A schema's own entities are expanded (unit tests in `xsd/entities.rs`); one it declares external
/// is not read, and using it is an error naming the file and the entity. So is a cycle.
#[test]
fn an_external_or_cyclic_entity_in_a_schema_is_an_error_naming_it() {
    let s = Scratch::new("entities");
    s.file("secret.txt", "not to be read");
    let external = s.file(
        "external.xsd",
        &format!(
            r#"<!DOCTYPE xs:schema [<!ENTITY secret SYSTEM "secret.txt">]>
<xs:schema {XS}><xs:element name="e" type="xs:string" default="&secret;"/></xs:schema>"#
        ),
    );
    let cyclic = s.file(
        "cyclic.xsd",
        &format!(
            r#"<!DOCTYPE xs:schema [<!ENTITY a "&b;"><!ENTITY b "x&a;">]>
<xs:schema {XS}><xs:element name="e" type="xs:string" default="&a;"/></xs:schema>"#
        ),
    );
    let [e] = &diagnostics(&config(&external))[..] else { panic!() };
    assert!(
        e.starts_with("external.xsd:") && e.contains("entity `secret` is external (`secret.txt`)"),
        "{e}"
    );
    let [e] = &diagnostics(&config(&cyclic))[..] else { panic!() };
    assert!(e.starts_with("cyclic.xsd:") && e.contains("entity `a` refers to itself (through a, b)"), "{e}");
}

/// A redefinition of a schema that redefines the same components (yEd's GraphML schema redefines
/// `graphml.xsd`, which redefines `graphml-structure.xsd`): each level's reference to its own name
/// is to the level below, so every level's additions arrive. Before, both levels' self-references
/// went to one "original", and the attribute groups were reported as circular.
#[test]
fn redefinitions_of_redefinitions_stack() {
    let s = Scratch::new("redefine-stack");
    let schema = |body: &str| {
        format!(
            r#"<xs:schema {XS} xmlns="urn:r" targetNamespace="urn:r" elementFormDefault="qualified">{body}</xs:schema>"#
        )
    };
    s.file(
        "base.xsd",
        &schema(
            r#"<xs:complexType name="nodeType"><xs:sequence><xs:group ref="extras"/></xs:sequence>
                 <xs:attributeGroup ref="common"/></xs:complexType>
               <xs:group name="extras"><xs:sequence><xs:element name="label" type="xs:string"/></xs:sequence></xs:group>
               <xs:attributeGroup name="common"><xs:attribute name="id" type="xs:int"/></xs:attributeGroup>
               <xs:simpleType name="weight"><xs:restriction base="xs:int"/></xs:simpleType>
               <xs:element name="node" type="nodeType"/>"#,
        ),
    );
    s.file(
        "mid/mid.xsd",
        &schema(
            r#"<xs:redefine schemaLocation="../base.xsd">
                 <xs:complexType name="nodeType"><xs:complexContent><xs:extension base="nodeType">
                   <xs:sequence><xs:element name="port" type="xs:string"/></xs:sequence>
                 </xs:extension></xs:complexContent></xs:complexType>
                 <xs:group name="extras"><xs:sequence><xs:group ref="extras"/><xs:element name="weight" type="weight"/></xs:sequence></xs:group>
                 <xs:attributeGroup name="common"><xs:attributeGroup ref="common"/><xs:attribute name="kind" type="xs:string"/></xs:attributeGroup>
                 <xs:simpleType name="weight"><xs:restriction base="weight"><xs:maxInclusive value="150"/></xs:restriction></xs:simpleType>
               </xs:redefine>"#,
        ),
    );
    let xsd = s.file(
        "top.xsd",
        &schema(
            r#"<xs:redefine schemaLocation="mid/mid.xsd">
                 <xs:complexType name="nodeType"><xs:complexContent><xs:extension base="nodeType">
                   <xs:attribute name="folder" type="xs:boolean"/>
                 </xs:extension></xs:complexContent></xs:complexType>
                 <xs:group name="extras"><xs:sequence><xs:group ref="extras"/><xs:element name="color" type="xs:string"/></xs:sequence></xs:group>
                 <xs:attributeGroup name="common"><xs:attributeGroup ref="common"/><xs:attribute name="yType" type="xs:string"/></xs:attributeGroup>
                 <xs:simpleType name="weight"><xs:restriction base="weight"><xs:minInclusive value="-7"/></xs:restriction></xs:simpleType>
               </xs:redefine>"#,
        ),
    );
    let text = generate(&config(&xsd));
    for field in [
        "pub label: String",
        "pub weight: Weight",
        "pub color: String",
        "pub port: String",
        "pub id: Option<i32>",
        "pub kind: Option<String>",
        "pub y_type: Option<String>",
        "pub folder: Option<bool>",
    ] {
        assert!(text.contains(field), "no `{field}` in\n{text}");
    }
    // Both restrictions of `weight` apply.
    assert!(text.contains("150") && text.contains("-7"), "{text}");
}

/// ONIX 3.1 includes its XHTML module, a chameleon schema whose abstract `inline` heads substitution
/// groups referenced without a prefix (the issue's `ONIX_XHTML_Subset.xsd:207:2: unknown element
/// inline`). The suite lives next to the repository, read at run time.
#[test]
fn onix_and_its_chameleon_xhtml_module_generate() {
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/xsd-parser-suite/schema/onix/schema/ONIX_BookProduct_3.1_short.xsd"
    );
    if !Path::new(schema).is_file() {
        eprintln!("skipped: {schema} is not there");
        return;
    }
    let text = generate(&config(Path::new(schema)));
    // The XHTML elements are in the ONIX namespace, and substitute for `inline` there.
    assert!(text.contains("pub struct Strong {"), "no XHTML `strong`");
    assert!(
        text.contains("Strong(onix_book_product_3_1_short::Strong)"),
        "`strong` is not a root of the ONIX module"
    );
    assert!(!text.contains("mod onix_xhtml_subset"), "the chameleon module named the namespace");
}

/// One chameleon document included into two namespaces is two sets of components, one in each.
#[test]
fn a_chameleon_included_into_two_namespaces_is_in_both() {
    let s = Scratch::new("chameleon2");
    s.file("common.xsd", &format!(r#"<xs:schema {XS}><xs:complexType name="noteType"><xs:attribute name="text" type="xs:string"/></xs:complexType></xs:schema>"#));
    for ns in ["one", "two"] {
        s.file(
            &format!("{ns}.xsd"),
            &format!(
                r#"<xs:schema {XS} xmlns:t="urn:{ns}" targetNamespace="urn:{ns}">
  <xs:include schemaLocation="common.xsd"/>
  <xs:element name="{ns}" type="t:noteType"/>
</xs:schema>"#
            ),
        );
    }
    let mut config = Config::new();
    config.schemas([s.0.join("one.xsd"), s.0.join("two.xsd")]);
    let text = generate(&config);
    assert_eq!(text.matches("pub struct NoteType {").count(), 2, "{text}");
    assert!(
        text.contains("pub struct One(pub NoteType)") && text.contains("pub struct Two(pub NoteType)"),
        "{text}"
    );
}

/// XLink's attribute groups, imported from the W3C address: read from the shipped copy.
#[test]
fn xlink_attribute_groups_resolve_offline() {
    let s = Scratch::new("xlink");
    let xsd = s.file(
        "doc.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns:xlink="http://www.w3.org/1999/xlink" targetNamespace="urn:doc">
  <xs:import namespace="http://www.w3.org/1999/xlink" schemaLocation="https://www.w3.org/1999/xlink.xsd"/>
  <xs:element name="link"><xs:complexType><xs:attributeGroup ref="xlink:simpleAttrs"/></xs:complexType></xs:element>
  <xs:element name="loc"><xs:complexType><xs:attributeGroup ref="xlink:locatorAttrs"/></xs:complexType></xs:element>
</xs:schema>"#
        ),
    );
    let text = generate(&config(&xsd));
    for field in ["pub href: Option<", "pub href: String", "pub show: Option<", "pub label: Option<"] {
        assert!(text.contains(field), "no `{field}` in\n{text}");
    }
}

/// A location is a hint: an import of a shipped namespace whose file is not there uses the shipped
/// schema.
#[test]
fn a_missing_local_copy_of_a_shipped_namespace_falls_back_to_the_shipped_schema() {
    let s = Scratch::new("fallback");
    let xsd = s.file(
        "room.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns:ct="http://schemas.microsoft.com/2006/09/sip/commontypes" targetNamespace="urn:room">
  <xs:import namespace="http://schemas.microsoft.com/2006/09/sip/commontypes" schemaLocation="commontypes.xsd"/>
  <xs:element name="room"><xs:complexType><xs:sequence><xs:element ref="ct:delimiter"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>"#
        ),
    );
    let text = generate(&config(&xsd));
    assert!(text.contains("pub struct Delimiter"), "{text}");
}

/// A catalog entry for a namespace that names a file that is not there is reported at the import,
/// when the namespace's components are needed.
#[test]
fn a_catalog_entry_for_a_namespace_naming_a_missing_file_is_reported_at_the_import() {
    let s = Scratch::new("nsmissing");
    let xsd = s.file(
        "a.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns:b="urn:b" targetNamespace="urn:a">
  <xs:import namespace="urn:b"/>
  <xs:element name="a" type="b:bType"/>
</xs:schema>"#
        ),
    );
    let catalog =
        s.file("catalog.xml", &format!(r#"{CATALOG}<uri name="urn:b" uri="gone/b.xsd"/></catalog>"#));
    let mut config = config(&xsd);
    config.catalog(&catalog);
    let got = diagnostics(&config);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with("a.xsd:2:3: cannot read schema `") && got[0].contains("b.xsd"), "{got:?}");
    assert!(got[1].starts_with("a.xsd:3:3: unknown type `bType`"), "{got:?}");
}

/// `xs:override` (XSD 1.1): the overriding type and element replace the originals, which are gone.
#[test]
fn override_replaces_components_and_drops_the_originals() {
    let s = Scratch::new("override");
    s.file(
        "base.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns="urn:o" targetNamespace="urn:o">
  <xs:complexType name="pointType"><xs:attribute name="x" type="xs:int"/></xs:complexType>
  <xs:element name="point" type="pointType"/>
  <xs:element name="label" type="xs:string"/>
</xs:schema>"#
        ),
    );
    let xsd = s.file(
        "main.xsd",
        &format!(
            r#"<xs:schema {XS} xmlns="urn:o" targetNamespace="urn:o">
  <xs:override schemaLocation="base.xsd">
    <xs:complexType name="pointType"><xs:attribute name="y" type="xs:long" use="required"/></xs:complexType>
    <xs:element name="label" type="xs:int"/>
  </xs:override>
</xs:schema>"#
        ),
    );
    let text = generate(&config(&xsd));
    assert!(text.contains("pub y: i64") && !text.contains("pub x:"), "{text}");
    assert!(text.contains("pub struct Label(pub i32)"), "{text}");
    assert!(text.contains("pub struct Point(pub PointType)"), "{text}");
}

/// XML's end-of-line handling: a schema saved with old Mac line ends (a bare carriage return each)
/// or Windows ones reads as if it had line feeds. Before, its documentation reached the doc comments
/// with carriage returns in them, which rustc refuses, and its diagnostics were all on line 1.
#[test]
fn carriage_returns_are_line_ends() {
    let s = Scratch::new("line-ends");
    let schema = format!(
        "<xs:schema {XS} targetNamespace=\"urn:a\">\r\
         \x20 <xs:element name=\"lap\" type=\"xs:string\">\r\
         \x20   <xs:annotation><xs:documentation>One lap of the track.\r\
         \x20   Timed from the line.</xs:documentation></xs:annotation>\r\n\
         \x20 </xs:element>\r\
         </xs:schema>\r"
    );
    let text = generate(&config(&s.file("mac.xsd", &schema)));
    assert!(!text.contains('\r'), "{text}");
    assert!(
        text.contains("/// One lap of the track.\n") && text.contains("/// Timed from the line.\n"),
        "{text}"
    );

    let broken = schema.replace("type=\"xs:string\"", "type=\"xs:nothing\"");
    let got = diagnostics(&config(&s.file("broken.xsd", &broken)));
    assert!(
        got.iter().any(|d| d.starts_with("broken.xsd:2:3: unknown built-in type `xs:nothing`")),
        "{got:?}"
    );
}

#[test]
fn schema_files_are_read_in_the_encoding_they_declare() {
    // Tax and government sets ship windows-1252 and ISO-8859-1 schemas, accented documentation
    // and all; libxml2 reads them, and so does the generator, includes too.
    let s = Scratch::new("encodings");
    let latin = |text: &str| encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
    let main = s.0.join("main.xsd");
    let main_text = format!(
        "<?xml version=\"1.0\" encoding=\"Windows-1252\"?>\n<xs:schema {XS} targetNamespace=\"urn:e\" \
         xmlns=\"urn:e\">\n<!-- Factura electrónica -->\n<xs:include schemaLocation=\"types.xsd\"/>\n\
         <xs:element name=\"amount\" type=\"importe\"/>\n</xs:schema>"
    );
    std::fs::write(&main, latin(&main_text)).unwrap();
    let types_text = format!(
        "<?xml version='1.0' encoding='ISO-8859-1'?>\n<xs:schema {XS} targetNamespace=\"urn:e\">\n\
         <xs:simpleType name=\"importe\"><xs:annotation><xs:documentation>Importe en €, con \
         decimales</xs:documentation></xs:annotation><xs:restriction base=\"xs:decimal\"/></xs:simpleType>\n\
         </xs:schema>"
    );
    std::fs::write(s.0.join("types.xsd"), latin(&types_text)).unwrap();
    let out = generate(&config(&main));
    assert!(out.contains("Importe en €, con decimales"), "{out}");

    // A file that is not in the encoding it names is refused with the reason.
    std::fs::write(s.0.join("types.xsd"), b"<?xml version='1.0' encoding='Shift_JIS'?>\x81<a/>").unwrap();
    let found = diagnostics(&config(&main));
    assert_eq!(found, ["types.xsd:1:43: not valid Shift_JIS (the encoding the file names)"]);
    // One that names none is UTF-8, and refused at its first byte that is not.
    let unnamed = latin(&format!("<xs:schema {XS}>\n<!-- façade -->\n</xs:schema>"));
    std::fs::write(s.0.join("types.xsd"), unnamed).unwrap();
    let found = diagnostics(&config(&main));
    assert_eq!(
        found,
        ["types.xsd:2:8: not valid UTF-8: byte 0xE7 (a file in another encoding names it in its XML declaration)"]
    );
}
