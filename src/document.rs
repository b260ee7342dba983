//! Whole-document entry points.

use std::io::Read;

use crate::error::{Error, ErrorKind};
use crate::reader::{ReadOptions, XmlReader};
use crate::writer::XmlWriter;
use crate::XmlElement;

/// Parses a document whose root is a `T` (a global element or a document type).
pub fn from_str<T: XmlElement>(xml: &str) -> Result<T, Error> {
    from_str_with(xml, ReadOptions::default())
}

/// Parses a document with explicit limits.
pub fn from_str_with<T: XmlElement>(xml: &str, options: ReadOptions) -> Result<T, Error> {
    let mut r = XmlReader::new(xml, options);
    let start = r.root()?;
    let ns = r.namespace_of(&start);
    if !T::matches(ns, start.local_name()) {
        let found = match std::str::from_utf8(ns) {
            Ok("") | Err(_) => String::from_utf8_lossy(start.local_name()).into_owned(),
            Ok(ns) => format!("{{{ns}}}{}", String::from_utf8_lossy(start.local_name())),
        };
        return Err(
            r.error_at(start.position(), ErrorKind::UnexpectedRoot { found, expected: T::expected() })
        );
    }
    let value = T::read_element(&mut r, start)?;
    r.end_document()?;
    Ok(value)
}

/// Parses a document from bytes, which must be UTF-8.
pub fn from_slice<T: XmlElement>(xml: &[u8]) -> Result<T, Error> {
    match std::str::from_utf8(xml) {
        Ok(text) => from_str(text),
        Err(e) => {
            let valid = e.valid_up_to();
            let (line, column) = crate::reader::line_column(xml, valid);
            let path = crate::reader::element_path(xml, valid);
            Err(Error::new(ErrorKind::Encoding(e.to_string()), line, column, path))
        }
    }
}

/// Reads a whole document from `reader` (up to the default size limit) and parses it.
pub fn from_reader<T: XmlElement>(reader: impl std::io::Read) -> Result<T, Error> {
    let limit = ReadOptions::default().max_size;
    let mut bytes = Vec::new();
    let read = reader.take(limit as u64 + 1).read_to_end(&mut bytes);
    if let Err(e) = read {
        return Err(Error::new(ErrorKind::Encoding(e.to_string()), 0, 0, "/"));
    }
    if bytes.len() > limit {
        return Err(Error::new(ErrorKind::SizeLimit { limit }, 0, 0, "/"));
    }
    from_slice(&bytes)
}

/// Writes `value` as a compact document (no XML declaration, no added whitespace).
pub fn to_string<T: XmlElement>(value: &T) -> String {
    let mut w = XmlWriter::new();
    value.write_element(&mut w);
    w.into_string()
}

/// Writes `value` as an indented document.
pub fn to_string_pretty<T: XmlElement>(value: &T) -> String {
    let mut w = XmlWriter::pretty();
    value.write_element(&mut w);
    w.into_string()
}

/// Writes `value` as a compact document to `out`.
pub fn to_writer<T: XmlElement>(value: &T, mut out: impl std::io::Write) -> std::io::Result<()> {
    out.write_all(to_string(value).as_bytes())
}
