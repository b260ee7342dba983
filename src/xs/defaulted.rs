//! Elements declared with a `default` (or `fixed`) value: an empty element takes that value (as its
//! text, when its type is a complex type with simple or mixed content).

use std::ops::Deref;

use crate::error::Error;
use crate::reader::{Start, XmlReader};
use crate::value::XmlValue;
use crate::writer::{DeclaredText, XmlWriter};
use crate::{XmlRead, XmlWrite};

/// The value of an element whose declaration gives a default (or fixed) value, of a simple type or
/// of a complex type with simple or mixed content. An empty element has that value (of a complex
/// type: as its text, with the attributes it has); which of the two the document wrote is kept, so
/// that an empty element is written empty again. Read it through `Deref` (`*x`, `x.get()`); to
/// change it, assign a new `Defaulted::Value`. (A `Value` whose text is empty reads back as
/// `Default`: XML Schema gives an empty element the declared value.)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Defaulted<T> {
    /// The element was empty: its value is the declared one, and it is written empty.
    Default(T),
    /// The element's own content.
    Value(T),
}

impl<T> Defaulted<T> {
    /// The value, declared or written.
    pub fn get(&self) -> &T {
        match self {
            Defaulted::Default(v) | Defaulted::Value(v) => v,
        }
    }

    /// Whether the element was empty and took the declared value.
    pub fn is_default(&self) -> bool {
        matches!(self, Defaulted::Default(_))
    }

    /// The value, declared or read.
    pub fn into_inner(self) -> T {
        match self {
            Defaulted::Default(v) | Defaulted::Value(v) => v,
        }
    }
}

impl<T> Defaulted<T> {
    /// How the writer writes the element's text: none when it took the declared value.
    fn declared_text(&self) -> DeclaredText {
        match self {
            Defaulted::Default(_) => DeclaredText::Omitted,
            Defaulted::Value(_) => DeclaredText::NotEmpty,
        }
    }
}

impl<T> Deref for Defaulted<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.get()
    }
}

impl<T> From<T> for Defaulted<T> {
    fn from(value: T) -> Self {
        Defaulted::Value(value)
    }
}

impl<T: XmlValue> Defaulted<T> {
    /// Reads the text content of the element `start` opened: the declared value `default` when the
    /// element is empty, the text otherwise.
    #[doc(hidden)]
    pub fn read(r: &mut XmlReader<'_>, start: &Start<'_>, default: &str) -> Result<Self, Error> {
        let text = r.read_text()?;
        Self::from_text(r, start, &text, default)
    }

    /// As [`Defaulted::read`], for an element declared with the value `fixed`: text of another
    /// value is an error.
    #[doc(hidden)]
    pub fn read_fixed(
        r: &mut XmlReader<'_>,
        start: &Start<'_>,
        fixed: &'static str,
        white_space: crate::__private::WhiteSpace,
    ) -> Result<Self, Error> {
        let text = r.read_text()?;
        let value = Self::from_text(r, start, &text, fixed)?;
        if let Defaulted::Value(v) = &value {
            if !crate::__private::is_fixed_value(v, fixed, white_space) {
                return Err(r.invalid_content(start, crate::__private::not_fixed(fixed, &text)));
            }
        }
        Ok(value)
    }

    /// The value of an element whose text is `text`: `declared` when it is empty.
    fn from_text(r: &XmlReader<'_>, start: &Start<'_>, text: &str, declared: &str) -> Result<Self, Error> {
        if text.is_empty() {
            return T::parse_xml(declared)
                .map(Defaulted::Default)
                .map_err(|error| r.invalid_content(start, error));
        }
        let value = T::parse_xml(text).map_err(|error| r.invalid_content(start, error))?;
        // The declared value's prefixes are the schema's; the document's must be declared in it.
        r.check_prefixes(start, &value, text)?;
        Ok(Defaulted::Value(value))
    }

    /// Writes the element `{ns}local`: empty when it took the declared value.
    #[doc(hidden)]
    pub fn write(&self, w: &mut XmlWriter, ns: Option<&str>, local: &str) {
        w.start(ns, local);
        w.set_declared_text(self.declared_text());
        w.text_value(self.get());
        w.end();
    }
}

impl<T: XmlRead> Defaulted<T> {
    /// Reads the element `start` opened, of a complex type with simple or mixed content (a type
    /// whose reader reads its attributes, then its text through [`XmlReader::read_value`] or its
    /// content through [`crate::any::read_nodes`]): when it is empty, its text is the declared value
    /// `declared`.
    #[doc(hidden)]
    pub fn read_content(
        r: &mut XmlReader<'_>,
        start: Start<'_>,
        declared: &'static str,
    ) -> Result<Self, Error> {
        let (value, read) = r.read_with_declared_text(declared, false, |r| T::read_xml(r, start))?;
        Ok(if read.taken { Defaulted::Default(value) } else { Defaulted::Value(value) })
    }

    /// As [`Defaulted::read_content`], for an element declared with the value `fixed`, of a type
    /// whose simple content is a `V`: text of another value is an error.
    #[doc(hidden)]
    pub fn read_content_fixed<V: XmlValue>(
        r: &mut XmlReader<'_>,
        start: Start<'_>,
        fixed: &'static str,
        white_space: crate::__private::WhiteSpace,
    ) -> Result<Self, Error> {
        let (pos, name) = (start.position(), start.display_name());
        let (value, read) = r.read_with_declared_text(fixed, true, |r| T::read_xml(r, start))?;
        if read.taken {
            return Ok(Defaulted::Default(value));
        }
        // The type's reader has parsed the text as its content already: it is a `V`.
        if let Some(content) = read.text.as_deref().and_then(|text| V::parse_xml(text).ok()) {
            if !crate::__private::is_fixed_value(&content, fixed, white_space) {
                let error = crate::__private::not_fixed(fixed, read.text.as_deref().unwrap_or_default());
                return Err(r.error_at(pos, crate::ErrorKind::InvalidValue { name, error }));
            }
        }
        Ok(Defaulted::Value(value))
    }

    /// As [`Defaulted::read_content`], for an element of a type with mixed content declared with
    /// the value `fixed`: XSD then allows no child elements, and text that is not `fixed` as written
    /// (mixed content's text is a string: no white space is normalised) is an error
    /// (Validation Rule "Element Locally Valid (Element)" 5.2.2).
    #[doc(hidden)]
    pub fn read_mixed_fixed(
        r: &mut XmlReader<'_>,
        start: Start<'_>,
        fixed: &'static str,
    ) -> Result<Self, Error> {
        let (pos, name) = (start.position(), start.display_name());
        let (value, read) = r.read_with_declared_text(fixed, true, |r| T::read_xml(r, start))?;
        if read.taken {
            return Ok(Defaulted::Default(value));
        }
        let text = read.text.unwrap_or_default();
        let error = if read.children {
            crate::ValueError::with_reason(fixed, &text, crate::__private::NO_CHILD_ELEMENTS)
        } else if text != fixed {
            crate::__private::not_fixed(fixed, &text)
        } else {
            return Ok(Defaulted::Value(value));
        };
        Err(r.error_at(pos, crate::ErrorKind::InvalidValue { name, error }))
    }
}

impl<T: XmlWrite> Defaulted<T> {
    /// Writes the element `{ns}local` of a complex type with simple or mixed content: with its
    /// attributes, and without its content when it took the declared value.
    #[doc(hidden)]
    pub fn write_content(&self, w: &mut XmlWriter, ns: Option<&str>, local: &str) {
        w.set_declared_text(self.declared_text());
        self.get().write_xml(w, ns, local);
        // Cleared even if the type wrote no text (it always does), so nothing else takes it.
        w.set_declared_text(DeclaredText::Own);
    }
}

/// Whether `T` reads a space as a value whose text is empty (a list, binary data: types whose white
/// space collapses), so that a value of empty text can be written distinct from an empty element.
pub(crate) fn is_white_space_of_empty<T: XmlValue>() -> bool {
    T::parse_xml(" ").is_ok_and(|v| {
        let mut text = String::new();
        v.write_xml(&mut text);
        text.is_empty()
    })
}

/// A `Value` whose text is not empty (an empty element would read back as the declared value, which
/// this impl does not know; generated code makes `Default`s too, through
/// `arbitrary_support::defaulted`).
#[cfg(feature = "arbitrary")]
impl<'a, T> crate::arbitrary_support::XmlArbitrary<'a> for Defaulted<T>
where
    T: crate::arbitrary_support::XmlArbitrary<'a> + XmlValue,
{
    fn xml_arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let value = T::xml_arbitrary(u)?;
        if crate::arbitrary_support::lexical(&value).is_empty() {
            return Err(arbitrary::Error::IncorrectFormat);
        }
        Ok(Defaulted::Value(value))
    }
}
