//! Custom elements registered at run time, so that content read through lax wildcards — the payload
//! of a `<category>` or `<publication>` — dispatches to types this crate was not generated with
//! (a custom category generated in the user's own `build.rs`), without forking the crate.
//!
//! ```ignore
//! enhanced_presence::registry::register::<meeting_room::MeetingRoom>();
//! // from now on, <meetingRoom xmlns="…"> inside a <category> reads as CategoryValue::Custom
//! ```

use std::any::Any;
use std::fmt;
use std::sync::RwLock;

use crate::error::Error;
use crate::reader::{Start, XmlReader};
use crate::writer::XmlWriter;
use crate::XmlElement;

/// A value of a registered element type, behind a trait object.
pub trait CustomElement: fmt::Debug + Send + Sync + 'static {
    /// Writes the element with its own name.
    fn write_element(&self, w: &mut XmlWriter);
    /// A boxed copy.
    fn clone_box(&self) -> Box<dyn CustomElement>;
    /// Equality with another custom element (false across types).
    fn eq_dyn(&self, other: &dyn CustomElement) -> bool;
    /// For downcasting.
    fn as_any(&self) -> &dyn Any;
    /// For downcasting, mutably.
    fn as_any_mut(&mut self) -> &mut dyn Any;
    /// For downcasting to an owned value.
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

impl<T> CustomElement for T
where
    T: XmlElement + fmt::Debug + Clone + PartialEq + Send + Sync + 'static,
{
    fn write_element(&self, w: &mut XmlWriter) {
        XmlElement::write_element(self, w)
    }

    fn clone_box(&self) -> Box<dyn CustomElement> {
        Box::new(self.clone())
    }

    fn eq_dyn(&self, other: &dyn CustomElement) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

/// A registered element's value.
#[derive(Debug)]
pub struct Custom(pub Box<dyn CustomElement>);

impl Custom {
    /// The value as `T`, if it is one.
    pub fn downcast_ref<T: 'static>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref()
    }

    /// The value as a mutable `T`, if it is one.
    pub fn downcast_mut<T: 'static>(&mut self) -> Option<&mut T> {
        self.0.as_any_mut().downcast_mut()
    }

    /// The value as `T`, if it is one; otherwise the value itself back, unchanged.
    pub fn downcast<T: 'static>(self) -> Result<T, Custom> {
        if !self.0.as_any().is::<T>() {
            return Err(self);
        }
        match self.0.into_any().downcast::<T>() {
            Ok(value) => Ok(*value),
            Err(_) => unreachable!("the value was checked to be a T"),
        }
    }

    /// Writes the element with its own name.
    pub fn write(&self, w: &mut XmlWriter) {
        self.0.write_element(w)
    }
}

impl Clone for Custom {
    fn clone(&self) -> Self {
        Custom(self.0.clone_box())
    }
}

impl PartialEq for Custom {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_dyn(&*other.0)
    }
}

/// Reads a registered element from its start tag.
pub type ReadFn = fn(&mut XmlReader<'_>, Start<'_>) -> Result<Custom, Error>;

struct Entry {
    matches: fn(&[u8], &[u8]) -> bool,
    read: ReadFn,
    type_id: std::any::TypeId,
}

static REGISTRY: RwLock<Vec<Entry>> = RwLock::new(Vec::new());

fn read_as<T>(r: &mut XmlReader<'_>, start: Start<'_>) -> Result<Custom, Error>
where
    T: XmlElement + fmt::Debug + Clone + PartialEq + Send + Sync + 'static,
{
    Ok(Custom(Box::new(T::read_element(r, start)?)))
}

/// Registers `T` (a generated global element type): elements it matches that reach a lax wildcard
/// are read as `T`. Registering the same type twice has no further effect.
pub fn register<T>()
where
    T: XmlElement + fmt::Debug + Clone + PartialEq + Send + Sync + 'static,
{
    let mut entries = REGISTRY.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    let type_id = std::any::TypeId::of::<T>();
    if !entries.iter().any(|e| e.type_id == type_id) {
        entries.push(Entry { matches: T::matches, read: read_as::<T>, type_id });
    }
}

/// The reader for a registered element named `{ns}local`, if any.
pub(crate) fn lookup(ns: &[u8], local: &[u8]) -> Option<ReadFn> {
    let entries = REGISTRY.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    entries.iter().find(|e| (e.matches)(ns, local)).map(|e| e.read)
}
