//! The base of a simple-content restriction's facets. The front end makes the facets of
//! `<xs:simpleContent><xs:restriction base="C">` an anonymous simple type restricting `C` as
//! written, a complex type; once every type is known, this puts the simple type of `C`'s content
//! in its place, so that every simple type restricts a simple type.

use super::{Content, QName, SchemaSet, SimpleType, SimpleVariety, TypeDef, XS};

impl SchemaSet {
    /// Replaces each simple type's complex base by the simple type of that base's content.
    pub fn resolve_content_bases(&mut self) {
        let resolved: Vec<(QName, QName)> = self
            .types
            .iter()
            .filter_map(|(name, def)| match def {
                TypeDef::Simple(SimpleType { variety: SimpleVariety::Restriction { base, .. }, .. })
                    if matches!(self.types.get(base), Some(TypeDef::Complex(_))) =>
                {
                    Some((name.clone(), self.content_type(base)))
                }
                _ => None,
            })
            .collect();
        for (name, content) in resolved {
            if let Some(TypeDef::Simple(SimpleType {
                variety: SimpleVariety::Restriction { base, .. },
                ..
            })) = self.types.get_mut(&name)
            {
                *base = content;
            }
        }
    }

    /// The simple type of complex type `name`'s content: its own, or its base's; `xs:anySimpleType`
    /// for a type without simple content (a schema that restricts one so is invalid) or a
    /// circular chain.
    fn content_type(&self, name: &QName) -> QName {
        let mut name = name;
        for _ in 0..64 {
            match self.types.get(name) {
                Some(TypeDef::Complex(ct)) => match (&ct.content, &ct.base) {
                    (Content::Simple(simple), _) => name = simple,
                    (Content::Empty, Some((base, _))) => name = base,
                    _ => break,
                },
                // A simple type, or a built-in one.
                _ => return name.clone(),
            }
        }
        QName::new(Some(XS), "anySimpleType")
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::test_schema::{schema, NS};
    use crate::model::{QName, SimpleVariety, TypeDef};

    #[test]
    fn facets_of_a_simple_content_restriction_restrict_the_simple_type_of_its_base() {
        let set = schema(
            r#"<xs:complexType name="text"><xs:simpleContent><xs:extension base="xs:string">
                 <xs:attribute name="lang" type="xs:language"/></xs:extension></xs:simpleContent></xs:complexType>
               <xs:complexType name="short"><xs:simpleContent><xs:restriction base="t:text">
                 <xs:maxLength value="9"/></xs:restriction></xs:simpleContent></xs:complexType>
               <xs:complexType name="shorter"><xs:simpleContent><xs:restriction base="t:short">
                 <xs:minLength value="2"/></xs:restriction></xs:simpleContent></xs:complexType>
               <xs:complexType name="same"><xs:simpleContent><xs:restriction base="t:short"/></xs:simpleContent></xs:complexType>"#,
        );
        let content = |ty: &str| match &set.types[&QName::new(Some(NS), ty)] {
            TypeDef::Complex(ct) => match &ct.content {
                crate::model::Content::Simple(s) => s.clone(),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        let restricted = |simple: &QName| match &set.types[simple] {
            TypeDef::Simple(st) => match &st.variety {
                SimpleVariety::Restriction { base, facets } => (base.clone(), facets.clone()),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        let (base, facets) = restricted(&content("short"));
        assert_eq!(
            (base.ns.as_deref(), base.local.as_str(), facets.max_length),
            (Some(crate::model::XS), "string", Some(9))
        );
        let (base, facets) = restricted(&content("shorter"));
        assert_eq!((base, facets.min_length), (content("short"), Some(2)));
        // Without facets the content is the base's, as written.
        assert_eq!(content("same"), QName::new(Some(NS), "short"));
    }
}
