//! The hash maps of the reader and of the infoset check.
//!
//! Ordinary builds key them at random (std's `RandomState`), so that names a peer chooses cannot
//! pile into one bucket. Fuzzing builds (`--cfg fuzzing`) key them with fixed keys instead: libFuzzer
//! steers by coverage, the table's probing is part of it, and with random keys the same input
//! covers different edges from one run to the next, so "new coverage" never stops appearing and
//! inputs enter the corpus for the seed's sake alone.

#[cfg(not(fuzzing))]
pub(crate) type State = std::hash::RandomState;
#[cfg(fuzzing)]
pub(crate) type State = std::hash::BuildHasherDefault<std::hash::DefaultHasher>;

pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, State>;
pub(crate) type HashSet<T> = std::collections::HashSet<T, State>;
