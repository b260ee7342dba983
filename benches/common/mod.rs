//! What both bench binaries share: the documents, the serde model and the baseline loops.
#![allow(dead_code)]

pub mod docs;
pub mod serde_model;

use std::hint::black_box;

use enhanced_presence::categories::Categories;
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::state::State;
use quick_xml::events::Event;
use quick_xml::{NsReader, Reader, Writer};

/// The three benchmark documents.
pub struct Docs {
    pub categories: String,
    pub state: String,
    pub publish: String,
}

impl Docs {
    /// Builds the documents and checks once that each parses with the generated types, round-trips,
    /// and that the serde model reads it too (so every contender reads the same content).
    pub fn new() -> Docs {
        let docs = Docs {
            categories: docs::categories_doc(docs::LARGE),
            state: docs::state_doc(),
            publish: docs::publish_doc(docs::LARGE),
        };
        check::<Categories>("categories", &docs.categories);
        check::<State>("state", &docs.state);
        check::<Publish>("publish", &docs.publish);
        let c: serde_model::Categories = quick_xml::de::from_str(&docs.categories).expect("serde reads (a)");
        let ours: Categories = enhanced_presence::from_str(&docs.categories).unwrap();
        assert_eq!(
            c.category.len(),
            ours.category.len(),
            "serde and generated readers see the same categories"
        );
        let _: serde_model::State = quick_xml::de::from_str(&docs.state).expect("serde reads (b)");
        let p: serde_model::Publish = quick_xml::de::from_str(&docs.publish).expect("serde reads (c)");
        let ours: Publish = enhanced_presence::from_str(&docs.publish).unwrap();
        assert_eq!(p.publications.publication.len(), ours.publications.publication.len());
        docs
    }
}

impl Default for Docs {
    fn default() -> Self {
        Docs::new()
    }
}

fn check<T: enhanced_presence::XmlElement>(what: &str, xml: &str) {
    if let Err(e) = enhanced_presence::from_str::<T>(xml) {
        panic!("benchmark document {what} does not parse: {e}");
    }
    let report = enhanced_presence::roundtrip::check_as::<T>(xml);
    assert!(report.is_ok(), "benchmark document {what} does not round-trip: {report}");
}

/// The reader configuration [`enhanced_presence::XmlReader`] uses, for a like-for-like ceiling.
fn configure<R>(reader: &mut Reader<R>) {
    let config = reader.config_mut();
    config.trim_text(false);
    config.expand_empty_elements = false;
    config.check_end_names = true;
    config.check_comments = true;
}

/// The ceiling: quick-xml's tokenizer alone (`Reader::read_event` until EOF). Returns the event count.
pub fn raw_read(xml: &str) -> usize {
    let mut reader = Reader::from_str(xml);
    configure(&mut reader);
    let mut n = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return n,
            Ok(e) => {
                black_box(&e);
                n += 1;
            }
            Err(e) => panic!("{e}"),
        }
    }
}

/// The tokenizer plus namespace resolution (`NsReader::read_resolved_event`).
pub fn ns_read(xml: &str) -> usize {
    let mut reader = NsReader::from_str(xml);
    let config = reader.config_mut();
    config.trim_text(false);
    config.expand_empty_elements = false;
    config.check_end_names = true;
    config.check_comments = true;
    let mut n = 0;
    loop {
        match reader.read_resolved_event() {
            Ok((_, Event::Eof)) => return n,
            Ok((ns, e)) => {
                black_box((&ns, &e));
                n += 1;
            }
            Err(e) => panic!("{e}"),
        }
    }
}

/// The document's events, owned, for [`raw_write`].
pub fn events(xml: &str) -> Vec<Event<'static>> {
    let mut reader = Reader::from_str(xml);
    configure(&mut reader);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return out,
            Ok(e) => out.push(e.into_owned()),
            Err(e) => panic!("{e}"),
        }
    }
}

/// The writing ceiling: quick-xml's `Writer` writing already-built events into a buffer.
pub fn raw_write(events: &[Event<'static>]) -> Vec<u8> {
    let mut writer = Writer::new(Vec::new());
    for e in events {
        writer.write_event(e.borrow()).expect("writing to a Vec");
    }
    writer.into_inner()
}

pub fn serde_read<T: serde::de::DeserializeOwned>(xml: &str) -> T {
    quick_xml::de::from_str(xml).expect("serde reads the document")
}

pub fn serde_write<T: serde::Serialize>(value: &T) -> String {
    quick_xml::se::to_string(value).expect("serde writes the document")
}
