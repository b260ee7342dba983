//! Elements declared with a `default` (or `fixed`) value: an empty element takes that value.

use std::ops::Deref;

use crate::error::Error;
use crate::reader::{Start, XmlReader};
use crate::value::XmlValue;
use crate::writer::XmlWriter;

/// The value of a simple-typed element whose declaration gives a default (or fixed) value. An empty
/// element has that value; which of the two the document wrote is kept, so that an empty element is
/// written empty again. Read it through `Deref` (`*x`, `x.get()`); to change it, assign a new
/// `Defaulted::Value`. (A `Value` whose text is empty reads back as `Default`: XML Schema gives an
/// empty element the declared value.)
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
        let (lexical, wrap): (&str, fn(T) -> Self) =
            if text.is_empty() { (default, Defaulted::Default) } else { (&text, Defaulted::Value) };
        T::parse_xml(lexical).map(wrap).map_err(|error| r.invalid_content(start, error))
    }

    /// Writes the element `{ns}local`: empty when it took the declared value.
    #[doc(hidden)]
    pub fn write(&self, w: &mut XmlWriter, ns: Option<&str>, local: &str) {
        w.start(ns, local);
        if let Defaulted::Value(v) = self {
            if !w.text_value_written(v) && is_white_space_of_empty::<T>() {
                // An empty list (or binary value) read from ` `: empty, the element would read back
                // as the declared value.
                w.text(" ");
            }
        }
        w.end();
    }
}

/// Whether `T` reads a space as a value whose text is empty (a list, binary data: types whose white
/// space collapses), so that a value of empty text can be written distinct from an empty element.
fn is_white_space_of_empty<T: XmlValue>() -> bool {
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
