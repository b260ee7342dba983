//! Documents in encodings other than UTF-8 (`from_slice`, `decode`): each is written to a file,
//! parsed and validated by libxml2, and must read into the same value libxml2 reads, and the same
//! value as its UTF-8 form.

use std::path::{Path, PathBuf};

use enhanced_presence::note::Note;
use xsd_validator::{Document, Schema};

/// The text of the body, with characters of Latin-1's upper half (and, where the encoding has it,
/// one beyond the Basic Multilingual Plane).
fn note(declaration: &str, body: &str) -> String {
    format!(
        "{declaration}\n<note xmlns=\"http://schemas.microsoft.com/2006/09/sip/note\">\
         <body type=\"personal\" uri=\"\">{body}</body></note>"
    )
}

/// `bytes` in a file of their own, which libxml2 parses and validates against `schemas/note.xsd`;
/// the body's text as libxml2 reads it.
fn libxml2_body(name: &str, bytes: &[u8]) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let file = std::env::temp_dir().join(format!("encodings-{}-{name}.xml", std::process::id()));
    std::fs::write(&file, bytes).unwrap();
    let document = Document::from_file(&file);
    let _ = std::fs::remove_file(&file);
    let document = document.unwrap_or_else(|d| panic!("{name}: libxml2 does not parse it: {d:?}"));
    let schema = Schema::from_file(Path::new(&root).join("schemas/note.xsd")).unwrap();
    schema.validate(&document).unwrap_or_else(|d| panic!("{name}: libxml2 finds it invalid: {d:?}"));
    document.xpath_string("string(/*/*)").unwrap()
}

fn check(name: &str, bytes: &[u8], expected_body: &str) {
    assert_eq!(libxml2_body(name, bytes), expected_body, "{name}: libxml2");
    let note: Note = enhanced_presence::from_slice(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(note.body[0].value, expected_body, "{name}");
    let from_reader: Note = enhanced_presence::from_reader(bytes).unwrap();
    assert_eq!(from_reader, note, "{name}: from_reader");
    // Written back in UTF-8, with no encoding declared, it reads the same.
    let written = enhanced_presence::to_string(&note).unwrap();
    assert_eq!(enhanced_presence::from_str::<Note>(&written).unwrap(), note, "{name}");
}

#[test]
fn utf16_documents_read_as_libxml2_reads_them() {
    let body = "Café, Überstunden 𝄞";
    let text = note("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", body);
    let le: Vec<u8> = std::iter::once(0xFEFF).chain(text.encode_utf16()).flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = std::iter::once(0xFEFF).chain(text.encode_utf16()).flat_map(u16::to_be_bytes).collect();
    check("utf16le", &le, body);
    check("utf16be", &be, body);
}

#[test]
fn latin1_documents_read_their_bytes_as_latin1_even_where_they_look_like_utf8() {
    // `Ã©` in Latin-1 is the two bytes UTF-8 uses for `é`: read as UTF-8 the body would silently
    // change. libxml2 follows the declaration; so must we.
    let body = "Ã© Café ÿ";
    let text = note("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", body);
    let bytes: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    check("latin1", &bytes, body);
}

#[test]
fn windows_1252_documents_read_with_the_encoding_feature() {
    let body = "“quoted” – Café";
    let text = note("<?xml version=\"1.0\" encoding=\"windows-1252\"?>", body);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    check("windows-1252", &bytes, body);
}

#[test]
fn a_document_in_an_encoding_it_does_not_declare_is_refused_with_its_place() {
    // Latin-1 bytes declared (by default) as UTF-8: an error at the `é`, not a guess.
    let text = note("<?xml version=\"1.0\"?>", "Café");
    let bytes: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    let err = enhanced_presence::from_slice::<Note>(&bytes).unwrap_err();
    assert!(err.to_string().starts_with("2:93: /note/body: invalid encoding: invalid utf-8"), "{err}");
}
