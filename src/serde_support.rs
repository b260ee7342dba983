//! serde support (feature `serde`): `Serialize` and `Deserialize` for every runtime type generated
//! code holds, so that a typed document goes to JSON (or another self-describing serde format) and
//! back to the same value, which writes the same XML. Generated types get them from
//! `Config::serde` in the generator (this crate's own types when its `serde` feature is on).
//!
//! What each type becomes, in JSON:
//!
//! | type | JSON |
//! | --- | --- |
//! | the `xs` value types (`DateTime`, `Decimal`, `Duration`, `Base64Binary`, `QNameValue`, …) and generated simple types (enumerations, unions, restrictions) | a string: the XML lexical form, read back by the same parser as XML, so facets are checked and `Z` stays distinct from `+00:00` |
//! | `bool`, integers, `f32`/`f64`, `String`, lists | serde's own forms |
//! | [`Nillable<T>`](crate::xs::Nillable) | `{"Value": T}`, `{"NotNil": T}` or `{"Nil": [attributes]}` |
//! | [`Defaulted<T>`](crate::xs::Defaulted) | `{"Default": T}` (written as an empty element, which reads back as the declared value whatever `T` held: give another value as `Value`) or `{"Value": T}` |
//! | [`Typed<T>`](crate::xs::Typed) | `{"xsi_type": [namespace, local] or null, "value": T}` |
//! | [`AnyAttributes`](crate::AnyAttributes) | `[{"name": {"namespace": …, "prefix": …, "local": …}, "value": …}, …]` |
//! | [`AnyElement`] | `{"name": …, "namespaces": [[prefix, uri], …], "attributes": […], "children": […]}`, a child being a string (text) or an element |
//! | [`Custom`] (a registered custom element) | its XML, a string; read back through the registry, so its type must be registered |
//! | generated structs and enums | serde's derives: fields by their Rust names, enum variants as `{"Variant": …}` |
//!
//! Limits: JSON has no NaN or infinity, and serde_json writes them (`xs:float`/`xs:double` allow
//! them) as `null`, which does not read back as a number. [`AnyElement`] content nested deeper than
//! [`MAX_DEPTH`] elements is an error both ways, as serde recurses; serde_json also stops reading
//! at 128 nested arrays and objects (an element takes two) unless told otherwise (its
//! `unbounded_depth` feature).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeSeq, SerializeStruct};

use crate::any::{AnyAttribute, AnyElement, AnyNode, XmlName};
use crate::error::Error;
use crate::reader::{Start, XmlReader};
use crate::registry::{self, Custom};
use crate::value::XmlValue;
use crate::writer::XmlWriter;
use crate::xs;
use crate::{Doctype, WithHints, XmlElement};

// What `serde_text!` expands to names, wherever it is used.
#[doc(hidden)]
pub use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How deep [`AnyElement`] content may nest through serde (the reader's default `max_depth`):
/// serializing and deserializing recurse, and this bounds the stack they take.
pub const MAX_DEPTH: usize = 256;

/// Implements `Serialize` and `Deserialize` for types through their XML lexical form
/// ([`XmlValue`]): a string. Generated code uses it for simple types.
#[doc(hidden)]
#[macro_export]
macro_rules! serde_text {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::serde_support::Serialize for $ty {
            fn serialize<S: $crate::serde_support::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::serde_support::serialize_text(self, serializer)
            }
        }

        impl<'de> $crate::serde_support::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::serde_support::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::serde_support::deserialize_text(deserializer)
            }
        }
    )*};
}

serde_text!(
    xs::DateTime,
    xs::Date,
    xs::Time,
    xs::GYear,
    xs::GYearMonth,
    xs::GMonth,
    xs::GDay,
    xs::GMonthDay,
    xs::Duration,
    xs::Decimal,
    xs::Integer,
    xs::NonNegativeInteger,
    xs::NonPositiveInteger,
    xs::PositiveInteger,
    xs::NegativeInteger,
    xs::Base64Binary,
    xs::HexBinary,
    xs::QNameValue,
    xs::Name,
    xs::NCName,
    xs::NMToken,
    xs::Language,
);

/// Serializes `value` as its XML lexical form.
#[doc(hidden)]
pub fn serialize_text<T: XmlValue, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut text = String::new();
    value.write_xml(&mut text);
    serializer.serialize_str(&text)
}

/// Deserializes a value from its XML lexical form, as reading it from XML would.
#[doc(hidden)]
pub fn deserialize_text<'de, T: XmlValue, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct Text<T>(PhantomData<T>);

    impl<T: XmlValue> Visitor<'_> for Text<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string holding an XML Schema value")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
            T::parse_xml(text).map_err(E::custom)
        }
    }

    deserializer.deserialize_str(Text(PhantomData))
}

impl Serialize for AnyElement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ElementAt { element: self, depth: 1 }.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AnyElement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("AnyElement", ElementFields::NAMES, ElementVisitor { depth: 1 })
    }
}

/// Text is a string, an element an object: content reads as it looks.
impl Serialize for AnyNode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AnyNode::Text(text) => serializer.serialize_str(text),
            AnyNode::Element(element) => element.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for AnyNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        NodeSeed { depth: 0 }.deserialize(deserializer)
    }
}

fn too_deep() -> String {
    format!("AnyElement content nested deeper than {MAX_DEPTH} elements")
}

/// An element `depth` levels down its tree.
struct ElementAt<'a> {
    element: &'a AnyElement,
    depth: usize,
}

impl Serialize for ElementAt<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.depth > MAX_DEPTH {
            return Err(ser::Error::custom(too_deep()));
        }
        let e = self.element;
        let mut s = serializer.serialize_struct("AnyElement", 4)?;
        s.serialize_field("name", &e.name)?;
        s.serialize_field("namespaces", &e.namespaces)?;
        s.serialize_field("attributes", &e.attributes)?;
        s.serialize_field("children", &ChildrenAt { children: &e.children, depth: self.depth })?;
        s.end()
    }
}

/// The children of an element `depth` levels down.
struct ChildrenAt<'a> {
    children: &'a [AnyNode],
    depth: usize,
}

impl Serialize for ChildrenAt<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_seq(Some(self.children.len()))?;
        for child in self.children {
            match child {
                AnyNode::Text(text) => s.serialize_element(text)?,
                AnyNode::Element(element) => {
                    s.serialize_element(&ElementAt { element, depth: self.depth + 1 })?
                }
            }
        }
        s.end()
    }
}

#[derive(serde::Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum ElementFields {
    Name,
    Namespaces,
    Attributes,
    Children,
}

impl ElementFields {
    const NAMES: &'static [&'static str] = &["name", "namespaces", "attributes", "children"];
}

/// Reads an element `depth` levels down; `namespaces`, `attributes` and `children` may be left out.
struct ElementVisitor {
    depth: usize,
}

impl<'de> Visitor<'de> for ElementVisitor {
    type Value = AnyElement;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an element: name, namespaces, attributes and children")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnyElement, A::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(too_deep()));
        }
        let mut name: Option<XmlName> = None;
        let mut element = AnyElement::default();
        while let Some(field) = map.next_key()? {
            match field {
                ElementFields::Name => name = Some(map.next_value()?),
                ElementFields::Namespaces => element.namespaces = map.next_value()?,
                ElementFields::Attributes => element.attributes = map.next_value::<Vec<AnyAttribute>>()?,
                ElementFields::Children => {
                    element.children = map.next_value_seed(ChildrenSeed { depth: self.depth })?
                }
            }
        }
        element.name = name.ok_or_else(|| de::Error::missing_field("name"))?;
        Ok(element)
    }
}

/// The children of an element `depth` levels down.
struct ChildrenSeed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for ChildrenSeed {
    type Value = Vec<AnyNode>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ChildrenSeed {
    type Value = Vec<AnyNode>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of text and elements")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut children = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(child) = seq.next_element_seed(NodeSeed { depth: self.depth })? {
            children.push(child);
        }
        Ok(children)
    }
}

/// A child (text or element) of an element `depth` levels down.
struct NodeSeed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = AnyNode;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed {
    type Value = AnyNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text (a string) or an element (an object)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<AnyNode, E> {
        Ok(AnyNode::Text(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<AnyNode, E> {
        Ok(AnyNode::Text(text))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AnyNode, A::Error> {
        ElementVisitor { depth: self.depth + 1 }.visit_map(map).map(AnyNode::Element)
    }
}

/// A custom element as the XML it writes: its Rust type is known only to the registry.
impl Serialize for Custom {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut w = XmlWriter::new();
        self.write(&mut w);
        serializer.serialize_str(&w.finish().map_err(ser::Error::custom)?)
    }
}

impl<'de> Deserialize<'de> for Custom {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let xml = String::deserialize(deserializer)?;
        crate::from_str::<Registered>(&xml).map(|r| r.0).map_err(de::Error::custom)
    }
}

/// A document whose root is an element of a registered type.
struct Registered(Custom);

impl XmlElement for Registered {
    fn matches(ns: &[u8], local: &[u8]) -> bool {
        registry::lookup(ns, local).is_some()
    }

    fn expected() -> &'static str {
        "an element of a registered custom type"
    }

    fn read_element(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Self, Error> {
        match registry::lookup(r.namespace_of(&start), start.local_name()) {
            Some(read) => read(r, start).map(Registered),
            None => Err(r.unexpected(&start, Self::expected())),
        }
    }

    fn write_element(&self, w: &mut XmlWriter) {
        self.0.write(w)
    }
}

/// `WithHints` as derived `Serialize` writes it, with the version owned: a derived `Deserialize`
/// would borrow the `&'static str` from the input, which would then have to live forever.
#[derive(serde::Deserialize)]
#[serde(rename = "WithHints")]
struct OwnedHints<T> {
    root: T,
    schema_location: Option<String>,
    no_namespace_schema_location: Option<String>,
    doctype: Option<Doctype>,
    xml_version: Option<String>,
    #[serde(default)]
    element_hints: Vec<crate::ElementHint>,
    #[serde(default)]
    namespaces: Vec<crate::NamespaceDeclaration>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for WithHints<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let OwnedHints {
            root,
            schema_location,
            no_namespace_schema_location,
            doctype,
            xml_version,
            element_hints,
            namespaces,
        } = OwnedHints::deserialize(deserializer)?;
        let xml_version = match xml_version.as_deref() {
            None => None,
            // The only version other than 1.0 there is.
            Some("1.1") => Some("1.1"),
            Some(other) => {
                return Err(de::Error::invalid_value(de::Unexpected::Str(other), &"null or \"1.1\""))
            }
        };
        Ok(WithHints {
            root,
            schema_location,
            no_namespace_schema_location,
            doctype,
            xml_version,
            element_hints,
            namespaces,
        })
    }
}
