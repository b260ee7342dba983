//! Elements declared `nillable="true"`: either a value, or `xsi:nil="true"` and no content.

use crate::any::AnyAttributes;
use crate::writer::XmlWriter;

/// The value of a nillable element. A nil element has no content but may still carry attributes,
/// kept as they were read.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Nillable<T> {
    /// A value.
    Value(T),
    /// A value whose element says `xsi:nil="false"` (or `0`) explicitly: it is written back with it.
    NotNil(T),
    /// `xsi:nil="true"`: no content, and the element's other attributes.
    Nil(AnyAttributes),
}

/// What a nillable element's `xsi:nil` says, for generated readers.
#[doc(hidden)]
#[derive(Debug)]
pub enum NilState {
    /// No `xsi:nil`: read the value.
    Absent,
    /// `xsi:nil="false"`: read the value (the reader hides the attribute from it).
    False,
    /// `xsi:nil="true"`, with the element's other attributes; its content was checked empty.
    Nil(AnyAttributes),
}

impl<T> Nillable<T> {
    /// The value, unless the element is nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Value(v) | Nillable::NotNil(v) => Some(v),
            Nillable::Nil(_) => None,
        }
    }

    /// Whether the element is nil (`xsi:nil="true"`).
    pub fn is_nil(&self) -> bool {
        matches!(self, Nillable::Nil(_))
    }
}

/// Queues `xsi:nil="false"` for the next start tag: writing a [`Nillable::NotNil`] value.
pub fn write_not_nil(w: &mut XmlWriter) {
    w.hint_next("nil", "false".to_owned());
}

/// Writes `<local xsi:nil="true" …/>` with a nil element's other attributes.
pub fn write_nil(attributes: &AnyAttributes, w: &mut XmlWriter, ns: Option<&str>, local: &str) {
    w.start_keeping(ns, local, attributes);
    w.attr_ns(Some("xsi"), Some(super::XSI_NAMESPACE), "nil", "true");
    attributes.write(w);
    w.end();
}

/// A nil element with no attributes.
impl<T> Default for Nillable<T> {
    fn default() -> Self {
        Nillable::Nil(AnyAttributes::default())
    }
}

impl<T> From<T> for Nillable<T> {
    fn from(value: T) -> Self {
        Nillable::Value(value)
    }
}
