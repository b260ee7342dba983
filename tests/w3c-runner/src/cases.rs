//! The suite's `cases.tsv`: one row per valid instance, with the schema documents of its group.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One instance of the suite, with the schema set it is valid against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// `set/testSet/group/instance`, e.g. `sun/ElemDecl/elemDecl001/test.1.v.xml`: stable across runs
    /// and unique in the suite.
    pub id: String,
    /// The group's schema documents as `cases.tsv` lists them (relative to the suite, separated by
    /// spaces): cases with equal schema sets share one generated module.
    pub schema_set: String,
    /// The group's schema documents, the one to generate from first.
    pub schemas: Vec<PathBuf>,
    /// The instance document.
    pub instance: PathBuf,
}

/// Reads `cases.tsv` under `suite`; paths in the result are joined to `suite`.
pub fn load(suite: &Path) -> Result<Vec<Case>, String> {
    let file = suite.join("cases.tsv");
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    parse(&text, suite).map_err(|e| format!("{}: {e}", file.display()))
}

/// Parses the text of `cases.tsv` (a header row, then `set, testSet, group, schemas, instance`).
pub fn parse(text: &str, suite: &Path) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    let mut seen = BTreeMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [set, test_set, group, schemas, instance] = fields[..] else {
            return Err(format!("line {}: expected 5 tab-separated fields, found {}", n + 1, fields.len()));
        };
        let test_set = Path::new(test_set);
        let stem = test_set.file_name().and_then(|f| f.to_str()).unwrap_or_default();
        let stem = stem.strip_suffix(".testSet").or_else(|| stem.strip_suffix(".xml")).unwrap_or(stem);
        let file_name = Path::new(instance).file_name().and_then(|f| f.to_str()).unwrap_or(instance);
        let id = format!("{set}/{stem}/{group}/{file_name}");
        if let Some(first) = seen.insert(id.clone(), n + 1) {
            return Err(format!("line {}: case id `{id}` already used on line {first}", n + 1));
        }
        let schema_set = schemas.split_whitespace().collect::<Vec<_>>().join(" ");
        let schemas: Vec<PathBuf> = schemas.split_whitespace().map(|s| suite.join(s)).collect();
        if schemas.is_empty() {
            return Err(format!("line {}: no schema documents", n + 1));
        }
        cases.push(Case { id, schema_set, schemas, instance: suite.join(instance) });
    }
    Ok(cases)
}

/// FNV-1a, 64 bits: a stable hash (unlike `std`'s, which may change between releases).
pub fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Whether the case `id` is in a smoke slice of one case in `one_in`: chosen by a hash of the id, so
/// the slice is deterministic, spread over every contributor and test set, and independent of the
/// cases' order.
pub fn in_smoke(id: &str, one_in: u64) -> bool {
    fnv1a(id).is_multiple_of(one_in)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "set\ttestSet\tgroup\tschemas\tvalid_instance\n\
        sun\tsunMeta/ElemDecl.testSet\telemDecl001\tsunData/a.xsd\tsunData/a.1.v.xml\n\
        ms\tmsMeta/Group_w3c.xml\tgroupA001\tmsData/g.xsd msData/h.xsd\tmsData/g.xml\n";

    #[test]
    fn ids_and_paths() {
        let cases = parse(TSV, Path::new("/suite")).unwrap();
        assert_eq!(cases[0].id, "sun/ElemDecl/elemDecl001/a.1.v.xml");
        assert_eq!(cases[1].id, "ms/Group_w3c/groupA001/g.xml");
        assert_eq!(cases[1].schemas, [PathBuf::from("/suite/msData/g.xsd"), "/suite/msData/h.xsd".into()]);
        assert_eq!(cases[1].schema_set, "msData/g.xsd msData/h.xsd");
        assert_eq!(cases[1].instance, Path::new("/suite/msData/g.xml"));
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let tsv = format!("{TSV}{}", TSV.lines().nth(1).unwrap());
        assert!(parse(&tsv, Path::new("/s")).unwrap_err().contains("already used on line 2"));
    }

    #[test]
    fn stable_hash() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
