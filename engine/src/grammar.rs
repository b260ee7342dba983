//! The publication grammar: checking publish requests and membership changes against a
//! `categoryPublicationManifest` and a `containerManifestList`.
