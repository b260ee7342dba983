//! What generated code calls and nothing else should: the particle helpers of its readers and
//! writers. Not part of the API (hidden from the documentation, as prost hides its `encoding`): they
//! change with the generator, which emits the matching calls. Hand-written [`XmlRead`](crate::XmlRead)
//! and [`XmlWrite`](crate::XmlWrite) impls use the reader's and writer's own methods.

mod read;
mod write;

pub use read::{ParseAttr, ReadParticles};
pub use write::WriteParticles;
