//! The validator on small files whose problems and their lines are known.

use std::io::ErrorKind;
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use xsd_validator::{Diagnostic, Document, Schema, Severity};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

fn person_schema() -> Schema {
    Schema::from_file(data("person.xsd")).unwrap_or_else(|d| panic!("person.xsd: {d:?}"))
}

/// `(file name, line)` of each diagnostic.
fn places(diagnostics: &[Diagnostic]) -> Vec<(String, u32)> {
    diagnostics
        .iter()
        .map(|d| {
            let file =
                d.file.as_deref().map(|f| Path::new(f).file_name().unwrap().to_string_lossy().into_owned());
            (file.unwrap_or_default(), d.line)
        })
        .collect()
}

#[test]
fn a_valid_instance_of_a_valid_schema_passes() {
    person_schema().validate_file(data("person.xml")).unwrap();
}

#[test]
fn an_invalid_schema_is_refused_with_the_line_of_its_error() {
    let Err(diagnostics) = Schema::from_file(data("undefined-type.xsd")) else { panic!("compiled") };
    assert_eq!(places(&diagnostics), [("undefined-type.xsd".to_owned(), 5)]);
    assert!(diagnostics[0].message.contains("AddressType"), "{}", diagnostics[0]);
    assert_eq!(diagnostics[0].severity, Severity::Error);
}

#[test]
fn an_invalid_instance_is_refused_with_the_line_of_its_error() {
    let Err(diagnostics) = person_schema().validate_file(data("person-invalid.xml")) else { panic!("valid") };
    assert_eq!(places(&diagnostics), [("person-invalid.xml".to_owned(), 4)]);
    let shown = diagnostics[0].to_string();
    assert!(shown.ends_with("person-invalid.xml:4: Element '{urn:example:person}age': 'thirty-six' is not a valid value of the atomic type 'xs:int'."), "{shown}");
}

#[test]
fn a_document_in_memory_is_judged_as_the_same_file_is() {
    let schema = person_schema();
    for (file, valid) in [("person.xml", true), ("person-invalid.xml", false)] {
        let xml = std::fs::read_to_string(data(file)).unwrap();
        let document = Document::from_text(&xml, file).unwrap();
        let verdict = schema.validate(&document);
        assert_eq!(verdict.is_ok(), valid, "{file}: {verdict:?}");
        if let Err(diagnostics) = verdict {
            assert_eq!(places(&diagnostics), [(file.to_owned(), 4)]);
        }
    }
    let Err(diagnostics) = Document::from_text("<person>", "unclosed.xml") else { panic!("parsed") };
    assert!(diagnostics[0].to_string().starts_with("unclosed.xml:1:"), "{}", diagnostics[0]);
}

#[test]
fn a_document_that_is_not_well_formed_is_refused_with_line_and_column() {
    let Err(diagnostics) = Document::from_file(data("person-unclosed.xml")) else { panic!("parsed") };
    let first = &diagnostics[0];
    assert_eq!((first.line, first.column), (4, 16), "{first}");
    assert!(
        first
            .to_string()
            .ends_with("person-unclosed.xml:4:16: Opening and ending tag mismatch: age line 4 and agE"),
        "{first}"
    );
}

#[test]
fn an_undeclared_prefix_is_reported_and_the_document_is_invalid() {
    // libxml2 builds a tree despite the namespace error, as xmllint does; validation then fails.
    let document = Document::from_file(data("person-undeclared-prefix.xml")).unwrap();
    assert_eq!(places(document.diagnostics()), [("person-undeclared-prefix.xml".to_owned(), 4)]);
    let Err(diagnostics) = person_schema().validate(&document) else { panic!("valid") };
    assert_eq!(diagnostics[0], document.diagnostics()[0]);
    assert!(
        diagnostics[0]
            .to_string()
            .ends_with("person-undeclared-prefix.xml:4:9: Namespace prefix p on age is not defined"),
        "{}",
        diagnostics[0]
    );
    assert!(diagnostics.len() > 1, "{diagnostics:#?}");
}

/// Under a lax wildcard libxml2's validation accepts the element with an undeclared prefix (it
/// landed in no namespace, which `##any` allows); the document is still not namespace-well-formed.
#[test]
fn an_undeclared_prefix_under_a_wildcard_still_makes_the_document_invalid() {
    let schema = Schema::from_file(data("envelope.xsd")).unwrap();
    schema.validate_file(data("envelope.xml")).unwrap();
    let document = Document::from_file(data("envelope-undeclared-prefix.xml")).unwrap();
    let Err(diagnostics) = schema.validate(&document) else { panic!("valid") };
    assert_eq!(diagnostics, document.diagnostics());
    assert!(
        diagnostics[0].to_string().ends_with(":3:13: Namespace prefix x on request is not defined"),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let Err(diagnostics) = Schema::from_file(data("absent.xsd")) else { panic!("compiled") };
    assert!(!diagnostics.is_empty());
    let Err(diagnostics) = Document::from_file(data("absent.xml")) else { panic!("parsed") };
    assert!(diagnostics.iter().any(|d| d.to_string().contains("absent.xml")), "{diagnostics:?}");
}

#[test]
fn xpath_reads_the_root_namespace_and_attributes() {
    let schema = Document::from_file(data("person.xsd")).unwrap();
    assert_eq!(schema.xpath_string("string(/*/@targetNamespace)").unwrap(), "urn:example:person");
    let person = Document::from_file(data("person.xml")).unwrap();
    assert_eq!(person.xpath_string("namespace-uri(/*)").unwrap(), "urn:example:person");
    assert_eq!(person.xpath_string("string(/*/@missing)").unwrap(), "");
    assert!(person.xpath_string("/*[").is_err());
}

/// A schema whose import points at a listening local HTTP server fails, and the server sees no
/// connection: nothing is fetched.
#[test]
fn an_http_schema_location_fails_without_a_connection() {
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    server.set_nonblocking(true).unwrap();
    let url = format!("http://{}/address.xsd", server.local_addr().unwrap());
    let dir = std::env::temp_dir().join(format!("xsd-validator-http-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xsd = dir.join("imports-http.xsd");
    std::fs::write(
        &xsd,
        format!(
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:a="urn:example:address">
  <xs:import namespace="urn:example:address" schemaLocation="{url}"/>
  <xs:element name="home" type="a:AddressType"/>
</xs:schema>
"#
        ),
    )
    .unwrap();

    let result = Schema::from_file(&xsd);
    std::fs::remove_dir_all(&dir).unwrap();
    let Err(diagnostics) = result else { panic!("compiled") };
    let refusal = format!("refused to load {url}: network access is disabled");
    assert!(diagnostics.iter().any(|d| d.message == refusal), "{diagnostics:#?}");
    assert_eq!(
        server.accept().map(|_| ()).unwrap_err().kind(),
        ErrorKind::WouldBlock,
        "a connection was made"
    );
}

/// Threads validating at once each get exactly their own messages.
#[test]
fn parallel_calls_keep_their_messages_apart() {
    std::thread::scope(|scope| {
        for thread in 0..6 {
            scope.spawn(move || {
                let schema = person_schema();
                for _ in 0..25 {
                    if thread % 2 == 0 {
                        schema.validate_file(data("person.xml")).unwrap();
                    } else {
                        let diagnostics = schema.validate_file(data("person-invalid.xml")).unwrap_err();
                        assert_eq!(places(&diagnostics), [("person-invalid.xml".to_owned(), 4)]);
                    }
                    let diagnostics = Schema::from_file(data("undefined-type.xsd")).err().unwrap();
                    assert_eq!(places(&diagnostics), [("undefined-type.xsd".to_owned(), 5)]);
                }
            });
        }
    });
}
