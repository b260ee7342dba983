//! The helpers of generated readers, as extension traits of [`XmlReader`], [`Attr`] and
//! [`AnyAttributes`].
//!
//! The helpers generic over a field's type `T` are instantiated in the user's crate once per `T`,
//! in its (usually unoptimised) build, so they `match` on results rather than use `?`, `map` or
//! `map_err`: each of those would be one more function per `T` to compile.

use crate::error::{Error, ErrorKind};
use crate::reader::{Attr, Start, XmlReader};
use crate::value::XmlValue;
use crate::{AnyAttributes, XmlElement, XmlRead};

/// Reading the particles of a content model: a child element (or a group of them) that occurs once,
/// at most once, or a bounded number of times. Generated readers call these instead of spelling out
/// the lookahead, the progress guard and the errors for every field.
///
/// Only the reader's lookahead (`peek_dyn`, `take`, `progress`) and errors are used here, so
/// these helpers do not depend on how the reader tokenizes.
pub trait ReadParticles {
    /// Takes the peeked child element and reads it as a `T` (see [`XmlReader::take`]).
    fn child<T: XmlRead>(&mut self) -> Result<T, Error>;

    /// Takes the peeked child element and reads it as a simple value: text content only, and no
    /// attributes (an element of a simple type has nowhere to keep them, so they are refused rather
    /// than dropped).
    fn value_child<T: XmlValue>(&mut self) -> Result<T, Error>;

    /// Reads a particle that must occur once: `read` when the next child is one `accepts` allows, the
    /// error `MissingElement { name }` at `parent`'s start tag otherwise.
    fn required_with<T>(
        &mut self,
        parent: &Start<'_>,
        name: &'static str,
        accepts: impl FnMut(&[u8], &[u8]) -> bool,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error>;

    /// The error for a required particle that is absent: `MissingElement { name }` at `parent`'s start
    /// tag (`name` says what was expected, such as `one of a, b`).
    fn missing(&self, parent: &Start<'_>, name: &'static str) -> Error;

    /// Reads a particle that may occur once: `read` when the next child is one `accepts` allows.
    fn optional_with<T>(
        &mut self,
        accepts: impl FnMut(&[u8], &[u8]) -> bool,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<Option<T>, Error>;

    /// Reads a repeated particle: `read` while the next child is one `accepts` allows, at most `max`
    /// times. It stops as well when a `read` consumed nothing (a group that may be empty), so that the
    /// loop always ends. The lower bound is checked by [`ReadParticles::at_least`].
    fn repeated_with<T>(
        &mut self,
        max: usize,
        accepts: impl FnMut(&[u8], &[u8]) -> bool,
        read: impl FnMut(&mut Self) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error>;

    /// Checks a repeated particle's lower bound: `found` occurrences of `name` where `min` are needed
    /// is `MissingElement` (`min` 1) or `TooFewElements`, at `parent`'s start tag.
    fn at_least(&self, parent: &Start<'_>, name: &'static str, min: usize, found: usize)
        -> Result<(), Error>;

    /// Checks a repeated group's lower bound above one: `found` repetitions of the group starting
    /// with `group` where `min` are needed is `TooFewRepetitions`, at `parent`'s start tag.
    fn at_least_repetitions(
        &self,
        parent: &Start<'_>,
        group: &'static str,
        min: usize,
        found: usize,
    ) -> Result<(), Error>;

    /// Reads the required child element `{ns}local` (`ns` empty for none) as a `T`.
    fn element<T: XmlRead>(&mut self, parent: &Start<'_>, ns: &str, local: &'static str) -> Result<T, Error>;

    /// Reads the optional child element `{ns}local` as a `T`.
    fn optional_element<T: XmlRead>(&mut self, ns: &str, local: &str) -> Result<Option<T>, Error>;

    /// Reads the optional child element `{ns}local` as a `T` into `slot`, which it leaves alone when
    /// the element is absent.
    ///
    /// Fields are read into a local (or a field of the value being read) rather than returned, so that the only `Result` a generated reader
    /// matches is `Result<(), Error>`: one `?` instantiation for all fields instead of one per field
    /// type (about a tenth of the compile time of a large schema's code).
    fn optional_element_into<T: XmlRead>(
        &mut self,
        slot: &mut Option<T>,
        ns: &str,
        local: &str,
    ) -> Result<(), Error>;

    /// Reads the child elements `{ns}local` that follow (any number, none included) as `T`s onto
    /// `items` (see [`ReadParticles::optional_element_into`] for why a slot).
    fn elements_into<T: XmlRead>(&mut self, items: &mut Vec<T>, ns: &str, local: &str) -> Result<(), Error>;

    /// Reads `min..=max` child elements `{ns}local` as `T`s (more are left for the next particle).
    fn elements_within<T: XmlRead>(
        &mut self,
        parent: &Start<'_>,
        ns: &str,
        local: &'static str,
        min: usize,
        max: usize,
    ) -> Result<Vec<T>, Error>;

    /// Reads the required child element `{ns}local` as a simple value (see [`ReadParticles::value_child`]).
    fn value_element<T: XmlValue>(
        &mut self,
        parent: &Start<'_>,
        ns: &str,
        local: &'static str,
    ) -> Result<T, Error>;

    /// Reads the optional child element `{ns}local` as a simple value.
    fn optional_value_element<T: XmlValue>(&mut self, ns: &str, local: &str) -> Result<Option<T>, Error>;

    /// Reads the optional child element `{ns}local` as a simple value into `slot` (see
    /// [`ReadParticles::optional_element_into`]).
    fn optional_value_element_into<T: XmlValue>(
        &mut self,
        slot: &mut Option<T>,
        ns: &str,
        local: &str,
    ) -> Result<(), Error>;

    /// Reads the child elements `{ns}local` that follow (any number) as simple values onto `items`.
    fn value_elements_into<T: XmlValue>(
        &mut self,
        items: &mut Vec<T>,
        ns: &str,
        local: &str,
    ) -> Result<(), Error>;

    /// Reads `min..=max` child elements `{ns}local` as simple values.
    fn value_elements_within<T: XmlValue>(
        &mut self,
        parent: &Start<'_>,
        ns: &str,
        local: &'static str,
        min: usize,
        max: usize,
    ) -> Result<Vec<T>, Error>;

    /// Reads one alternative of an enum over element types (the document roots, the elements a
    /// wildcard reads): the element `start` opened as a `T`, wrapped into the enum. Never inlined, so
    /// that each alternative's value is built in a frame of its own: built in the enum's reader, each
    /// would take a slot of its own there when unoptimized, and a schema set with hundreds of element
    /// types needed a frame of megabytes.
    fn element_variant<T: XmlElement, E>(
        &mut self,
        start: Start<'_>,
        wrap: impl FnOnce(T) -> E,
    ) -> Result<E, Error>;

    /// Reads one alternative of another enum over types (a type and the types derived from it) with
    /// `read`, then `wrap`s it; in a frame of its own, as [`ReadParticles::element_variant`].
    fn read_variant<T, E>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
        wrap: impl FnOnce(T) -> E,
    ) -> Result<E, Error>;

    /// Whether the element `start` opened is one of `T`'s (see [`XmlElement::matches`]): for enums that
    /// dispatch on the element name.
    fn is_element<T: XmlElement>(&self, start: &Start<'_>) -> bool;

    /// Calls `f` for every attribute of `start` ([`XmlReader::attributes`], the visitor as `dyn`).
    fn attributes_with(
        &self,
        start: &Start<'_>,
        f: &mut dyn FnMut(&Attr<'_>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error>;

    /// Refuses any attribute on `start` (an element of a simple type has nowhere to keep them).
    fn refuse_attributes(&self, start: &Start<'_>) -> Result<(), Error>;

    /// The value of a required attribute once all attributes are read: `value`, or the error
    /// `MissingAttribute { name }` at `start`'s tag when it was absent.
    fn required_attribute<T>(
        &self,
        start: &Start<'_>,
        value: Option<T>,
        name: &'static str,
    ) -> Result<T, Error>;
}

impl ReadParticles for XmlReader<'_> {
    #[inline]
    fn attributes_with(
        &self,
        start: &Start<'_>,
        f: &mut dyn FnMut(&Attr<'_>) -> Result<(), ErrorKind>,
    ) -> Result<(), Error> {
        self.attributes_dyn(start, f)
    }

    #[inline]
    fn refuse_attributes(&self, start: &Start<'_>) -> Result<(), Error> {
        self.no_attributes(start)
    }

    #[inline(always)]
    fn child<T: XmlRead>(&mut self) -> Result<T, Error> {
        let start = self.take()?;
        T::read_xml(self, start)
    }

    #[inline(always)]
    fn value_child<T: XmlValue>(&mut self) -> Result<T, Error> {
        let start = self.take()?;
        self.no_attributes(&start)?;
        self.read_value(&start)
    }

    #[inline(always)]
    fn required_with<T>(
        &mut self,
        parent: &Start<'_>,
        name: &'static str,
        mut accepts: impl FnMut(&[u8], &[u8]) -> bool,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        if !self.peek_dyn(&mut accepts)? {
            return Err(self.missing(parent, name));
        }
        read(self)
    }

    fn missing(&self, parent: &Start<'_>, name: &'static str) -> Error {
        self.error_at(parent.position(), ErrorKind::MissingElement { name })
    }

    #[inline(always)]
    fn optional_with<T>(
        &mut self,
        mut accepts: impl FnMut(&[u8], &[u8]) -> bool,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        if self.peek_dyn(&mut accepts)? {
            return match read(self) {
                Ok(value) => Ok(Some(value)),
                Err(e) => Err(e),
            };
        }
        Ok(None)
    }

    #[inline(always)]
    fn repeated_with<T>(
        &mut self,
        max: usize,
        mut accepts: impl FnMut(&[u8], &[u8]) -> bool,
        mut read: impl FnMut(&mut Self) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while items.len() < max && self.peek_dyn(&mut accepts)? {
            let before = self.progress();
            match read(self) {
                Ok(item) => items.push(item),
                Err(e) => return Err(e),
            }
            if self.progress() == before {
                break;
            }
        }
        Ok(items)
    }

    #[inline]
    fn at_least(
        &self,
        parent: &Start<'_>,
        name: &'static str,
        min: usize,
        found: usize,
    ) -> Result<(), Error> {
        self.lower_bound(parent, min, found, || match min {
            1 => ErrorKind::MissingElement { name },
            _ => ErrorKind::TooFewElements { name, min, found },
        })
    }

    #[inline]
    fn at_least_repetitions(
        &self,
        parent: &Start<'_>,
        group: &'static str,
        min: usize,
        found: usize,
    ) -> Result<(), Error> {
        self.lower_bound(parent, min, found, || ErrorKind::TooFewRepetitions { group, min, found })
    }

    fn element<T: XmlRead>(&mut self, parent: &Start<'_>, ns: &str, local: &'static str) -> Result<T, Error> {
        let start = self.expect_named(parent, ns, local)?;
        T::read_xml(self, start)
    }

    fn optional_element<T: XmlRead>(&mut self, ns: &str, local: &str) -> Result<Option<T>, Error> {
        match self.next_named(ns, local)? {
            Some(start) => match T::read_xml(self, start) {
                Ok(value) => Ok(Some(value)),
                Err(e) => Err(e),
            },
            None => Ok(None),
        }
    }

    fn optional_element_into<T: XmlRead>(
        &mut self,
        slot: &mut Option<T>,
        ns: &str,
        local: &str,
    ) -> Result<(), Error> {
        if let Some(start) = self.next_named(ns, local)? {
            match T::read_xml(self, start) {
                Ok(value) => *slot = Some(value),
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn elements_into<T: XmlRead>(&mut self, items: &mut Vec<T>, ns: &str, local: &str) -> Result<(), Error> {
        while let Some(start) = self.next_named(ns, local)? {
            match T::read_xml(self, start) {
                Ok(value) => items.push(value),
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn elements_within<T: XmlRead>(
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
            match T::read_xml(self, start) {
                Ok(item) => items.push(item),
                Err(e) => return Err(e),
            }
        }
        self.at_least(parent, local, min, items.len())?;
        Ok(items)
    }

    fn value_element<T: XmlValue>(
        &mut self,
        parent: &Start<'_>,
        ns: &str,
        local: &'static str,
    ) -> Result<T, Error> {
        let start = self.expect_named(parent, ns, local)?;
        self.no_attributes(&start)?;
        self.read_value(&start)
    }

    fn optional_value_element<T: XmlValue>(&mut self, ns: &str, local: &str) -> Result<Option<T>, Error> {
        match self.next_named_value(ns, local)? {
            Some(start) => match self.read_value(&start) {
                Ok(value) => Ok(Some(value)),
                Err(e) => Err(e),
            },
            None => Ok(None),
        }
    }

    fn optional_value_element_into<T: XmlValue>(
        &mut self,
        slot: &mut Option<T>,
        ns: &str,
        local: &str,
    ) -> Result<(), Error> {
        if let Some(start) = self.next_named_value(ns, local)? {
            match self.read_value(&start) {
                Ok(value) => *slot = Some(value),
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn value_elements_into<T: XmlValue>(
        &mut self,
        items: &mut Vec<T>,
        ns: &str,
        local: &str,
    ) -> Result<(), Error> {
        while let Some(start) = self.next_named_value(ns, local)? {
            match self.read_value(&start) {
                Ok(value) => items.push(value),
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn value_elements_within<T: XmlValue>(
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
            match self.read_value(&start) {
                Ok(item) => items.push(item),
                Err(e) => return Err(e),
            }
        }
        self.at_least(parent, local, min, items.len())?;
        Ok(items)
    }

    #[inline(never)]
    fn element_variant<T: XmlElement, E>(
        &mut self,
        start: Start<'_>,
        wrap: impl FnOnce(T) -> E,
    ) -> Result<E, Error> {
        match T::read_element(self, start) {
            Ok(value) => Ok(wrap(value)),
            Err(e) => Err(e),
        }
    }

    #[inline(never)]
    fn read_variant<T, E>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
        wrap: impl FnOnce(T) -> E,
    ) -> Result<E, Error> {
        match read(self) {
            Ok(value) => Ok(wrap(value)),
            Err(e) => Err(e),
        }
    }

    #[inline(always)]
    fn is_element<T: XmlElement>(&self, start: &Start<'_>) -> bool {
        T::matches(self.namespace_of(start), start.local_name())
    }

    #[inline]
    fn required_attribute<T>(
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

/// The lookahead the element helpers share. Not generic: each helper is left with only the call of
/// its type's reader (a copy of the lookahead per element type cost more to compile than it saved
/// reading).
impl<'a> XmlReader<'a> {
    /// Takes the next child element if it is `{ns}local` (`ns` empty for none).
    #[inline]
    pub(crate) fn next_named(&mut self, ns: &str, local: &str) -> Result<Option<Start<'a>>, Error> {
        if self.peek_is(ns, local.as_bytes())? {
            return self.take().map(Some);
        }
        Ok(None)
    }

    /// Takes the next child element, which must be `{ns}local`: the error `MissingElement` at
    /// `parent`'s start tag otherwise.
    #[inline]
    pub(crate) fn expect_named(
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
    /// [`ReadParticles::value_child`]).
    pub(crate) fn next_named_value(&mut self, ns: &str, local: &str) -> Result<Option<Start<'a>>, Error> {
        let Some(start) = self.next_named(ns, local)? else { return Ok(None) };
        self.no_attributes(&start)?;
        Ok(Some(start))
    }

    /// Refuses any attribute on `start` (an element of a simple type has nowhere to keep them).
    pub(crate) fn no_attributes(&self, start: &Start<'_>) -> Result<(), Error> {
        self.attributes_dyn(start, &mut |a| Err(a.unexpected()))
    }

    /// The one lower-bound check of [`ReadParticles::at_least`] and
    /// [`ReadParticles::at_least_repetitions`]: `found` below `min` is `short`'s error, at
    /// `parent`'s start tag.
    #[inline]
    fn lower_bound(
        &self,
        parent: &Start<'_>,
        min: usize,
        found: usize,
        short: impl FnOnce() -> ErrorKind,
    ) -> Result<(), Error> {
        match found >= min {
            true => Ok(()),
            false => Err(self.error_at(parent.position(), short())),
        }
    }
}

/// Parsing an attribute into the generated reader's slot for it.
pub trait ParseAttr {
    /// Parses the value into `slot` (see [`Attr::parse`]); for the attribute visitor of
    /// [`XmlReader::attributes`].
    fn parse_into<T: XmlValue>(&self, slot: &mut Option<T>) -> Result<(), ErrorKind>;

    /// As [`ParseAttr::parse_into`], for an attribute declared with the value `fixed`: another value
    /// is an error (see [`is_fixed_value`](super::is_fixed_value)).
    fn parse_fixed_into<T: XmlValue>(
        &self,
        slot: &mut Option<T>,
        fixed: &'static str,
        white_space: super::WhiteSpace,
    ) -> Result<(), ErrorKind>;
}

impl ParseAttr for Attr<'_> {
    #[inline(always)]
    fn parse_into<T: XmlValue>(&self, slot: &mut Option<T>) -> Result<(), ErrorKind> {
        // `Attr::parse`, written out: it would not be inlined at every one of these call sites.
        match T::parse_xml(&self.value) {
            Ok(value) => {
                self.check_prefixes(&value)?;
                *slot = Some(value);
                Ok(())
            }
            Err(error) => Err(self.invalid(error)),
        }
    }

    fn parse_fixed_into<T: XmlValue>(
        &self,
        slot: &mut Option<T>,
        fixed: &'static str,
        white_space: super::WhiteSpace,
    ) -> Result<(), ErrorKind> {
        let value = T::parse_xml(&self.value).map_err(|error| self.invalid(error))?;
        self.check_prefixes(&value)?;
        if !super::is_fixed_value(&value, fixed, white_space) {
            return Err(self.invalid(super::not_fixed(fixed, &self.value)));
        }
        *slot = Some(value);
        Ok(())
    }
}

/// Keeping the attributes an attribute wildcard matched.
pub trait KeepAttribute {
    /// Keeps an attribute the reader reported, with its name as written.
    fn push_read(&mut self, attr: &Attr<'_>);
}

impl KeepAttribute for AnyAttributes {
    #[inline]
    fn push_read(&mut self, attr: &Attr<'_>) {
        self.keep(attr);
    }
}
