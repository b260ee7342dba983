//! Reading boxed values: a field boxed to keep its type small (or finite) reads as its content.

use crate::error::Error;
use crate::{XmlElement, XmlRead};

use super::{Start, XmlReader};

/// A boxed value (a field whose type is large, or would otherwise be infinitely large) reads as its
/// content. Never inlined: the value is built in a frame of its own, so the caller's frame holds only
/// the pointer (a reader holds a temporary for each of its fields, and in a debug build none share a
/// slot).
impl<T: XmlRead> XmlRead for Box<T> {
    #[inline(never)]
    fn read_xml(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Self, Error> {
        // A `match`, not `map`, which would be one more function per `T` (see `private::read`).
        match T::read_xml(r, start) {
            Ok(value) => Ok(Box::new(value)),
            Err(e) => Err(e),
        }
    }
}

/// A boxed element (an alternative of an enum whose alternatives are boxed) reads as its content.
impl<T: XmlElement> XmlElement for Box<T> {
    fn matches(ns: &[u8], local: &[u8]) -> bool {
        T::matches(ns, local)
    }
    fn expected() -> &'static str {
        T::expected()
    }
    #[inline(always)]
    fn read_element(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Self, Error> {
        match T::read_element(r, start) {
            Ok(value) => Ok(Box::new(value)),
            Err(e) => Err(e),
        }
    }
    fn write_element(&self, w: &mut crate::XmlWriter) {
        T::write_element(self, w)
    }
}
