//! The Rust types XML Schema's built-in simple types map to.

use crate::model::QName;

/// How a built-in type is represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin {
    /// The Rust type: a primitive, `String`, or a path under the runtime's `xs` module.
    pub rust: &'static str,
    /// Whether `rust` is relative to the runtime's `xs` module.
    pub in_runtime: bool,
    /// Whether it implements `Default`.
    pub has_default: bool,
    /// Whether any text is a valid value (so a union can fall back to it).
    pub accepts_any_text: bool,
    /// For a `String` type whose values are not any text (`normalizedString`, `token`, `anyURI`,
    /// and `ID`, `IDREF` and `ENTITY` as the `NCName`s they are): its XSD name. The reader takes any
    /// text; `arbitrary` makes only valid values.
    pub narrower_string: Option<&'static str>,
    /// For the name types (`Name`, `NCName`, `NMTOKEN`, `language`), the runtime's checked strings:
    /// the XSD name. A value is its text without the white space around it.
    pub name_type: Option<&'static str>,
    /// For the built-in list types (`NMTOKENS`, `IDREFS`, `ENTITIES`): the XSD name of an item's
    /// type, for `arbitrary` (an item is one token, not any text).
    pub list_item: Option<&'static str>,
}

impl Builtin {
    /// Whether it is `xs::Decimal`, `xs::Integer` or one of the runtime's bounded integers: the
    /// decimal types the runtime represents exactly, which order by `PartialOrd` and count their
    /// digits (`xs::FacetDigits`).
    pub fn is_runtime_decimal(&self) -> bool {
        self.in_runtime && (self.rust == "Decimal" || self.rust.ends_with("Integer"))
    }
}

const fn b(rust: &'static str, in_runtime: bool, has_default: bool, accepts_any_text: bool) -> Builtin {
    Builtin {
        rust,
        in_runtime,
        has_default,
        accepts_any_text,
        narrower_string: None,
        name_type: None,
        list_item: None,
    }
}

/// A `String` whose values are only some texts (see `Builtin::narrower_string`). `ID`, `IDREF` and
/// `ENTITY` are among them rather than name types: their validity depends mostly on the rest of the
/// document (an `ID` unique in it, an `IDREF` naming one), which a reader of one value cannot see.
const fn narrower(xsd: &'static str) -> Builtin {
    Builtin { narrower_string: Some(xsd), ..b("::std::string::String", false, true, true) }
}

/// A name type, `rust` in the runtime (see `Builtin::name_type`). An empty text is no name, so it
/// has no `Default`.
const fn name(rust: &'static str, xsd: &'static str) -> Builtin {
    Builtin { name_type: Some(xsd), ..b(rust, true, false, false) }
}

/// A built-in list of names (see `Builtin::list_item`), `rust` a `Vec`.
const fn name_list(rust: &'static str, item: &'static str) -> Builtin {
    Builtin { list_item: Some(item), ..b(rust, false, true, false) }
}

/// Whether `name` is a built-in type: `xs:anyType` or a built-in simple type. Other names in the XSD
/// namespace are types of the schema for schemas (`xs:namespaceList`), defined like any other.
pub fn is_builtin_type(name: &QName) -> bool {
    name.is_builtin() && (name.local == "anyType" || builtin(&name.local).is_some())
}

/// The mapping for `xs:{local}`, or `None` for names that are not built-in simple types.
pub fn builtin(local: &str) -> Option<Builtin> {
    Some(match local {
        "string" | "NOTATION" | "anySimpleType" => b("::std::string::String", false, true, true),
        // Read as any text (see `narrower`), made as the names they are.
        "ID" | "IDREF" | "ENTITY" => narrower("NCName"),
        "normalizedString" => narrower("normalizedString"),
        "token" => narrower("token"),
        "anyURI" => narrower("anyURI"),
        "language" => name("Language", "language"),
        "Name" => name("Name", "Name"),
        "NCName" => name("NCName", "NCName"),
        "NMTOKEN" => name("NMToken", "NMTOKEN"),
        "IDREFS" | "ENTITIES" => name_list("::std::vec::Vec<::std::string::String>", "NCName"),
        "NMTOKENS" => name_list("::std::vec::Vec<NMToken>", "NMTOKEN"),
        "boolean" => b("bool", false, true, false),
        "float" => b("f32", false, true, false),
        "double" => b("f64", false, true, false),
        "decimal" => b("Decimal", true, true, false),
        "integer" => b("Integer", true, true, false),
        "nonNegativeInteger" => b("NonNegativeInteger", true, false, false),
        "positiveInteger" => b("PositiveInteger", true, false, false),
        "nonPositiveInteger" => b("NonPositiveInteger", true, false, false),
        "negativeInteger" => b("NegativeInteger", true, false, false),
        "long" => b("i64", false, true, false),
        "int" => b("i32", false, true, false),
        "short" => b("i16", false, true, false),
        "byte" => b("i8", false, true, false),
        "unsignedLong" => b("u64", false, true, false),
        "unsignedInt" => b("u32", false, true, false),
        "unsignedShort" => b("u16", false, true, false),
        "unsignedByte" => b("u8", false, true, false),
        "dateTime" => b("DateTime", true, false, false),
        "date" => b("Date", true, false, false),
        "time" => b("Time", true, false, false),
        "gYear" => b("GYear", true, false, false),
        "gYearMonth" => b("GYearMonth", true, false, false),
        "gMonth" => b("GMonth", true, false, false),
        "gDay" => b("GDay", true, false, false),
        "gMonthDay" => b("GMonthDay", true, false, false),
        "duration" => b("Duration", true, false, false),
        "base64Binary" => b("Base64Binary", true, true, false),
        "hexBinary" => b("HexBinary", true, true, false),
        "QName" => b("QNameValue", true, false, false),
        _ => return None,
    })
}
