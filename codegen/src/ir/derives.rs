//! Which generated types can derive `Default`, `Eq` and `Hash`, worked out over the finished crate
//! (a type's answer depends on the types it holds, however deep, and types may hold each other).

use std::collections::BTreeSet;

use super::*;

/// Works out which structs can derive `Default` (every required field has a default) and records it
/// on every reference to them.
pub fn mark_defaults(krate: &mut Crate) {
    let ids = || (0..krate.items.len()).map(|i| TypeId(i as u32));
    // Enums, families and checked values have no default value to start from.
    let mut no_default: BTreeSet<TypeId> = ids()
        .filter(|id| {
            matches!(
                krate.item(*id),
                Item::Enum(_)
                    | Item::Choice(_)
                    | Item::Family(_)
                    | Item::Restricted(_)
                    | Item::ElementEnum(_)
            )
        })
        .collect();
    loop {
        let before = no_default.len();
        for id in ids() {
            let ok = match krate.item(id) {
                Item::Struct(s) => struct_has_default(s, &no_default),
                Item::Alias(Alias { ty, .. }) | Item::Element(ElementWrapper { ty, .. }) => {
                    has_default(ty, &no_default)
                }
                _ => continue,
            };
            if !ok {
                no_default.insert(id);
            }
        }
        if no_default.len() == before {
            break;
        }
    }
    for (i, entry) in krate.items.iter_mut().enumerate() {
        let fix = |ty: &mut Ty| fix_default(ty, &no_default);
        match &mut entry.item {
            Item::Struct(s) => {
                s.derive_default = !no_default.contains(&TypeId(i as u32));
                s.attributes.iter_mut().for_each(|a| fix(&mut a.ty));
                match &mut s.body {
                    Body::Simple(ty) => fix(ty),
                    Body::Fields(fields) => fields.iter_mut().for_each(|f| fix_field(f, &no_default)),
                    _ => {}
                }
            }
            Item::Choice(c) => c.variants.iter_mut().for_each(|v| fix_field(&mut v.field, &no_default)),
            Item::Alias(Alias { ty, .. })
            | Item::Element(ElementWrapper { ty, .. })
            | Item::Restricted(Restricted { ty, .. }) => fix(ty),
            Item::Enum(e) => e.members.iter_mut().for_each(|(_, ty)| fix(ty)),
            Item::Family(_) | Item::ElementEnum(_) => {}
        }
    }
}

fn struct_has_default(s: &Struct, no_default: &BTreeSet<TypeId>) -> bool {
    let attributes = s.attributes.iter().all(|a| !a.required || has_default(&a.ty, no_default));
    attributes
        && match &s.body {
            Body::Simple(ty) => has_default(ty, no_default),
            Body::Fields(fields) => fields.iter().all(|f| {
                f.occurs.is_vec()
                    || f.occurs.is_option()
                    || match &f.kind {
                        FieldKind::Element { ty, .. } | FieldKind::Lax { ty, .. } => {
                            has_default(ty, no_default)
                        }
                        FieldKind::Any(_) => true,
                        FieldKind::Group { ty, .. } => !no_default.contains(ty),
                    }
            }),
            Body::Mixed => true,
        }
}

/// Whether a value of `ty` has a default, as far as `no_default` knows.
fn has_default(ty: &Ty, no_default: &BTreeSet<TypeId>) -> bool {
    match ty {
        Ty::Named { id, .. } => !no_default.contains(id),
        Ty::Typed(inner, _) => has_default(inner, no_default),
        other => other.has_default(),
    }
}

fn fix_field(f: &mut Field, no_default: &BTreeSet<TypeId>) {
    if let FieldKind::Element { ty, .. } = &mut f.kind {
        fix_default(ty, no_default);
    }
}

/// Records whether the generated type `ty` names (also inside `xs::Typed`) implements `Default`.
fn fix_default(ty: &mut Ty, no_default: &BTreeSet<TypeId>) {
    match ty {
        Ty::Named { id, has_default, .. } => *has_default = !no_default.contains(id),
        Ty::Typed(inner, _) => fix_default(inner, no_default),
        _ => {}
    }
}

/// Works out which value types can derive `Eq` and `Hash`: not those holding a float, however deep.
pub fn mark_eq(krate: &mut Crate) {
    let mut no_eq: BTreeSet<TypeId> = BTreeSet::new();
    loop {
        let before = no_eq.len();
        for (i, entry) in krate.items.iter().enumerate() {
            let floats = match &entry.item {
                Item::Enum(e) => e.members.iter().any(|(_, t)| floaty(t, &no_eq)),
                Item::Restricted(Restricted { ty, .. }) | Item::Alias(Alias { ty, .. }) => floaty(ty, &no_eq),
                _ => continue,
            };
            if floats {
                no_eq.insert(TypeId(i as u32));
            }
        }
        if no_eq.len() == before {
            break;
        }
    }
    for (i, entry) in krate.items.iter_mut().enumerate() {
        let eq = !no_eq.contains(&TypeId(i as u32));
        match &mut entry.item {
            Item::Enum(e) => e.eq = eq,
            Item::Restricted(r) => r.eq = eq,
            _ => {}
        }
    }
}

/// Whether a value of `ty` holds a float, as far as `no_eq` knows.
fn floaty(ty: &Ty, no_eq: &BTreeSet<TypeId>) -> bool {
    match ty {
        Ty::Builtin(b) => b.rust == "f32" || b.rust == "f64",
        Ty::List(inner) | Ty::Nillable(inner) | Ty::Typed(inner, _) | Ty::Defaulted { ty: inner, .. } => {
            floaty(inner, no_eq)
        }
        Ty::Named { id, .. } => no_eq.contains(id),
        Ty::AnyElement | Ty::KnownElement(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_schema::{build_xsd, find};
    use super::*;

    fn derives_default(krate: &Crate, name: &str) -> bool {
        matches!(find(krate, name), Item::Struct(s) if s.derive_default)
    }

    #[test]
    fn a_struct_has_a_default_unless_a_required_part_has_none_however_deep() {
        let krate = build_xsd(
            r#"<xs:simpleType name="kind"><xs:restriction base="xs:string"><xs:enumeration value="a"/></xs:restriction></xs:simpleType>
               <xs:complexType name="needs"><xs:attribute name="k" type="t:kind" use="required"/></xs:complexType>
               <xs:complexType name="holds"><xs:sequence><xs:element name="n" type="t:needs"/></xs:sequence></xs:complexType>
               <xs:complexType name="optional"><xs:sequence><xs:element name="n" type="t:needs" minOccurs="0"/>
                 <xs:element name="k" type="t:kind" maxOccurs="unbounded"/></xs:sequence>
                 <xs:attribute name="o" type="t:kind"/></xs:complexType>
               <xs:complexType name="plain"><xs:sequence><xs:element name="i" type="xs:int"/></xs:sequence></xs:complexType>"#,
        );
        assert!(!derives_default(&krate, "Needs"));
        assert!(!derives_default(&krate, "Holds"));
        assert!(derives_default(&krate, "Optional"));
        assert!(derives_default(&krate, "Plain"));
        let Item::Struct(Struct { body: Body::Fields(f), .. }) = find(&krate, "Holds") else { panic!() };
        assert!(matches!(&f[0].kind, FieldKind::Element { ty: Ty::Named { has_default: false, .. }, .. }));
    }

    #[test]
    fn a_required_choice_group_has_no_default() {
        let krate = build_xsd(
            r#"<xs:complexType name="t"><xs:choice><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:choice></xs:complexType>
               <xs:complexType name="u"><xs:choice minOccurs="0"><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:choice></xs:complexType>"#,
        );
        assert!(!derives_default(&krate, "T"));
        assert!(derives_default(&krate, "U"));
    }

    #[test]
    fn values_holding_a_float_however_deep_do_not_derive_eq() {
        let krate = build_xsd(
            r#"<xs:simpleType name="f"><xs:restriction base="xs:double"><xs:minInclusive value="0"/></xs:restriction></xs:simpleType>
               <xs:simpleType name="alias"><xs:restriction base="t:f"/></xs:simpleType>
               <xs:simpleType name="u"><xs:union memberTypes="t:alias xs:int"/></xs:simpleType>
               <xs:simpleType name="i"><xs:union memberTypes="xs:int xs:boolean"/></xs:simpleType>"#,
        );
        assert!(matches!(find(&krate, "F"), Item::Restricted(r) if !r.eq));
        assert!(matches!(find(&krate, "U"), Item::Enum(e) if !e.eq));
        assert!(matches!(find(&krate, "I"), Item::Enum(e) if e.eq));
    }
}
