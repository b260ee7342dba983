//! Types generated from `schemas/*.xsd` at build time; the tests exercise each XSD construct.

include!(concat!(env!("OUT_DIR"), "/features.rs"));
