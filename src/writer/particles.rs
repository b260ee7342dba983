//! Writing the particles of a content model and the attributes of a type: a child element that occurs
//! once, at most once or many times, and attributes that may be absent. Generated writers call these
//! instead of spelling out the loop or the `if let` for every field.

use crate::value::XmlValue;
use crate::XmlWrite;

use super::XmlWriter;

impl XmlWriter {
    /// Writes `value` as element `{ns}local` (`ns` empty for no namespace).
    #[inline]
    pub fn element<T: XmlWrite + ?Sized>(&mut self, value: &T, ns: &str, local: &str) {
        value.write_xml(self, namespace(ns), local);
    }

    /// Writes each of `values` as an element `{ns}local`: an `&Option<T>` writes none or one, an
    /// `&Vec<T>` all of its items in order.
    #[inline]
    pub fn elements<'v, T: XmlWrite + 'v>(
        &mut self,
        values: impl IntoIterator<Item = &'v T>,
        ns: &str,
        local: &str,
    ) {
        for value in values {
            value.write_xml(self, namespace(ns), local);
        }
    }

    /// Writes a simple value as element `{ns}local` with that text as its only content.
    #[inline]
    pub fn value_element<T: XmlValue>(&mut self, value: &T, ns: &str, local: &str) {
        self.start(namespace(ns), local);
        self.text_value(value);
        self.end();
    }

    /// Writes each of `values` (an `&Option<T>` or an `&Vec<T>`) as a simple-valued element `{ns}local`.
    #[inline]
    pub fn value_elements<'v, T: XmlValue + 'v>(
        &mut self,
        values: impl IntoIterator<Item = &'v T>,
        ns: &str,
        local: &str,
    ) {
        for value in values {
            self.value_element(value, ns, local);
        }
    }

    /// Writes the unqualified attribute `local` when `value` is present; nothing when it is absent (an
    /// absent attribute stays absent, even where the schema gives it a default).
    #[inline]
    pub fn optional_attr_value<T: XmlValue>(&mut self, local: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.attr_value(local, value);
        }
    }
}

/// A boxed value (a field that would otherwise make its type infinitely large) writes as its content.
impl<T: XmlWrite + ?Sized> XmlWrite for Box<T> {
    #[inline]
    fn write_xml(&self, w: &mut XmlWriter, ns: Option<&str>, local: &str) {
        T::write_xml(self, w, ns, local);
    }
}

/// Generated code spells "no namespace" as an empty URI, which the writer takes as `None`.
#[inline]
fn namespace(ns: &str) -> Option<&str> {
    (!ns.is_empty()).then_some(ns)
}
