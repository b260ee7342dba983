//! Schema problems are reported with file, line and column — all of them at once.

use std::path::PathBuf;

use enhanced_presence_codegen::{Config, Error};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("ep-codegen-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Schema file `name` of target namespace `urn:t` holding `body`.
    fn schema(&self, name: &str, body: &str) -> PathBuf {
        self.file(name, &format!("{HEAD}\n{body}\n</xs:schema>\n"))
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn messages(files: &[PathBuf]) -> Vec<String> {
    let mut config = Config::new();
    config.schemas(files);
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

const HEAD: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t" elementFormDefault="qualified">"#;

#[test]
fn every_unknown_type_is_reported_where_it_is_used() {
    let s = Scratch::new("types");
    let xsd = s.file(
        "room.xsd",
        &format!(
            "{HEAD}\n  <xs:element name=\"room\" type=\"roomTyp\"/>\n  <xs:complexType name=\"roomType\">\n    <xs:sequence>\n      <xs:element name=\"size\" type=\"xs:integr\"/>\n    </xs:sequence>\n    <xs:attribute name=\"floor\" type=\"floorType\"/>\n  </xs:complexType>\n</xs:schema>\n"
        ),
    );
    assert_eq!(
        messages(&[xsd]),
        [
            "room.xsd:2:3: unknown type `roomTyp` (referenced as the type of element `room`)",
            "room.xsd:7:5: unknown type `floorType` (referenced as the type of attribute `floor`)",
            "room.xsd:5:7: unknown built-in type `xs:integr` (referenced as the type of element `size`)",
        ]
    );
}

#[test]
fn a_missing_import_is_named_where_it_is_imported() {
    let s = Scratch::new("import");
    let xsd = s.file(
        "room.xsd",
        &format!("{HEAD}\n  <xs:import namespace=\"urn:c\" schemaLocation=\"common.xsd\"/>\n  <xs:element name=\"room\" xmlns:c=\"urn:c\" type=\"c:roomType\"/>\n</xs:schema>\n"),
    );
    // Reported because `room` needs it (XSD lets a processor skip an import nothing uses).
    let got = messages(&[xsd]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with("room.xsd:2:3: cannot read schema `"), "{got:?}");
    assert!(got[0].contains("common.xsd"), "{got:?}");
    assert!(got[1].starts_with("room.xsd:3:3: unknown type `roomType`"), "{got:?}");
}

#[test]
fn unknown_element_references_and_undeclared_prefixes() {
    let s = Scratch::new("refs");
    let xsd = s.file(
        "room.xsd",
        &format!(
            "{HEAD}\n  <xs:complexType name=\"roomType\">\n    <xs:sequence>\n      <xs:element ref=\"seat\"/>\n      <xs:element name=\"x\" type=\"q:thing\"/>\n    </xs:sequence>\n  </xs:complexType>\n</xs:schema>\n"
        ),
    );
    let got = messages(&[xsd]);
    assert!(got.contains(&"room.xsd:4:7: unknown element `{urn:t}seat`".to_owned()), "{got:?}");
    assert!(
        got.iter()
            .any(|m| m.starts_with("room.xsd:5:7: type `q:thing` uses the undeclared namespace prefix `q`")),
        "{got:?}"
    );
}

#[test]
fn unsupported_constructs_are_named() {
    let s = Scratch::new("unsupported");
    let xsd = s.file(
        "room.xsd",
        &format!(
            "{HEAD}\n  <xs:complexType name=\"roomType\">\n    <xs:openContent><xs:any/></xs:openContent>\n  </xs:complexType>\n</xs:schema>\n"
        ),
    );
    let got = messages(&[xsd]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("room.xsd:"), "{got:?}");
    assert!(got[0].ends_with("unsupported: XSD 1.1 openContent / assert"), "{got:?}");
}

/// A schema's numbers are read after XML's white space (space, tab, line feed, carriage return)
/// only: U+2002 is data, so a count written with it is no count and the schema is refused, as
/// libxml2 refuses it, where `str::trim` would have read 3 (issue: "Unicode trim where XML's white
/// space is meant"). A bound that is no value of its type is named among what is not checked.
#[test]
fn schema_numbers_are_trimmed_of_xml_white_space_only() {
    let s = Scratch::new("numbers");
    let count = |value: &str| {
        format!(
            "{HEAD}\n  <xs:simpleType name=\"code\">\n    <xs:restriction base=\"xs:string\"><xs:maxLength value=\"{value}\"/></xs:restriction>\n  </xs:simpleType>\n  <xs:element name=\"c\" type=\"code\"/>\n</xs:schema>\n"
        )
    };
    assert_eq!(
        messages(&[s.file("unicode.xsd", &count("3&#x2002;"))]),
        ["unicode.xsd:2:3: facet `maxLength` has the value \"3\\u{2002}\", which is no non-negative integer"]
    );

    let mut config = Config::new();
    config.schema(s.file("xml.xsd", &count(" 3&#9;")));
    let generated = config.generate().unwrap_or_else(|e| panic!("{e}"));
    let text = &generated.files.iter().find(|f| f.name == "xml.rs").expect("xml.rs").text;
    assert!(text.contains("_rt::xs::FacetLength::facet_length(value) > 3usize"), "{text}");

    let bound = format!(
        "{HEAD}\n  <xs:simpleType name=\"small\">\n    <xs:restriction base=\"xs:int\"><xs:maxInclusive value=\"9&#x2002;\"/></xs:restriction>\n  </xs:simpleType>\n  <xs:element name=\"s\" type=\"small\"/>\n</xs:schema>\n"
    );
    let mut config = Config::new();
    config.schema(s.file("bound.xsd", &bound));
    let generated = config.generate().unwrap_or_else(|e| panic!("{e}"));
    let text = &generated.files.iter().find(|f| f.name == "bound.rs").expect("bound.rs").text;
    assert!(text.contains(r"Not checked: bound `9\u{2002}`, which"), "{text}");
    assert!(!text.contains("*value > 9"), "{text}");
}

#[test]
fn output_names_schemas_by_file_name_only_and_is_documented() {
    let s = Scratch::new("ok");
    let xsd = s.file(
        "room.xsd",
        &format!(
            "{HEAD}\n  <xs:element name=\"room\">\n    <xs:annotation><xs:documentation>A meeting room.</xs:documentation></xs:annotation>\n    <xs:complexType>\n      <xs:sequence>\n        <xs:element name=\"seats\" type=\"xs:unsignedShort\" minOccurs=\"0\"/>\n        <xs:choice maxOccurs=\"unbounded\">\n          <xs:element name=\"screen\" type=\"xs:string\"/>\n          <xs:element name=\"phone\" type=\"xs:anyURI\"/>\n        </xs:choice>\n      </xs:sequence>\n      <xs:attribute name=\"floor\" type=\"xs:int\" use=\"required\"/>\n    </xs:complexType>\n  </xs:element>\n</xs:schema>\n"
        ),
    );
    let mut config = Config::new();
    config.schema(&xsd);
    let generated = config.generate().unwrap_or_else(|e| panic!("{e}"));
    let room = generated.files.iter().find(|f| f.name == "room.rs").expect("room.rs");
    assert!(
        room.text.starts_with("// @generated by enhanced-presence-codegen from room.xsd."),
        "{}",
        room.text
    );
    assert!(room.text.contains("/// A meeting room."), "{}", room.text);
    assert!(room.text.contains("pub struct Room {"), "{}", room.text);
    assert!(room.text.contains("pub floor: i32,"), "{}", room.text);
    assert!(room.text.contains("pub seats: Option<u16>,"), "{}", room.text);
    assert!(room.text.contains("pub enum RoomScreenOrPhoneChoice {"), "{}", room.text);
    assert!(!room.text.contains(&s.0.to_string_lossy().into_owned()));
}

#[test]
fn attribute_patterns_that_match_nothing_are_named() {
    let s = Scratch::new("patterns");
    let xsd = s.file(
        "room.xsd",
        &format!(
            "{HEAD}\n  <xs:element name=\"room\">\n    <xs:complexType>\n      <xs:sequence>\n        <xs:element name=\"seats\" type=\"xs:unsignedShort\"/>\n      </xs:sequence>\n      <xs:attribute name=\"floor\" type=\"xs:int\"/>\n    </xs:complexType>\n  </xs:element>\n</xs:schema>\n"
        ),
    );
    let generate = |types: &[&str], fields: &[&str]| {
        let mut config = Config::new();
        config.schema(&xsd);
        for pattern in types {
            config.type_attribute(pattern, "#[derive(Eq)]");
        }
        for pattern in fields {
            config.field_attribute(pattern, "#[doc = \"x\"]");
        }
        config.generate().map(|_| ()).map_err(|e| e.to_string())
    };
    // Every form that names something: all, a name, a module-qualified name; an element's
    // attribute and child.
    assert_eq!(generate(&[".", "Room", "room::Room"], &[".", "Room.floor", "room::Room.seats"]), Ok(()));
    assert_eq!(
        generate(&["Rooom", "other::Room", "Room.floor"], &["Room.flor", "Room", "other::Room.seats"]),
        Err([
            "type_attribute pattern `Rooom` matches no generated type (patterns: `.`, `Name` or `module::Name`)",
            "type_attribute pattern `other::Room` matches no generated type (patterns: `.`, `Name` or `module::Name`)",
            "type_attribute pattern `Room.floor` matches no generated type (patterns: `.`, `Name` or `module::Name`)",
            "field_attribute pattern `Room.flor` matches no generated field (patterns: `.`, `Type.field` or `module::Type.field`)",
            "field_attribute pattern `Room` matches no generated field (patterns: `.`, `Type.field` or `module::Type.field`)",
            "field_attribute pattern `other::Room.seats` matches no generated field (patterns: `.`, `Type.field` or `module::Type.field`)",
        ]
        .join("\n"))
    );
}

/// A schema that is not well-formed XML is reported where it goes wrong, and generation returns:
/// xsd-parser's reader never returned on a file ending inside an annotation's content (found by the
/// `generate` fuzz target), and reported the rest by byte offset.
#[test]
fn documents_that_are_not_well_formed_are_reported_with_positions() {
    let s = Scratch::new("malformed");
    let truncated = s.file(
        "truncated.xsd",
        &format!("{HEAD}\n  <xs:annotation>\n    <xs:documentation>The file ends here"),
    );
    let mismatched = s.file(
        "mismatched.xsd",
        &format!("{HEAD}\n  <xs:annotation>\n    <xs:appinfo><b>bold</xs:appinfo>\n  </xs:annotation>\n</xs:schema>\n"),
    );
    let twice =
        s.file("twice.xsd", &format!("{HEAD}\n  <xs:element name=\"a\" name=\"b\"/>\n</xs:schema>\n"));
    let includer = s.file(
        "includer.xsd",
        &format!("{HEAD}\n  <xs:include schemaLocation=\"truncated.xsd\"/>\n</xs:schema>\n"),
    );
    // The parser's reader looped forever on these: a failure is a test that returns.
    let messages = |files: &[PathBuf]| {
        let files = files.to_vec();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(messages(&files)));
        receive.recv_timeout(std::time::Duration::from_secs(60)).expect("generation returns")
    };
    assert_eq!(
        messages(&[truncated]),
        ["truncated.xsd:3:41: not well-formed XML: the document ends inside `<xs:documentation>`, which is never closed"]
    );
    assert_eq!(
        messages(&[mismatched]),
        ["mismatched.xsd:3:24: not well-formed XML: ill-formed document: expected `</b>`, but `</xs:appinfo>` was found"]
    );
    assert_eq!(
        messages(&[twice]),
        ["twice.xsd:2:24: not well-formed XML: an attribute given twice in the same tag"]
    );
    let got = messages(&[includer]);
    assert_eq!(
        got,
        ["truncated.xsd:3:41: not well-formed XML: the document ends inside `<xs:documentation>`, which is never closed"]
    );
}

/// Names that are no XML names, characters XML does not allow and a root that is no schema are
/// refused before parsing, where they are; what the parser refuses in a well-formed schema is
/// reported at its line and column with the element path, not as the parser's byte offset and a
/// debug dump of its reader's event (`Unexpected event: Empty(BytesStart { buf: Owned(…) … })`).
#[test]
fn what_is_no_schema_is_named_where_it_is() {
    let s = Scratch::new("no-schema");
    let case = |name: &str, body: &str| messages(&[s.schema(name, body)]);
    assert_eq!(
        case("name.xsd", "  <xs:element name=\"a\"/>\n  <xs:pattern&value=\"a*\"/>"),
        ["name.xsd:3:4: not well-formed XML: \"xs:pattern&value=\\\"a*\\\"\" is not an XML name"]
    );
    assert_eq!(
        case("attribute.xsd", "  <xs:element .name=\"a\"/>"),
        ["attribute.xsd:2:15: not well-formed XML: attribute name \".name\" is not an XML name"]
    );
    assert_eq!(
        case("control.xsd", "  <xs:element name=\"a\u{1}\"/>"),
        ["control.xsd:2:22: not well-formed XML: character U+0001 is not allowed in XML"]
    );
    let instance = s.file("note.xml", "<?xml version=\"1.0\"?>\n<note xmlns=\"urn:n\"><body/></note>\n");
    assert_eq!(
        messages(&[instance]),
        ["note.xml:2:1: not a schema document: its root element is `note` in namespace `urn:n`, not `schema` in `http://www.w3.org/2001/XMLSchema`"]
    );

    assert_eq!(
        case(
            "misspelt.xsd",
            "  <xs:simpleType name=\"size\">\n    <xs:restriction base=\"xs:string\">\n      <xs:enumeratoin value=\"S\"/>\n    </xs:restriction>\n  </xs:simpleType>"
        ),
        ["misspelt.xsd:4:7: unexpected element `xs:enumeratoin` in `xs:schema/xs:simpleType/xs:restriction`"]
    );
    assert_eq!(
        case(
            "missing.xsd",
            "  <xs:simpleType name=\"size\">\n    <xs:restriction base=\"xs:string\">\n      <xs:enumeration/>\n    </xs:restriction>\n  </xs:simpleType>"
        ),
        ["missing.xsd:4:7: missing attribute \"value\" in `xs:schema/xs:simpleType/xs:restriction`"]
    );
    assert_eq!(
        case("text.xsd", "  <xs:complexType name=\"t\">\n    stray words\n  </xs:complexType>"),
        ["text.xsd:3:5: unexpected text \"stray words\" in `xs:schema/xs:complexType`"]
    );
    // A number the parser reads came back as its "Custom Error: message=Unable to deserialize …".
    assert_eq!(
        case("occurs.xsd", "  <xs:complexType name=\"t\">\n    <xs:sequence><xs:element name=\"a\" maxOccurs=\"-1\"/></xs:sequence>\n  </xs:complexType>"),
        ["occurs.xsd:3:18: invalid value \"-1\" (invalid digit found in string) in `xs:schema/xs:complexType/xs:sequence`"]
    );
    // The parser read any casing of `yes` as true: such a schema generated a nillable element.
    assert_eq!(
        case("boolean.xsd", "  <xs:element name=\"a\" type=\"xs:int\" nillable=\"YES\"/>"),
        ["boolean.xsd:2:48: `xs:element` has nillable=\"YES\", which is no XSD boolean (`true`, `false`, `1` or `0`)"]
    );
    // A pattern is an XSD regular expression: one that is not was ignored, and patterns were not
    // checked at all.
    assert_eq!(
        case(
            "pattern.xsd",
            "  <xs:simpleType name=\"code\">\n    <xs:restriction base=\"xs:string\"><xs:pattern value=\"[A-Z]{2}\"/><xs:pattern value=\"[a-\"/></xs:restriction>\n  </xs:simpleType>"
        ),
        ["pattern.xsd:3:87: `xs:pattern` has value=\"[a-\", which is no XSD regular expression: a character class `[` is not closed by `]` (at the end of the pattern)"]
    );
}

/// A redefinition whose schema defines nothing of that name is named in words, where the type refers
/// to its original: the key the front end gives that original (`#redefine/T`) is no name a schema
/// author wrote.
#[test]
fn a_redefinition_of_nothing_is_named_in_words_where_it_is() {
    let s = Scratch::new("redefine");
    s.file("base.xsd", &format!("{HEAD}\n  <xs:complexType name=\"other\"/>\n</xs:schema>\n"));
    let redefining = s.file(
        "redefining.xsd",
        &format!(
            "{HEAD}\n  <xs:redefine schemaLocation=\"base.xsd\">\n    <xs:complexType name=\"address\">\n      <xs:complexContent>\n        <xs:extension base=\"address\"/>\n      </xs:complexContent>\n    </xs:complexType>\n  </xs:redefine>\n</xs:schema>\n"
        ),
    );
    assert_eq!(
        messages(&[redefining]),
        ["redefining.xsd:5:9: unknown type `address` as defined before its redefinition (referenced as the type of the base of `address`): the schema `xs:redefine` names does not define it"]
    );
}

/// Schemas whose generated code did not compile (found by compiling what the generate fuzz
/// target's corpus generates): a type defined through itself (a struct holding itself), a union
/// without members (an enum without variants) and a declared name that is no NCName (a Rust name
/// that no longer matched its declaration's). Each is an invalid schema, refused where it is.
#[test]
fn schemas_whose_code_would_not_compile_are_refused() {
    let s = Scratch::new("invalid");
    let case = |name: &str, body: &str| messages(&[s.schema(name, body)]);
    assert_eq!(
        case(
            "cycle.xsd",
            "  <xs:simpleType name=\"b\"><xs:restriction base=\"a\"/></xs:simpleType>\n  <xs:simpleType name=\"a\"><xs:list itemType=\"c\"/></xs:simpleType>\n  <xs:simpleType name=\"c\"><xs:union memberTypes=\"xs:int b\"/></xs:simpleType>\n  <xs:complexType name=\"y\"><xs:complexContent><xs:extension base=\"x\"/></xs:complexContent></xs:complexType>\n  <xs:complexType name=\"x\"><xs:complexContent><xs:restriction base=\"y\"/></xs:complexContent></xs:complexType>"
        ),
        [
            "cycle.xsd:3:3: simple type `a` is defined through itself: `a` → `c` → `b` → `a`",
            "cycle.xsd:6:3: complex type `x` is defined through itself: `x` → `y` → `x`",
        ]
    );
    assert_eq!(
        case("itself.xsd", "  <xs:simpleType name=\"codes\">\n    <xs:list itemType=\"xs:int\"/>\n    <xs:restriction base=\"codes\"/>\n  </xs:simpleType>"),
        ["itself.xsd:2:3: simple type `codes` is defined through itself: `codes` → `codes`"]
    );
    assert_eq!(
        case(
            "anonymous.xsd",
            "  <xs:simpleType name=\"codes\">\n    <xs:restriction>\n      <xs:simpleType><xs:list itemType=\"codes\"/></xs:simpleType>\n    </xs:restriction>\n  </xs:simpleType>"
        ),
        ["anonymous.xsd:2:3: simple type `codes` is defined through itself: `codes` → the base type of type `codes` → `codes`"]
    );
    assert_eq!(
        case(
            "union.xsd",
            "  <xs:simpleType name=\"either\"><xs:union membertypes=\"xs:int xs:date\"/></xs:simpleType>"
        ),
        ["union.xsd:2:3: a union without member types (neither `memberTypes` nor `simpleType`)"]
    );
    assert_eq!(
        case("name.xsd", "  <xs:element name=\"root&#x2F;http://example.com\" type=\"xs:string\"/>"),
        ["name.xsd:2:21: `xs:element` declares the name \"root/http://example.com\", which is no XML name without a colon (NCName)"]
    );
    // A name written with a character reference and XML white space around it is a name.
    let mut config = Config::new();
    config.schema(s.file(
        "fine.xsd",
        &format!("{HEAD}\n  <xs:element name=\" &#x61;bc\n\" type=\"xs:string\"/>\n</xs:schema>\n"),
    ));
    config.generate().unwrap_or_else(|e| panic!("{e}"));
}

/// Elements nested deeper than the generator reads are refused with a diagnostic, and a schema
/// nested up to that limit generates on a build script's stack: the parser reads nesting by
/// recursion and overflowed the main thread's stack at a few thousand levels.
#[test]
fn nesting_up_to_the_limit_generates_and_deeper_is_refused() {
    let s = Scratch::new("deep");
    // 100 levels: the schema element, then element, complexType and sequence 33 times.
    let types = |n: usize| {
        format!(
            "{HEAD}\n{}<xs:element name=\"leaf\" type=\"xs:string\"/>{}</xs:schema>\n",
            "<xs:element name=\"e\"><xs:complexType><xs:sequence>".repeat(n),
            "</xs:sequence></xs:complexType></xs:element>".repeat(n)
        )
    };
    // 100 levels: schema, element, annotation, documentation, then 96 of markup.
    let markup = |n: usize| {
        format!(
            "{HEAD}\n<xs:element name=\"e\" type=\"xs:string\"><xs:annotation><xs:documentation>{}x{}\
             </xs:documentation></xs:annotation></xs:element></xs:schema>\n",
            "<b>".repeat(n),
            "</b>".repeat(n)
        )
    };
    let deep_types = s.file("types.xsd", &types(33));
    let deep_markup = s.file("markup.xsd", &markup(96));
    // A build script runs on its main thread, whose stack is 8 MB, in a build without optimisation.
    let generated = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            [deep_types, deep_markup]
                .map(|file| Config::new().schema(&file).generate().map(|_| ()).map_err(|e| e.to_string()))
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(generated, [Ok(()), Ok(())]);
    let too_deep = s.file("too-deep.xsd", &markup(97));
    let got = messages(&[too_deep]);
    assert_eq!(
        got,
        ["too-deep.xsd:2:360: elements nested more than 100 deep, more than the generator reads"]
    );
}

/// A model group or attribute group that contains itself is an invalid schema (XSD forbids
/// circular groups outside `xs:redefine`), refused once per cycle at the definition of its first
/// group, however many types use it; so is an element in its own substitution group. A group whose element has a type using the group again is a
/// recursive structure, not a circular group, and generates.
#[test]
fn circular_groups_are_refused_once_and_recursive_structures_generate() {
    let s = Scratch::new("groups");
    let circular = s.schema(
        "circular.xsd",
        "  <xs:group name=\"outer\">\n    <xs:sequence><xs:choice><xs:group ref=\"inner\"/></xs:choice></xs:sequence>\n  </xs:group>\n  <xs:group name=\"inner\">\n    <xs:sequence><xs:element name=\"e\"/><xs:group ref=\"outer\"/></xs:sequence>\n  </xs:group>\n  <xs:attributeGroup name=\"self\">\n    <xs:attribute name=\"a\"/>\n    <xs:attributeGroup ref=\"self\"/>\n  </xs:attributeGroup>\n  <xs:complexType name=\"one\"><xs:group ref=\"inner\"/><xs:attributeGroup ref=\"self\"/></xs:complexType>\n  <xs:complexType name=\"two\"><xs:group ref=\"outer\"/></xs:complexType>",
    );
    assert_eq!(
        messages(&[circular]),
        [
            "circular.xsd:5:3: model group `inner` contains itself: `inner` → `outer` → `inner`",
            "circular.xsd:8:3: attribute group `self` contains itself: `self` → `self`",
        ]
    );
    // Substitution groups: heads that lead back to an element.
    let heads = s.schema(
        "heads.xsd",
        "  <xs:element name=\"b\" substitutionGroup=\"c\"/>\n  <xs:element name=\"c\" substitutionGroup=\"b\"/>\n  <xs:element name=\"a\" substitutionGroup=\"a\"/>\n  <xs:element name=\"d\" substitutionGroup=\"b\"/>",
    );
    assert_eq!(
        messages(&[heads]),
        [
            "heads.xsd:4:3: element `a` is in its own substitution group: `a` → `a`",
            "heads.xsd:2:3: element `b` is in its own substitution group: `b` → `c` → `b`",
        ]
    );
    let recursive = s.schema(
        "recursive.xsd",
        "  <xs:group name=\"tree\">\n    <xs:sequence><xs:element name=\"node\" minOccurs=\"0\"><xs:complexType><xs:group ref=\"tree\"/></xs:complexType></xs:element></xs:sequence>\n  </xs:group>\n  <xs:element name=\"root\"><xs:complexType><xs:group ref=\"tree\"/></xs:complexType></xs:element>",
    );
    let generated = Config::new().schema(&recursive).generate().unwrap_or_else(|e| panic!("{e}"));
    let text: String = generated.files.iter().map(|f| f.text.as_str()).collect();
    assert!(text.contains("pub node: Option<Box<Node>>"), "{text}");
}

/// A reference the document cannot resolve is refused where it stands: in an attribute value, an
/// entity nothing declares or a character XML does not allow (the parser said "Escape Error" at
/// the start of the tag); in the DOCTYPE's entities, a cycle, at the reference that enters it (it
/// had no position).
#[test]
fn references_that_resolve_to_nothing_are_refused_where_they_stand() {
    let s = Scratch::new("references");
    let case = |name: &str, body: &str| messages(&[s.schema(name, body)]);
    assert_eq!(
        case("entity.xsd", "  <xs:element name=\"e\" type=\"xs:string\"\n    default=\"a&nbsp;b\"/>"),
        ["entity.xsd:3:15: not well-formed XML: `&nbsp;` refers to an entity the document does not declare (XML predefines `lt`, `gt`, `amp`, `apos` and `quot`)"]
    );
    assert_eq!(
        case("character.xsd", "  <xs:element name=\"e\" type=\"xs:string\" fixed=\"&#x0;\"/>"),
        ["character.xsd:2:48: not well-formed XML: `&#x0;` refers to no character XML allows"]
    );
    let cycle = s.file(
        "cycle.xsd",
        &format!(
            "<!DOCTYPE xs:schema [\n  <!ENTITY a \"&b;\">\n  <!ENTITY b \"x&a;\">\n]>\n{HEAD}\n  <xs:element name=\"e\" type=\"xs:string\" default=\"&a;\"/>\n</xs:schema>\n"
        ),
    );
    assert_eq!(messages(&[cycle]), ["cycle.xsd:6:50: entity `a` refers to itself (through a, b)"]);
}

/// A default or fixed value that is no value of its declaration's type makes the schema invalid:
/// refused at the value (not at the same value where another declaration gives it, and where a line
/// end written in it is a space), once however
/// many types share it through a group (a pattern of its type that does not match it too). Generated, an empty
/// element read into an error at run time and an attribute's default was dropped. What the
/// generator cannot tell for certain (a bound, a date) is left to the runtime.
#[test]
fn defaults_that_are_no_value_of_their_type_are_refused_where_they_are() {
    let s = Scratch::new("defaults");
    let invalid = s.schema(
        "invalid.xsd",
        "  <xs:element name=\"said\" type=\"xs:string\" default=\"yes\"/>\n  <xs:attributeGroup name=\"g\">\n    <xs:attribute name=\"flag\" type=\"xs:boolean\" default=\"yes\"/>\n  </xs:attributeGroup>\n  <xs:complexType name=\"one\">\n    <xs:sequence><xs:element name=\"n\" type=\"xs:byte\" fixed=\"300\"/></xs:sequence>\n    <xs:attributeGroup ref=\"g\"/>\n  </xs:complexType>\n  <xs:complexType name=\"two\"><xs:attributeGroup ref=\"g\"/></xs:complexType>\n  <xs:simpleType name=\"ints\"><xs:list itemType=\"xs:int\"/></xs:simpleType>\n  <xs:complexType name=\"counted\"><xs:simpleContent><xs:extension base=\"ints\"/></xs:simpleContent></xs:complexType>\n  <xs:element name=\"counts\" type=\"counted\" default=\"1 2 x\"/>\n  <xs:element name=\"m\"\n    type=\"xs:int\" default=\"1\n2\"/>\n  <xs:simpleType name=\"code\"><xs:restriction base=\"xs:string\"><xs:pattern value=\"[A-Z]{2}\"/></xs:restriction></xs:simpleType>\n  <xs:element name=\"p\" type=\"code\" default=\"de\"/>",
    );
    assert_eq!(
        messages(&[invalid]),
        [
            "invalid.xsd:4:58: attribute `flag` has default=\"yes\", which is no value of its type `xs:boolean`",
            "invalid.xsd:7:61: element `n` has fixed=\"300\", which is no value of its type `xs:byte`",
            "invalid.xsd:13:53: element `counts` has default=\"1 2 x\", which is no value of its type `ints`",
            "invalid.xsd:15:28: element `m` has default=\"1 2\", which is no value of its type `xs:int`",
            "invalid.xsd:18:45: element `p` has default=\"de\", which is no value of its type `code`",
        ]
    );
    let fine = s.schema(
        "fine.xsd",
        "  <xs:simpleType name=\"small\"><xs:restriction base=\"xs:int\"><xs:maxInclusive value=\"5\"/></xs:restriction></xs:simpleType>\n  <xs:element name=\"a\" type=\"small\" default=\"7\"/>\n  <xs:element name=\"b\" type=\"xs:date\" default=\"soon\"/>\n  <xs:element name=\"c\" type=\"xs:int\" default=\" 7\n\"/>\n  <xs:element name=\"d\" default=\"any text\"><xs:complexType mixed=\"true\"><xs:sequence minOccurs=\"0\"><xs:element name=\"e\"/></xs:sequence></xs:complexType></xs:element>",
    );
    Config::new().schema(&fine).generate().unwrap_or_else(|e| panic!("{e}"));
}

/// A facet the values of its base cannot have makes the schema invalid; generated, a length facet
/// on a number would not compile. Each is named with its type, named or anonymous.
#[test]
fn facets_a_type_s_values_cannot_have_are_refused_at_the_type() {
    let s = Scratch::new("facets");
    let invalid = s.schema(
        "invalid.xsd",
        "  <xs:simpleType name=\"count\"><xs:restriction base=\"xs:int\"><xs:maxLength value=\"3\"/></xs:restriction></xs:simpleType>\n  <xs:simpleType name=\"flag\"><xs:restriction base=\"xs:boolean\"><xs:enumeration value=\"true\"/></xs:restriction></xs:simpleType>\n  <xs:simpleType name=\"code\"><xs:restriction base=\"xs:token\"><xs:totalDigits value=\"2\"/><xs:minInclusive value=\"a\"/></xs:restriction></xs:simpleType>\n  <xs:simpleType name=\"words\"><xs:list itemType=\"xs:string\"/></xs:simpleType>\n  <xs:simpleType name=\"fewWords\"><xs:restriction base=\"words\"><xs:maxInclusive value=\"3\"/></xs:restriction></xs:simpleType>\n  <xs:simpleType name=\"either\"><xs:union memberTypes=\"xs:int xs:date\"/></xs:simpleType>\n  <xs:simpleType name=\"someEither\"><xs:restriction base=\"either\"><xs:length value=\"3\"/></xs:restriction></xs:simpleType>\n  <xs:element name=\"n\"><xs:simpleType><xs:restriction base=\"xs:date\"><xs:fractionDigits value=\"1\"/></xs:restriction></xs:simpleType></xs:element>\n  <xs:complexType name=\"sized\"><xs:simpleContent><xs:extension base=\"xs:double\"><xs:attribute name=\"unit\" type=\"xs:token\"/></xs:extension></xs:simpleContent></xs:complexType>\n  <xs:complexType name=\"shortSized\"><xs:simpleContent><xs:restriction base=\"sized\"><xs:maxLength value=\"4\"/></xs:restriction></xs:simpleContent></xs:complexType>",
    );
    assert_eq!(
        messages(&[invalid]),
        [
            // An anonymous type's place is that of the definition it is declared in.
            "invalid.xsd:9:3: the type of element `n`: the facet `fractionDigits` does not apply to values of `xs:date` (the base `date`), which XSD does not allow",
            "invalid.xsd:11:3: the content type of type `shortSized`: the facet `maxLength` does not apply to values of `xs:double` (the base `double`), which XSD does not allow",
            "invalid.xsd:4:3: simple type `code`: the facet `minInclusive` does not apply to values of `xs:string` (the base `token`), which XSD does not allow",
            "invalid.xsd:4:3: simple type `code`: the facet `totalDigits` does not apply to values of `xs:string` (the base `token`), which XSD does not allow",
            "invalid.xsd:2:3: simple type `count`: the facet `maxLength` does not apply to values of `xs:decimal` (the base `int`), which XSD does not allow",
            "invalid.xsd:6:3: simple type `fewWords`: the facet `maxInclusive` does not apply to lists (the base `words`), which XSD does not allow",
            "invalid.xsd:3:3: simple type `flag`: the facet `enumeration` does not apply to values of `xs:boolean` (the base `boolean`), which XSD does not allow",
            "invalid.xsd:8:3: simple type `someEither`: the facet `length` does not apply to unions (the base `either`), which XSD does not allow",
        ]
    );
}

/// A UTF-8 file that starts with a byte-order mark has its diagnostics where they are: the parser
/// counted its positions after the mark it skipped, so every position was three bytes early (a
/// reference on the next line was placed on the line before), and a tag normalised at such a
/// position could be cut inside a character (found by the `generate` fuzz target).
#[test]
fn a_byte_order_mark_moves_no_position() {
    let s = Scratch::new("bom");
    let body = "  <xs:element name=\"a\" type=\"xs:intt\"/>\n  <xs:element name=\"b\" type=\"xs:int\" nillable=\"YES\"/>";
    let plain = messages(&[s.schema("plain.xsd", body)]);
    let marked = messages(&[s.file("marked.xsd", &format!("\u{feff}{HEAD}\n{body}\n</xs:schema>\n"))]);
    assert_eq!(plain, ["plain.xsd:3:48: `xs:element` has nillable=\"YES\", which is no XSD boolean (`true`, `false`, `1` or `0`)"]);
    assert_eq!(marked, ["marked.xsd:3:48: `xs:element` has nillable=\"YES\", which is no XSD boolean (`true`, `false`, `1` or `0`)"]);
    let body = "  <xs:element name=\"a\" type=\"xs:intt\"/>";
    let marked = messages(&[s.file("marked.xsd", &format!("\u{feff}{HEAD}\n{body}\n</xs:schema>\n"))]);
    assert_eq!(
        marked,
        ["marked.xsd:2:3: unknown built-in type `xs:intt` (referenced as the type of element `a`)"]
    );
    // Text in other scripts before a tag whose attribute values hold line ends.
    let body = "  <xs:annotation><xs:documentation>ھ</xs:documentation></xs:annotation>\n  <xs:element name=\"c\"\n    type=\"xs:int\"\n    default=\"\n7\"/>";
    let text = format!("\u{feff}{HEAD}\n{body}\n</xs:schema>\n");
    Config::new().schema(s.file("scripts.xsd", &text)).generate().unwrap_or_else(|e| panic!("{e}"));
}

/// A schema location holding a line end (a character reference, or a carriage return before line
/// ends are normalised) is named on one line in the diagnostic that it cannot be read (found by the
/// `generate` fuzz target).
#[test]
fn a_location_holding_a_line_end_is_named_on_one_line() {
    let s = Scratch::new("location");
    let body = "  <xs:include schemaLocation=\"a&#10;b.xsd\"/>\n  <xs:element name=\"e\" type=\"gone\"/>";
    let found = messages(&[s.schema("main.xsd", body)]);
    assert!(found[0].starts_with("main.xsd:2:3: cannot read schema `"), "{found:?}");
    assert!(found[0].ends_with("a\\nb.xsd`: No such file or directory (os error 2)"), "{found:?}");
    // Written as such, a line end in an attribute value is a space; a reference is what it refers to.
    let body = "  <xs:include schemaLocation=\"a\rb&amp;c.xsd\"/>\n  <xs:element name=\"e\" type=\"gone\"/>";
    let found = messages(&[s.schema("cr.xsd", body)]);
    assert!(found[0].ends_with("a b&c.xsd`: No such file or directory (os error 2)"), "{found:?}");
}
