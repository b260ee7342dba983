//! Stacks of `xs:redefine`. A schema may redefine a component of a schema that redefines it too
//! (yEd's `ygraphml.xsd` redefines `graphml.xsd`, which redefines `graphml-structure.xsd`): the
//! definitions of the name stack up, and a redefinition's reference to its own name is to the one
//! below it, the definition the schema it redefines has (XSD 1.0 §4.2.2). The top is stored under
//! the name, the others under keys no schema name can take (`#` is not a name character; the `/`
//! keeps a key from being read as an element's own anonymous type).

use std::path::{Path, PathBuf};

use url::Url;

use crate::model::QName;

/// The keys of a stack with `redefinitions` above the original, bottom up: the original's first,
/// the name itself (the top) last.
pub fn keys(name: &QName, redefinitions: usize) -> Vec<QName> {
    let key = |level: usize| {
        let prefix = if level == 0 { String::new() } else { level.to_string() };
        QName::new(name.ns.as_deref(), &format!("#redefine{prefix}/{}", name.local))
    };
    (0..redefinitions).map(key).chain([name.clone()]).collect()
}

/// Where the original of a redefined component is kept.
pub fn original(name: &QName) -> QName {
    keys(name, 1).swap_remove(0)
}

/// The file that `location` (a `schemaLocation` written in `file`) names, as [`canonical`] gives it.
pub fn target(file: &Path, location: &str) -> PathBuf {
    let joined = Url::from_file_path(file).ok().and_then(|base| base.join(location).ok());
    canonical(&joined.and_then(|url| url.to_file_path().ok()).unwrap_or_else(|| PathBuf::from(location)))
}

/// `file` in one spelling, so that two paths to one file compare equal.
pub fn canonical(file: &Path) -> PathBuf {
    file.canonicalize().unwrap_or_else(|_| file.to_path_buf())
}

/// Orders the redefinitions of one name bottom up: each after any in the schema it redefines.
/// `files` gives a redefinition's file and the file it redefines. What no such relation orders
/// keeps its order.
pub fn order<T>(stack: &mut Vec<T>, files: impl Fn(&T) -> (&PathBuf, &PathBuf)) {
    let mut rest: Vec<T> = std::mem::take(stack);
    while !rest.is_empty() {
        // The first whose target holds none of the others: nothing left belongs below it.
        let below_none = (0..rest.len()).find(|&i| {
            let target = files(&rest[i]).1;
            !rest.iter().enumerate().any(|(j, other)| j != i && files(other).0 == target)
        });
        stack.push(rest.remove(below_none.unwrap_or(0)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_run_from_the_original_to_the_name() {
        let name = QName::new(Some("urn:g"), "node.extra.attrib");
        let locals: Vec<String> = keys(&name, 3).into_iter().map(|k| k.local).collect();
        assert_eq!(
            locals,
            [
                "#redefine/node.extra.attrib",
                "#redefine1/node.extra.attrib",
                "#redefine2/node.extra.attrib",
                "node.extra.attrib"
            ]
        );
        assert_eq!(original(&name).local, "#redefine/node.extra.attrib");
    }

    #[test]
    fn a_redefinition_comes_after_the_one_in_the_schema_it_redefines() {
        let path = |s: &str| PathBuf::from(s);
        // (file, target): ygraphml redefines graphml, which redefines structure; `other` is unrelated.
        let mut stack = vec![
            (path("/s/ygraphml.xsd"), path("/s/graphml.xsd")),
            (path("/s/other.xsd"), path("/s/x.xsd")),
            (path("/s/graphml.xsd"), path("/s/structure.xsd")),
        ];
        order(&mut stack, |(file, target)| (file, target));
        let files: Vec<&str> = stack.iter().map(|(f, _)| f.to_str().unwrap()).collect();
        assert_eq!(files, ["/s/other.xsd", "/s/graphml.xsd", "/s/ygraphml.xsd"]);
        assert_eq!(target(Path::new("/s/a/ygraphml.xsd"), "../graphml.xsd"), path("/s/graphml.xsd"));
    }
}
