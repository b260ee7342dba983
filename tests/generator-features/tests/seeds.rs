//! The committed seeds of the `features` fuzz target (`fuzz/seeds/features-*.xml`; `seed-corpus.sh`
//! gives them to that target alone). A seed teaches the fuzzer a path only if the target reads it, so
//! each must be a valid document of one of these schema sets (libxml2 says so), read as that set's
//! `Document`, and keep the round-trip contract as the target checks it (where a binary float's text
//! may come back in another form of the same value: `677e-121` as `0.0`).

use enhanced_presence::{roundtrip, WithHints, XmlElement};
use generator_features as features;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

/// Whether `xml` reads as a `D`; if it does, what breaks the contract, if anything: the value read
/// back from the output must be equal, and the output infoset-equal to the input but for the form
/// of a binary float.
fn read_as<D: XmlElement + PartialEq + Debug>(xml: &str) -> Option<Result<(), String>> {
    let first = enhanced_presence::from_str::<WithHints<D>>(xml).ok()?;
    let written = enhanced_presence::to_string(&first).expect("a value read is writable");
    match enhanced_presence::from_str::<WithHints<D>>(&written) {
        Ok(second) if second == first => {}
        Ok(second) => return Some(Err(format!("read back as another value: {second:?}\noutput: {written}"))),
        Err(e) => return Some(Err(format!("the output does not read again: {e}\noutput: {written}"))),
    }
    let report = roundtrip::check_as::<WithHints<D>>(xml);
    let only_value_forms = report.error.is_none()
        && report.idempotent
        && report.differences.iter().all(features::is_same_value_form);
    Some(if report.is_ok() || only_value_forms { Ok(()) } else { Err(report.to_string()) })
}

/// How to read a document of one schema set.
type Reader = fn(&str) -> Option<Result<(), String>>;

/// Every schema set the target tries, with its schema file and its reader.
fn sets() -> Vec<(&'static str, Reader)> {
    let mut sets: Vec<(&'static str, Reader)> = Vec::new();
    macro_rules! set {
        ($document:ty, $schema:literal, $arbitrary:ident) => {
            sets.push(($schema, read_as::<$document>))
        };
    }
    features::for_each_schema_set!(set);
    sets
}

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("features-")))
        .collect();
    seeds.sort();
    seeds
}

#[test]
fn every_features_seed_is_a_valid_document_that_reads_and_round_trips() {
    let seeds = seeds();
    assert!(seeds.len() >= 6, "expected the committed features seeds, found {seeds:?}");
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for seed in &seeds {
        let xml = std::fs::read_to_string(seed).unwrap_or_else(|e| panic!("{}: {e}", seed.display()));
        let read: Vec<_> = sets().iter().filter_map(|(file, read)| Some((*file, read(&xml)?))).collect();
        assert!(!read.is_empty(), "{}: no schema set reads it", seed.display());
        for (file, round_trip) in read {
            let schema = xsd_validator::Schema::from_file(schemas.join(file))
                .unwrap_or_else(|d| panic!("{file}: {d:?}"));
            if let Err(d) = schema.validate_file(seed) {
                panic!(
                    "{}: read as a document of {file}, which libxml2 says it is not: {d:?}",
                    seed.display()
                );
            }
            if let Err(report) = round_trip {
                panic!("{}: read as a document of {file}, but does not round-trip: {report}", seed.display());
            }
        }
    }
}
