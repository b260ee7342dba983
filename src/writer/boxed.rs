//! Writing boxed values: a boxed field writes as its content.

use crate::XmlWrite;

use super::XmlWriter;

/// A boxed value (a field that would otherwise make its type infinitely large) writes as its content.
impl<T: XmlWrite + ?Sized> XmlWrite for Box<T> {
    #[inline]
    fn write_xml(&self, w: &mut XmlWriter, ns: Option<&str>, local: &str) {
        T::write_xml(self, w, ns, local);
    }
}
