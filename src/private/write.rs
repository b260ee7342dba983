//! The particle helpers of generated writers, as an extension trait of [`XmlWriter`].

use crate::value::XmlValue;
use crate::{XmlWrite, XmlWriter};

/// Writing the particles of a content model and the attributes of a type: a child element that
/// occurs once, at most once or many times, and attributes that may be absent. Generated writers call
/// these instead of spelling out the loop or the `if let` for every field.
pub trait WriteParticles {
    /// Writes `value` as element `{ns}local` (`ns` empty for no namespace).
    fn element<T: XmlWrite + ?Sized>(&mut self, value: &T, ns: &str, local: &str);

    /// Writes `value`, when present, as element `{ns}local`.
    fn optional_element<T: XmlWrite>(&mut self, value: &Option<T>, ns: &str, local: &str);

    /// Writes each of `values` as an element `{ns}local`, in order.
    fn elements<T: XmlWrite>(&mut self, values: &[T], ns: &str, local: &str);

    /// Writes a simple value as element `{ns}local` with that text as its only content.
    fn value_element<T: XmlValue>(&mut self, value: &T, ns: &str, local: &str);

    /// Writes `value`, when present, as a simple-valued element `{ns}local`.
    fn optional_value_element<T: XmlValue>(&mut self, value: &Option<T>, ns: &str, local: &str);

    /// Writes each of `values` as a simple-valued element `{ns}local`, in order.
    fn value_elements<T: XmlValue>(&mut self, values: &[T], ns: &str, local: &str);

    /// Writes the unqualified attribute `local` when `value` is present; nothing when it is absent (an
    /// absent attribute stays absent, even where the schema gives it a default).
    fn optional_attr_value<T: XmlValue>(&mut self, local: &str, value: &Option<T>);
}

impl WriteParticles for XmlWriter {
    #[inline]
    fn element<T: XmlWrite + ?Sized>(&mut self, value: &T, ns: &str, local: &str) {
        value.write_xml(self, namespace(ns), local);
    }

    #[inline]
    fn optional_element<T: XmlWrite>(&mut self, value: &Option<T>, ns: &str, local: &str) {
        if let Some(value) = value {
            value.write_xml(self, namespace(ns), local);
        }
    }

    // Indexed rather than iterated: an iterator's `next` would be one more function per element
    // type to compile.
    #[inline]
    fn elements<T: XmlWrite>(&mut self, values: &[T], ns: &str, local: &str) {
        let mut i = 0;
        while i < values.len() {
            values[i].write_xml(self, namespace(ns), local);
            i += 1;
        }
    }

    #[inline]
    fn value_element<T: XmlValue>(&mut self, value: &T, ns: &str, local: &str) {
        self.start(namespace(ns), local);
        self.text_value(value);
        self.end();
    }

    #[inline]
    fn optional_value_element<T: XmlValue>(&mut self, value: &Option<T>, ns: &str, local: &str) {
        if let Some(value) = value {
            self.value_element(value, ns, local);
        }
    }

    #[inline]
    fn value_elements<T: XmlValue>(&mut self, values: &[T], ns: &str, local: &str) {
        let mut i = 0;
        while i < values.len() {
            self.value_element(&values[i], ns, local);
            i += 1;
        }
    }

    #[inline]
    fn optional_attr_value<T: XmlValue>(&mut self, local: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.attr_value(local, value);
        }
    }
}

/// Generated code spells "no namespace" as an empty URI, which the writer takes as `None`.
#[inline]
fn namespace(ns: &str) -> Option<&str> {
    (!ns.is_empty()).then_some(ns)
}
