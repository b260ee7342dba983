//! Elements declared `nillable="true"`: either a value, or `xsi:nil="true"` and no content.

use crate::any::AnyAttributes;
use crate::writer::XmlWriter;

/// The value of a nillable element. A nil element has no content but may still carry attributes,
/// kept as they were read.
#[derive(Debug, Clone, PartialEq)]
pub enum Nillable<T> {
    Value(T),
    Nil(AnyAttributes),
}

impl<T> Nillable<T> {
    /// The value, unless the element is nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Value(v) => Some(v),
            Nillable::Nil(_) => None,
        }
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Nillable::Nil(_))
    }
}

/// Writes `<local xsi:nil="true" …/>` with a nil element's other attributes.
#[doc(hidden)]
pub fn write_nil(attributes: &AnyAttributes, w: &mut XmlWriter, ns: Option<&str>, local: &str) {
    w.start(ns, local);
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
