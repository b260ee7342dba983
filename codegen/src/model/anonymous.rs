//! What an anonymous type's synthetic name says, in words for docs and error messages.
//!
//! The XSD front end names an anonymous type after where it is declared, starting with `#`:
//!
//! | key | the type of |
//! |---|---|
//! | `#order` | global element `order` |
//! | `#@lang` | global attribute `lang` |
//! | `#type(T)`, `#group(G)`, `#attributeGroup(G)` | (the start of a path inside that definition) |
//! | `…/line`, `…/@id` | local element `line`, attribute `id`, inside the path before it |
//! | `…/base`, `…/item`, `…/member2`, `…/content` | a restriction's base, a list's item type, a union's second member, a simple content's restriction |
//! | `…~2` | the second type of the same key (a name declared twice) |
//! | `#redefine/T`, `#redefine1/T` | named type `T` as a schema below its redefinition defines it |
//!
//! After a type with child elements, `item` or `member1` is an element of that name.

/// The words for anonymous type `local` (the type of attribute `id` of element `order/line`), or
/// `None` for a name that is not such a key. `childless` says whether the type a prefix of the key
/// names (`#order`, `#type(T)`) has no child elements — a simple type, or simple content: only
/// there are `base`, `item`, `member1` and `content` simple types, not elements of those names.
pub fn describe(local: &str, childless: &dyn Fn(&str) -> bool) -> Option<String> {
    let key = local.strip_prefix('#')?;
    if let Some(redefined) = key.strip_prefix("redefine") {
        // `#redefine/T`, `#redefine1/T`: a named type as a schema that redefines it found it.
        let (level, name) = redefined.split_once('/')?;
        return (level.bytes().all(|b| b.is_ascii_digit()) && !name.contains(['/', '(']))
            .then(|| format!("type `{name}` as defined before its redefinition"));
    }
    let raw: Vec<&str> = key.split('/').collect();
    // Numbered keys (`order~2`) read as the name they number.
    let segments: Vec<&str> = raw.iter().map(|s| s.split_once('~').map_or(*s, |(s, _)| s)).collect();
    let context = definition(segments[0]);
    let first = usize::from(context.is_some());
    // Keys of declarations inside a redefined type's original (`#type(#redefine/T)/a`) are not
    // taken apart: they are rare, and their raw key says as much.
    if segments[first..].iter().any(|s| s.contains(['(', ')', '#'])) {
        return None;
    }
    // The simple types inside the declaration's, peeled off the end: the base of member 1 of …
    let mut end = segments.len();
    let mut around = Vec::new();
    while end > first.max(1) {
        let part = match segments[end - 1] {
            "base" => "the base type of ".to_owned(),
            "content" => "the content type of ".to_owned(),
            "item" => "the item type of ".to_owned(),
            member => match member.strip_prefix("member").and_then(|n| n.parse::<u32>().ok()) {
                Some(n) => format!("member {n} of "),
                None => break,
            },
        };
        if !childless(&format!("#{}", raw[..end - 1].join("/"))) {
            break;
        }
        around.push(part);
        end -= 1;
    }
    let path = &segments[first..end];
    let declaration = match path.split_last() {
        None => None,
        Some((attribute, elements)) if attribute.starts_with('@') => Some(match elements {
            [] => format!("attribute `{}`", &attribute[1..]),
            _ => format!("attribute `{}` of element `{}`", &attribute[1..], elements.join("/")),
        }),
        Some(_) if path.iter().any(|s| s.is_empty() || s.starts_with('@')) => return None,
        Some(_) => Some(format!("element `{}`", path.join("/"))),
    };
    let mut words: String = around.concat();
    match (declaration, context) {
        (Some(declaration), Some(context)) => {
            words.push_str(&format!("the type of {declaration} in {context}"))
        }
        (Some(declaration), None) => words.push_str(&format!("the type of {declaration}")),
        (None, Some(context)) => words.push_str(&context),
        (None, None) => return None,
    }
    Some(words)
}

/// `type(T)` and the like: the named definition a path starts in.
fn definition(segment: &str) -> Option<String> {
    let (kind, rest) = segment.split_once('(')?;
    let name = rest.strip_suffix(')')?;
    let kind = match kind {
        "type" => "type",
        "group" => "group",
        "attributeGroup" => "attribute group",
        _ => return None,
    };
    Some(format!("{kind} `{name}`"))
}

#[cfg(test)]
mod tests {
    use super::describe;

    /// The types of these keys have no child elements.
    fn childless(key: &str) -> bool {
        ["#type(sizes)", "#order/@size", "#order/@size/member1", "#type(priced)", "#size"].contains(&key)
    }

    #[test]
    fn declarations_are_named_with_the_path_to_them() {
        let cases = [
            ("#order", "the type of element `order`"),
            ("#@lang", "the type of attribute `lang`"),
            ("#order/item/@id", "the type of attribute `id` of element `order/item`"),
            ("#order/item", "the type of element `order/item`"),
            ("#type(fooType)/foo", "the type of element `foo` in type `fooType`"),
            ("#type(Regex)/@att", "the type of attribute `att` in type `Regex`"),
            ("#group(g)/a/@b", "the type of attribute `b` of element `a` in group `g`"),
            ("#attributeGroup(common)/@space", "the type of attribute `space` in attribute group `common`"),
            ("#order~2", "the type of element `order`"),
            ("#redefine/noteType", "type `noteType` as defined before its redefinition"),
            ("#redefine2/noteType", "type `noteType` as defined before its redefinition"),
        ];
        for (key, words) in cases {
            assert_eq!(describe(key, &childless).as_deref(), Some(words), "{key}");
        }
    }

    #[test]
    fn simple_types_inside_simple_types_are_named_by_their_place() {
        let cases = [
            ("#type(sizes)/member2", "member 2 of type `sizes`"),
            ("#type(sizes)/item", "the item type of type `sizes`"),
            ("#type(sizes)/base", "the base type of type `sizes`"),
            (
                "#order/@size/member1/base",
                "the base type of member 1 of the type of attribute `size` of element `order`",
            ),
            ("#type(priced)/content", "the content type of type `priced`"),
            ("#size/member1", "member 1 of the type of element `size`"),
            // Attributes of a type with simple content.
            ("#size/@unit", "the type of attribute `unit` of element `size`"),
            // Inside a complex type, `item` and `member1` are child elements.
            ("#order/item/member1", "the type of element `order/item/member1`"),
            ("#order~2/item~3/@id", "the type of attribute `id` of element `order/item`"),
        ];
        for (key, words) in cases {
            assert_eq!(describe(key, &childless).as_deref(), Some(words), "{key}");
        }
    }

    #[test]
    fn other_names_are_not_described() {
        for name in ["noteType", "#type(#redefine/noteType)/a", "#"] {
            assert_eq!(describe(name, &childless), None, "{name}");
        }
    }
}
