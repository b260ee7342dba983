//! Generating only what is used: the part of a schema set that documents rooted at chosen global
//! elements can contain.
//!
//! Industry schema sets define thousands of types of which one document type uses a fraction, and
//! every generated type costs compile time in the user's crate. From the roots this keeps, to a fixed
//! point:
//! - a kept element's type, and the elements of its substitution group (they may stand in its place);
//! - a kept type's base, content (element types, referenced global elements), attribute types,
//!   simple-type bases, list items and union members;
//! - every complex type derived from an element's declared type, since the element may name it with
//!   `xsi:type` (types reached only as another type's base do not bring their other derived types);
//! - for lax and strict wildcards of kept types, the global elements of the roots' own namespaces
//!   that the wildcard admits (they are read typed there). Elements of other namespaces a wildcard
//!   admits are not pulled in: they stay unknown content, kept whole, as for any namespace the
//!   schema set does not define.
//!
//! A document of a kept root reads into the same types with or without the selection.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Diagnostic;
use crate::model::{
    Content, Location, Particle, ProcessContents, QName, SchemaSet, SimpleVariety, Term, TypeDef,
};

/// The part of `set` reachable from the global elements `roots`. A root the set does not declare is
/// an error naming it (and the elements of that local name in other namespaces, if any).
pub fn select(set: &SchemaSet, roots: &[QName]) -> Result<SchemaSet, Vec<Diagnostic>> {
    let unknown: Vec<Diagnostic> =
        roots.iter().filter(|r| !set.elements.contains_key(r)).map(|r| unknown_root(set, r)).collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let mut walk = Walk::new(set, roots);
    for root in roots {
        walk.element(root);
    }
    walk.run();
    Ok(SchemaSet {
        types: keep(&set.types, &walk.types),
        elements: keep(&set.elements, &walk.elements),
        files: set.files.clone(),
        namespace_files: set.namespace_files.clone(),
    })
}

fn keep<T: Clone>(all: &BTreeMap<QName, T>, kept: &BTreeSet<QName>) -> BTreeMap<QName, T> {
    all.iter().filter(|(name, _)| kept.contains(*name)).map(|(n, v)| (n.clone(), v.clone())).collect()
}

fn unknown_root(set: &SchemaSet, root: &QName) -> Diagnostic {
    let same_local: Vec<String> =
        set.elements.keys().filter(|q| q.local == root.local).map(|q| format!("`{q}`")).collect();
    let hint = if same_local.is_empty() {
        String::new()
    } else {
        format!("; the schemas declare {}", same_local.join(", "))
    };
    Diagnostic::new(
        Location::default(),
        format!("root `{root}` is not a global element of the schemas{hint} (write `{{namespace}}local`)"),
    )
}

/// A worklist over types and elements, each visited once.
struct Walk<'s> {
    set: &'s SchemaSet,
    /// Head → the elements declaring it as their substitution group.
    members: BTreeMap<&'s QName, Vec<&'s QName>>,
    /// Base → the types deriving from it directly.
    derived: BTreeMap<&'s QName, Vec<&'s QName>>,
    /// The roots' namespaces: wildcards are typed against their elements only.
    namespaces: BTreeSet<Option<String>>,
    types: BTreeSet<QName>,
    /// Types some element declares: their derived types are kept too.
    instance_types: BTreeSet<QName>,
    elements: BTreeSet<QName>,
    todo: Vec<&'s QName>,
}

impl<'s> Walk<'s> {
    fn new(set: &'s SchemaSet, roots: &[QName]) -> Self {
        let mut members: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for (name, decl) in &set.elements {
            if let Some(head) = &decl.substitution_group {
                members.entry(head).or_default().push(name);
            }
        }
        let mut derived: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
        for (name, def) in &set.types {
            let base = match def {
                TypeDef::Complex(ct) => ct.base.as_ref().map(|(base, _)| base),
                TypeDef::Simple(st) => match &st.variety {
                    SimpleVariety::Restriction { base, .. } => Some(base),
                    _ => None,
                },
            };
            if let Some(base) = base {
                derived.entry(base).or_default().push(name);
            }
        }
        Walk {
            set,
            members,
            derived,
            namespaces: roots.iter().map(|r| r.ns.clone()).collect(),
            types: BTreeSet::new(),
            instance_types: BTreeSet::new(),
            elements: BTreeSet::new(),
            todo: Vec::new(),
        }
    }

    fn element(&mut self, name: &QName) {
        let Some((name, decl)) = self.set.elements.get_key_value(name) else { return };
        if !self.elements.insert(name.clone()) {
            return;
        }
        self.element_type(&decl.ty);
        for member in self.members.get(name).cloned().unwrap_or_default() {
            self.element(member);
        }
    }

    /// An element's declared type, and every complex type derived from it.
    fn element_type(&mut self, name: &QName) {
        if !matches!(self.set.types.get(name), Some(TypeDef::Complex(_)))
            || !self.instance_types.insert(name.clone())
        {
            self.ty(name);
            return;
        }
        self.ty(name);
        for derived in self.derived.get(name).cloned().unwrap_or_default() {
            self.element_type(derived);
        }
    }

    fn ty(&mut self, name: &QName) {
        if let Some((name, _)) = self.set.types.get_key_value(name) {
            if self.types.insert(name.clone()) {
                self.todo.push(name);
            }
        }
    }

    /// Visits the types queued, until nothing new is reached.
    fn run(&mut self) {
        while let Some(name) = self.todo.pop() {
            match &self.set.types[name] {
                TypeDef::Simple(st) => match &st.variety {
                    SimpleVariety::Restriction { base, .. } => self.ty(base),
                    SimpleVariety::List { item } => self.ty(item),
                    SimpleVariety::Union { members } => members.iter().for_each(|m| self.ty(m)),
                },
                TypeDef::Complex(ct) => {
                    if let Some((base, _)) = &ct.base {
                        self.ty(base);
                    }
                    for attribute in &ct.attributes {
                        self.ty(&attribute.ty);
                    }
                    match &ct.content {
                        Content::Empty => {}
                        Content::Simple(ty) => self.ty(ty),
                        Content::Particle(p) => self.particle(p),
                    }
                }
            }
        }
    }

    fn particle(&mut self, p: &Particle) {
        match &p.term {
            Term::Element(e) if e.is_ref => self.element(&e.name),
            Term::Element(e) => self.element_type(&e.ty),
            Term::Any(w) if w.process != ProcessContents::Skip => {
                let admitted: Vec<&'s QName> = self
                    .set
                    .elements
                    .keys()
                    .filter(|q| self.namespaces.contains(&q.ns) && w.namespaces.allows(q.ns.as_deref()))
                    .collect();
                for element in admitted {
                    self.element(element);
                }
            }
            Term::Any(_) => {}
            Term::Sequence(ps) | Term::Choice(ps) | Term::All(ps) => ps.iter().for_each(|p| self.particle(p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIN: &str = r###"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:t"
        targetNamespace="urn:t" elementFormDefault="qualified">
      <xs:import namespace="urn:o" schemaLocation="other.xsd"/>
      <xs:element name="order" type="orderType"/>
      <xs:element name="invoice" type="invoiceType"/>
      <xs:element name="item" type="itemType"/>
      <xs:element name="special" type="specialItem" substitutionGroup="item"/>
      <xs:complexType name="orderType">
        <xs:sequence>
          <xs:element ref="item" maxOccurs="unbounded"/>
          <xs:element name="id" type="orderId"/>
          <xs:element name="party" type="partyType"/>
          <xs:any namespace="##other" processContents="lax" minOccurs="0"/>
        </xs:sequence>
        <xs:attribute name="currency" type="currencyCode"/>
      </xs:complexType>
      <xs:complexType name="itemType"><xs:attribute name="sku" type="xs:string"/></xs:complexType>
      <xs:complexType name="specialItem">
        <xs:complexContent><xs:extension base="itemType"/></xs:complexContent>
      </xs:complexType>
      <xs:complexType name="baseId">
        <xs:simpleContent><xs:extension base="xs:string"/></xs:simpleContent>
      </xs:complexType>
      <xs:complexType name="orderId">
        <xs:simpleContent><xs:extension base="baseId"/></xs:simpleContent>
      </xs:complexType>
      <xs:complexType name="invoiceId">
        <xs:simpleContent><xs:extension base="baseId"/></xs:simpleContent>
      </xs:complexType>
      <xs:complexType name="partyType"><xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="company">
        <xs:complexContent><xs:extension base="partyType"/></xs:complexContent>
      </xs:complexType>
      <xs:simpleType name="currencyCode">
        <xs:restriction base="xs:string"><xs:enumeration value="EUR"/></xs:restriction>
      </xs:simpleType>
      <xs:complexType name="invoiceType">
        <xs:sequence><xs:element name="id" type="invoiceId"/></xs:sequence>
      </xs:complexType>
    </xs:schema>"###;

    const OTHER: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
        targetNamespace="urn:o" elementFormDefault="qualified">
      <xs:element name="marker" type="xs:string"/>
      <xs:element name="extra" type="xs:int"/>
    </xs:schema>"#;

    fn load() -> SchemaSet {
        // One directory per call: the tests run in parallel.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("ep-select-{}-{call}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("main.xsd"), MAIN).unwrap();
        std::fs::write(dir.join("other.xsd"), OTHER).unwrap();
        let set = crate::xsd::load(&[dir.join("main.xsd")], &[]).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        set
    }

    fn t(local: &str) -> QName {
        QName::new(Some("urn:t"), local)
    }

    fn o(local: &str) -> QName {
        QName::new(Some("urn:o"), local)
    }

    fn names<T>(map: &BTreeMap<QName, T>) -> Vec<String> {
        map.keys().map(|q| q.to_string()).collect()
    }

    #[test]
    fn keeps_what_the_root_reaches_and_nothing_else() {
        let set = load();
        let kept = select(&set, &[t("order")]).unwrap();
        // `special` may stand in for `item`; `invoice` is not reachable.
        assert_eq!(names(&kept.elements), ["{urn:t}item", "{urn:t}order", "{urn:t}special"]);
        // `company` may be named by `xsi:type` on `party`; `invoiceId`, a sibling of `orderId`
        // under `baseId`, is reached by nothing (`baseId` is only a base).
        assert_eq!(
            names(&kept.types),
            [
                "{urn:t}baseId",
                "{urn:t}company",
                "{urn:t}currencyCode",
                "{urn:t}itemType",
                "{urn:t}orderId",
                "{urn:t}orderType",
                "{urn:t}partyType",
                "{urn:t}specialItem",
            ]
        );
        assert!(set.types.contains_key(&t("invoiceId")) && set.elements.contains_key(&o("extra")));
    }

    #[test]
    fn wildcards_admit_the_elements_of_the_roots_namespaces() {
        let set = load();
        // `urn:o` is a root's namespace: the `##other` wildcard of `order` reads `extra` typed.
        let kept = select(&set, &[t("order"), o("marker")]).unwrap();
        assert!(kept.elements.contains_key(&o("extra")));
        assert!(!kept.elements.contains_key(&t("invoice")));
    }

    #[test]
    fn an_undeclared_root_is_an_error_that_names_it() {
        let set = load();
        let errors = select(&set, &[QName::new(None, "order"), t("nothing")]).unwrap_err();
        let messages: Vec<String> = errors.iter().map(|d| d.message.clone()).collect();
        assert_eq!(messages.len(), 2);
        assert!(
            messages[0].contains("root `order`") && messages[0].contains("`{urn:t}order`"),
            "{messages:?}"
        );
        assert!(messages[1].contains("root `{urn:t}nothing`"), "{messages:?}");
    }
}
