//! The behaviour Enhanced Presence documents drive, in memory: which watcher sees which category
//! instance, how publications are keyed, versioned and expire, and what the publication grammar allows.

pub mod grammar;
