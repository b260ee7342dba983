//! Reading the particles of a content model: a child element (or a group of them) that occurs once,
//! at most once, or a bounded number of times. Generated readers call these instead of spelling out
//! the lookahead, the progress guard and the errors for every field.
//!
//! Only the reader's public lookahead (`peek_with`, `take`, `progress`) and errors are used here, so
//! these helpers do not depend on how the reader tokenizes.

use crate::error::{Error, ErrorKind};
use crate::value::XmlValue;
use crate::{XmlElement, XmlRead};

use super::{Attr, Start, XmlReader};

impl<'a> XmlReader<'a> {
    /// Takes the peeked child element and reads it as a `T` (see [`XmlReader::take`]).
    #[inline(always)]
    pub fn child<T: XmlRead>(&mut self) -> Result<T, Error> {
        let start = self.take()?;
        T::read_xml(self, start)
    }

    /// Takes the peeked child element and reads it as a simple value: text content only, and no
    /// attributes (an element of a simple type has nowhere to keep them, so they are refused rather
    /// than dropped).
    #[inline(always)]
    pub fn value_child<T: XmlValue>(&mut self) -> Result<T, Error> {
        let start = self.take()?;
        self.no_attributes(&start)?;
        self.read_value(&start)
    }

    /// Reads a particle that must occur once: `read` when the next child is one `accepts` allows, the
    /// error `MissingElement { name }` at `parent`'s start tag otherwise.
    #[inline(always)]
    pub fn required_with<T>(
        &mut self,
        parent: &Start<'_>,
        name: &'static str,
        accepts: impl FnOnce(&[u8], &[u8]) -> bool,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        if !self.peek_with(accepts)? {
            return Err(self.missing(parent, name));
        }
        read(self)
    }

    /// The error for a required particle that is absent: `MissingElement { name }` at `parent`'s start
    /// tag (`name` says what was expected, such as `one of a, b`).
    pub fn missing(&self, parent: &Start<'_>, name: &'static str) -> Error {
        self.error_at(parent.position(), ErrorKind::MissingElement { name })
    }

    /// Reads a particle that may occur once: `read` when the next child is one `accepts` allows.
    #[inline(always)]
    pub fn optional_with<T>(
        &mut self,
        accepts: impl FnOnce(&[u8], &[u8]) -> bool,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        if self.peek_with(accepts)? {
            return read(self).map(Some);
        }
        Ok(None)
    }

    /// Reads a repeated particle: `read` while the next child is one `accepts` allows, at most `max`
    /// times. It stops as well when a `read` consumed nothing (a group that may be empty), so that the
    /// loop always ends. The lower bound is checked by [`XmlReader::at_least`].
    #[inline(always)]
    pub fn repeated_with<T>(
        &mut self,
        max: usize,
        mut accepts: impl FnMut(&[u8], &[u8]) -> bool,
        mut read: impl FnMut(&mut Self) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while items.len() < max && self.peek_with(&mut accepts)? {
            let before = self.progress();
            items.push(read(self)?);
            if self.progress() == before {
                break;
            }
        }
        Ok(items)
    }

    /// Checks a repeated particle's lower bound: `found` occurrences of `name` where `min` are needed
    /// is `MissingElement` (`min` 1) or `TooFewElements`, at `parent`'s start tag.
    #[inline]
    pub fn at_least(
        &self,
        parent: &Start<'_>,
        name: &'static str,
        min: usize,
        found: usize,
    ) -> Result<(), Error> {
        if found >= min {
            return Ok(());
        }
        if min == 1 {
            return Err(self.missing(parent, name));
        }
        Err(self.error_at(parent.position(), ErrorKind::TooFewElements { name, min, found }))
    }

    /// Takes the next child element if it is `{ns}local` (`ns` empty for none). Not generic: the
    /// element helpers below share this one lookahead, and each of them is left with only the call
    /// of its type's reader (a copy per element type of the lookahead cost more to compile than it
    /// saved reading).
    #[inline]
    pub fn next_named(&mut self, ns: &str, local: &str) -> Result<Option<Start<'a>>, Error> {
        if self.peek_is(ns, local.as_bytes())? {
            return self.take().map(Some);
        }
        Ok(None)
    }

    /// Takes the next child element, which must be `{ns}local`: the error `MissingElement` at
    /// `parent`'s start tag otherwise.
    #[inline]
    pub fn expect_named(
        &mut self,
        parent: &Start<'_>,
        ns: &str,
        local: &'static str,
    ) -> Result<Start<'a>, Error> {
        match self.next_named(ns, local)? {
            Some(start) => Ok(start),
            None => Err(self.missing(parent, local)),
        }
    }

    /// Takes the next child element if it is `{ns}local` and a simple value: no attributes (see
    /// [`XmlReader::value_child`]).
    pub fn next_named_value(&mut self, ns: &str, local: &str) -> Result<Option<Start<'a>>, Error> {
        let Some(start) = self.next_named(ns, local)? else { return Ok(None) };
        self.no_attributes(&start)?;
        Ok(Some(start))
    }

    /// Refuses any attribute on `start` (an element of a simple type has nowhere to keep them).
    pub fn no_attributes(&self, start: &Start<'_>) -> Result<(), Error> {
        self.attributes(start, |a| Err(a.unexpected()))
    }

    /// Reads the required child element `{ns}local` (`ns` empty for none) as a `T`.
    pub fn element<T: XmlRead>(
        &mut self,
        parent: &Start<'_>,
        ns: &str,
        local: &'static str,
    ) -> Result<T, Error> {
        let start = self.expect_named(parent, ns, local)?;
        T::read_xml(self, start)
    }

    /// Reads the optional child element `{ns}local` as a `T`.
    pub fn optional_element<T: XmlRead>(&mut self, ns: &str, local: &str) -> Result<Option<T>, Error> {
        match self.next_named(ns, local)? {
            Some(start) => T::read_xml(self, start).map(Some),
            None => Ok(None),
        }
    }

    /// Reads the child elements `{ns}local` that follow (any number, none included) as `T`s.
    pub fn elements<T: XmlRead>(&mut self, ns: &str, local: &str) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(start) = self.next_named(ns, local)? {
            items.push(T::read_xml(self, start)?);
        }
        Ok(items)
    }

    /// Reads `min..=max` child elements `{ns}local` as `T`s (more are left for the next particle).
    pub fn elements_within<T: XmlRead>(
        &mut self,
        parent: &Start<'_>,
        ns: &str,
        local: &'static str,
        min: usize,
        max: usize,
    ) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while items.len() < max {
            let Some(start) = self.next_named(ns, local)? else { break };
            items.push(T::read_xml(self, start)?);
        }
        self.at_least(parent, local, min, items.len())?;
        Ok(items)
    }

    /// Reads the required child element `{ns}local` as a simple value (see [`XmlReader::value_child`]).
    pub fn value_element<T: XmlValue>(
        &mut self,
        parent: &Start<'_>,
        ns: &str,
        local: &'static str,
    ) -> Result<T, Error> {
        let start = self.expect_named(parent, ns, local)?;
        self.no_attributes(&start)?;
        self.read_value(&start)
    }

    /// Reads the optional child element `{ns}local` as a simple value.
    pub fn optional_value_element<T: XmlValue>(&mut self, ns: &str, local: &str) -> Result<Option<T>, Error> {
        match self.next_named_value(ns, local)? {
            Some(start) => self.read_value(&start).map(Some),
            None => Ok(None),
        }
    }

    /// Reads the child elements `{ns}local` that follow (any number) as simple values.
    pub fn value_elements<T: XmlValue>(&mut self, ns: &str, local: &str) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(start) = self.next_named_value(ns, local)? {
            items.push(self.read_value(&start)?);
        }
        Ok(items)
    }

    /// Reads `min..=max` child elements `{ns}local` as simple values.
    pub fn value_elements_within<T: XmlValue>(
        &mut self,
        parent: &Start<'_>,
        ns: &str,
        local: &'static str,
        min: usize,
        max: usize,
    ) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while items.len() < max {
            let Some(start) = self.next_named_value(ns, local)? else { break };
            items.push(self.read_value(&start)?);
        }
        self.at_least(parent, local, min, items.len())?;
        Ok(items)
    }

    /// Reads one alternative of an enum over element types (the document roots, the elements a
    /// wildcard reads): the element `start` opened as a `T`, wrapped into the enum. Never inlined, so
    /// that each alternative's value is built in a frame of its own: built in the enum's reader, each
    /// would take a slot of its own there when unoptimized, and a schema set with hundreds of element
    /// types needed a frame of megabytes.
    #[inline(never)]
    pub fn element_variant<T: XmlElement, E>(
        &mut self,
        start: Start<'_>,
        wrap: impl FnOnce(T) -> E,
    ) -> Result<E, Error> {
        T::read_element(self, start).map(wrap)
    }

    /// Reads one alternative of another enum over types (a type and the types derived from it) with
    /// `read`, then `wrap`s it; in a frame of its own, as [`XmlReader::element_variant`].
    #[inline(never)]
    pub fn read_variant<T, E>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
        wrap: impl FnOnce(T) -> E,
    ) -> Result<E, Error> {
        read(self).map(wrap)
    }

    /// Whether the element `start` opened is one of `T`'s (see [`XmlElement::matches`]): for enums that
    /// dispatch on the element name.
    #[inline(always)]
    pub fn is_element<T: XmlElement>(&self, start: &Start<'_>) -> bool {
        T::matches(self.namespace_of(start), start.local_name())
    }

    /// The value of a required attribute once all attributes are read: `value`, or the error
    /// `MissingAttribute { name }` at `start`'s tag when it was absent.
    #[inline]
    pub fn required_attribute<T>(
        &self,
        start: &Start<'_>,
        value: Option<T>,
        name: &'static str,
    ) -> Result<T, Error> {
        match value {
            Some(value) => Ok(value),
            None => Err(self.error_at(start.position(), ErrorKind::MissingAttribute { name })),
        }
    }
}

impl Attr<'_> {
    /// Parses the value into `slot` (see [`Attr::parse`]); for the attribute visitor of
    /// [`XmlReader::attributes`].
    #[inline(always)]
    pub fn parse_into<T: XmlValue>(&self, slot: &mut Option<T>) -> Result<(), ErrorKind> {
        // `Attr::parse`, written out: it would not be inlined at every one of these call sites.
        *slot = Some(T::parse_xml(&self.value).map_err(|error| self.invalid(error))?);
        Ok(())
    }
}

/// A boxed value (a field whose type is large, or would otherwise be infinitely large) reads as its
/// content. Never inlined: the value is built in a frame of its own, so the caller's frame holds only
/// the pointer (a reader holds a temporary for each of its fields, and in a debug build none share a
/// slot).
impl<T: XmlRead> XmlRead for Box<T> {
    #[inline(never)]
    fn read_xml(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Self, Error> {
        T::read_xml(r, start).map(Box::new)
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
        T::read_element(r, start).map(Box::new)
    }
    fn write_element(&self, w: &mut crate::XmlWriter) {
        T::write_element(self, w)
    }
}
