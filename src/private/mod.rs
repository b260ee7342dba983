//! What generated code calls and nothing else should: the particle helpers of its readers and
//! writers, keeping wildcard attributes, finding registered custom elements and writing nil
//! elements. Not part of the API (hidden from the documentation, as prost hides its `encoding`): they
//! change with the generator, which emits the matching calls. Hand-written [`XmlRead`](crate::XmlRead)
//! and [`XmlWrite`](crate::XmlWrite) impls use the reader's and writer's own methods.

mod fixed;
mod pattern;
mod read;
mod union;
mod write;

pub use crate::xs::nillable::{write_nil, write_not_nil};
pub(crate) use fixed::not_fixed;
pub use fixed::{is_fixed_value, WhiteSpace, NO_CHILD_ELEMENTS};
pub use pattern::Pattern;
pub use read::{KeepAttribute, ParseAttr, ReadParticles};
pub use union::write_union_member;
pub use write::WriteParticles;

/// The reader registered for elements named `{ns}local` (see
/// [`registry::register`](crate::registry::register)), if any.
pub fn registered_reader(ns: &[u8], local: &[u8]) -> Option<crate::registry::ReadFn> {
    crate::registry::lookup(ns, local)
}
