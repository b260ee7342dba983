//! Elements that name their type with `xsi:type` although it is not read as a family (an enum over a
//! complex type and its derived types): code generated with `keep_xsi_type`.

use std::ops::{Deref, DerefMut};

use crate::writer::XmlWriter;

/// The value of an element with the `xsi:type` it carried, if any.
///
/// The element's type is a simple type or a complex type with no derived types, so a valid
/// `xsi:type` names it or a simple type restricting it (`xs:int` on an `xs:decimal` element, a
/// member of a union, a user restriction), whose values are values of the declared type. The value
/// is therefore read as the declared type (a union picks its member from the text as usual, not
/// from `xsi:type`), and the named type is kept as written, not checked against the schema. It is
/// written back as `xsi:type` on the element, declaring the prefix it needs.
///
/// Read and change the value through `Deref` (`*x`) or `x.value`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Typed<T> {
    /// The type `xsi:type` named: its namespace URI (`None` for no namespace) and local name.
    pub xsi_type: Option<(Option<String>, String)>,
    /// The element's value, read as the declared type.
    pub value: T,
}

impl<T> Typed<T> {
    /// A value whose element names its type `{ns}local` with `xsi:type`.
    pub fn with_type(value: T, ns: Option<&str>, local: &str) -> Self {
        Typed { xsi_type: Some((ns.map(str::to_owned), local.to_owned())), value }
    }

    /// The value, without the type.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// Queues the `xsi:type` for the element written next, and returns the value to write in it.
    #[doc(hidden)]
    pub fn write_xsi_type(&self, w: &mut XmlWriter) -> &T {
        if let Some((ns, local)) = &self.xsi_type {
            w.xsi_type_next(ns.as_deref(), local);
        }
        &self.value
    }
}

impl<T> Deref for Typed<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Typed<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

/// A value whose element has no `xsi:type`.
impl<T> From<T> for Typed<T> {
    fn from(value: T) -> Self {
        Typed { xsi_type: None, value }
    }
}

#[cfg(feature = "arbitrary")]
impl<'a, T: crate::arbitrary_support::XmlArbitrary<'a>> crate::arbitrary_support::XmlArbitrary<'a>
    for Typed<T>
{
    /// Without an `xsi:type`: a valid one names a type of the schema, which only generated code
    /// knows (it gives the element's declared type, see `arbitrary_support::declared_type`).
    fn xml_arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Typed::from(T::xml_arbitrary(u)?))
    }
}
