//! Fragments: an element cut out of a document (documentation and logs show `<service>` taken from
//! a `<services>` body), read and written by naming its type, since a local element's name alone
//! does not say which type it has.

use crate::any::XmlName;
use crate::error::Error;
use crate::reader::{ReadOptions, Start, XmlReader};
use crate::roundtrip::{self, Report};
use crate::writer::XmlWriter;
use crate::{WithHints, XmlElement, XmlRead, XmlWrite};

/// An element of type `T` under whatever name it had: reading keeps the root's name, writing gives
/// the same root back.
///
/// ```
/// use enhanced_presence::service::ServiceType;
///
/// let xml = r#"<service xmlns="http://schemas.microsoft.com/2006/09/sip/service" uri="sip:a@b"/>"#;
/// let service = enhanced_presence::from_str_as::<ServiceType>(xml)?;
/// assert_eq!(service.value.uri, "sip:a@b");
/// assert_eq!(enhanced_presence::to_string(&service)?, xml);
/// # Ok::<(), enhanced_presence::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fragment<T> {
    /// The root element's name (its prefix is not kept: it is written in default-namespace style).
    pub name: XmlName,
    /// Its content, read as `T`.
    pub value: T,
}

impl<T: XmlRead + XmlWrite> XmlElement for Fragment<T> {
    /// Any name: the type, not the name, says what the element is.
    fn matches(_: &[u8], _: &[u8]) -> bool {
        true
    }

    fn expected() -> &'static str {
        "any element"
    }

    fn read_element(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Self, Error> {
        Ok(Fragment { name: root_name(r, &start), value: T::read_xml(r, start)? })
    }

    fn write_element(&self, w: &mut XmlWriter) {
        self.value.write_xml(w, self.name.namespace.as_deref(), &self.name.local);
    }
}

/// Parses a fragment: a document whose root element, whatever its name, has type `T`.
pub fn from_str_as<T: XmlRead + XmlWrite>(xml: &str) -> Result<Fragment<T>, Error> {
    crate::from_str(xml)
}

/// A generated type found by name, for tools that choose the type at run time (`epgen fmt --type`):
/// generated code lists every type an element can have in a `TYPES` table.
#[derive(Debug, Clone, Copy)]
pub struct NamedType {
    /// The Rust path below the generated modules, e.g. `service::ServiceType`.
    pub rust: &'static str,
    /// The XSD type it maps, `{namespace}local` (`local` in no namespace). An element's anonymous
    /// type is listed under the name its Rust type was derived from, with `None` for those of global
    /// elements (read the element itself instead).
    pub xsd: Option<&'static str>,
    /// Reads the element `start` opened as this type. The only code generated per type: the rest
    /// of reading and writing a fragment is shared (a table of many types stays cheap to compile).
    read: ReadBoxed,
}

/// Reads an element as one type, boxed to be written back without naming the type.
type ReadBoxed = fn(&mut XmlReader<'_>, Start<'_>) -> Result<Box<dyn WriteAs>, Error>;

/// A value of a type chosen at run time, written under a given name.
trait WriteAs {
    fn write_as(&self, w: &mut XmlWriter, ns: Option<&str>, local: &str);
}

impl<T: XmlWrite> WriteAs for T {
    fn write_as(&self, w: &mut XmlWriter, ns: Option<&str>, local: &str) {
        self.write_xml(w, ns, local);
    }
}

fn read_boxed<T: XmlRead + XmlWrite + 'static>(
    r: &mut XmlReader<'_>,
    start: Start<'_>,
) -> Result<Box<dyn WriteAs>, Error> {
    Ok(Box::new(T::read_xml(r, start)?))
}

impl NamedType {
    /// The entry for `T` (what generated tables are made of).
    pub const fn of<T: XmlRead + XmlWrite + 'static>(rust: &'static str, xsd: Option<&'static str>) -> Self {
        NamedType { rust, xsd, read: read_boxed::<T> }
    }

    /// Reads a fragment of this type (as [`from_str_as`] does, keeping its hints and DOCTYPE as
    /// [`WithHints`] does) and writes it back, compact or indented (`pretty`).
    pub fn format(&self, xml: &str, pretty: bool) -> Result<String, Error> {
        self.format_untyped(xml, pretty).map(|(text, _)| text)
    }

    /// [`NamedType::format`], with the paths of the elements no type read.
    fn format_untyped(&self, xml: &str, pretty: bool) -> Result<(String, Vec<String>), Error> {
        let options = ReadOptions::default();
        let xml = crate::reader::line_ends_normalised(xml, &options);
        let mut r = XmlReader::new(&xml, options);
        let start = r.root()?;
        let hints = WithHints::take(&mut r, &start)?;
        let name = root_name(&r, &start);
        let value = (self.read)(&mut r, start)?;
        r.end_document()?;
        let mut w = if pretty { XmlWriter::pretty() } else { XmlWriter::new() };
        hints.write_prolog(&mut w);
        value.write_as(&mut w, name.namespace.as_deref(), &name.local);
        Ok((w.finish()?, r.untyped_paths()))
    }

    /// Runs the round-trip contract ([`roundtrip::check_as`]) on a fragment of this type.
    pub fn check(&self, xml: &str) -> Report {
        roundtrip::check_with(xml, |xml| self.format_untyped(xml, false))
    }
}

/// The root element's expanded name.
fn root_name(r: &XmlReader<'_>, start: &Start<'_>) -> XmlName {
    let ns = String::from_utf8_lossy(r.namespace_of(start)).into_owned();
    let local = String::from_utf8_lossy(start.local_name()).into_owned();
    XmlName { namespace: (!ns.is_empty()).then_some(ns), prefix: None, local }
}

/// The type `name` names in `types`: its Rust path (`service::ServiceType`, a leading `crate::` or
/// module path of the generated code ignored) or its XSD name (`{namespace}local`). `Err` lists the
/// candidates when the name is ambiguous or the closest ones when nothing matches.
pub fn find_type<'t>(types: &'t [NamedType], name: &str) -> Result<&'t NamedType, String> {
    let rust_match = |t: &&NamedType| name == t.rust || name.ends_with(&format!("::{}", t.rust));
    let found: Vec<&NamedType> = match types.iter().filter(rust_match).collect::<Vec<_>>() {
        by_rust if !by_rust.is_empty() => by_rust,
        _ => types.iter().filter(|t| t.xsd == Some(name)).collect(),
    };
    match found.as_slice() {
        [one] => Ok(one),
        [] => {
            let last = |s: &str| s.rsplit([':', '}']).next().unwrap_or(s).to_lowercase();
            let wanted = last(name);
            let near: Vec<&str> = types
                .iter()
                .filter(|t| {
                    let candidate = last(t.rust);
                    !wanted.is_empty() && candidate.contains(&wanted)
                        || edit_distance(&candidate, &wanted) <= 2
                })
                .map(|t| t.rust)
                .take(8)
                .collect();
            match near.is_empty() {
                true => Err(format!("no generated type is named {name:?}")),
                false => Err(format!("no generated type is named {name:?}; similar: {}", near.join(", "))),
            }
        }
        many => {
            let names: Vec<&str> = many.iter().map(|t| t.rust).collect();
            Err(format!("{name:?} names several types ({}): give the Rust path", names.join(", ")))
        }
    }
}

/// The Levenshtein distance between `a` and `b`, in characters (for suggesting a type name).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}
