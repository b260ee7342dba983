//! Schemas compiled into the generator, so that well-known imports resolve without the network:
//! the W3C namespaces schemas commonly import (authored for this crate from the specifications), and
//! this repository's Enhanced Presence schemas, for custom categories that import them by namespace.
//!
//! The Enhanced Presence files are the repository's `schemas/`, reached through the symbolic link
//! `codegen/schemas/enhanced-presence`: `cargo package` copies a linked directory's files into the
//! package, so the `include_str!`s below work from the workspace and from crates.io alike, with one
//! copy of each file in the repository.

/// One shipped schema document.
#[derive(Debug)]
pub struct Shipped {
    /// Its address: the location schemas use for it (W3C files), or a `builtin:` URL under which
    /// the relative locations of its own includes and imports resolve.
    pub url: &'static str,
    /// Other locations that name the same document.
    pub aliases: &'static [&'static str],
    pub namespace: &'static str,
    /// Whether an import of `namespace` without a location loads this file (it is not only
    /// included by another file of the namespace).
    pub for_namespace: bool,
    pub text: &'static str,
}

const XML_URLS: &[&str] = &[
    "http://www.w3.org/2001/03/xml.xsd",
    "http://www.w3.org/2005/08/xml.xsd",
    "http://www.w3.org/2009/01/xml.xsd",
];

macro_rules! ep {
    ($file:literal, $ns:literal) => {
        ep!(@ $file, $ns, true)
    };
    ($file:literal, $ns:literal, included) => {
        ep!(@ $file, $ns, false)
    };
    (@ $file:literal, $ns:literal, $root:expr) => {
        Shipped {
            url: concat!("builtin:///enhanced-presence/", $file),
            aliases: &[],
            namespace: $ns,
            for_namespace: $root,
            text: include_str!(concat!("../../schemas/enhanced-presence/", $file)),
        }
    };
}

pub static SHIPPED: &[Shipped] = &[
    Shipped {
        url: "http://www.w3.org/2001/xml.xsd",
        aliases: XML_URLS,
        namespace: "http://www.w3.org/XML/1998/namespace",
        for_namespace: true,
        text: include_str!("../../schemas/w3c/xml.xsd"),
    },
    Shipped {
        url: "http://www.w3.org/2001/XMLSchema-instance.xsd",
        aliases: &[],
        namespace: "http://www.w3.org/2001/XMLSchema-instance",
        for_namespace: true,
        text: include_str!("../../schemas/w3c/XMLSchema-instance.xsd"),
    },
    Shipped {
        url: "http://www.w3.org/1999/xlink.xsd",
        aliases: &["http://www.w3.org/XML/2008/06/xlink.xsd"],
        namespace: "http://www.w3.org/1999/xlink",
        for_namespace: true,
        text: include_str!("../../schemas/w3c/xlink.xsd"),
    },
    ep!("ContainerManifestSchema.xsd", "http://schemas.microsoft.com/2008/09/sip/ContainerManifest"),
    ep!(
        "PublicationGrammarSchemaForNewPublicationManifest.xsd",
        "http://schemas.microsoft.com/2008/09/sip/categoryPublicationManifest"
    ),
    ep!("adrl.xsd", "urn:ietf:params:xml:ns:adrl"),
    ep!("batch-subscribe.xsd", "http://schemas.microsoft.com/2006/01/sip/batch-subscribe"),
    ep!("calendarData.xsd", "http://schemas.microsoft.com/2006/09/sip/calendarData"),
    ep!("calendardatatypes.xsd", "http://schemas.microsoft.com/exchange/services/2006/types"),
    ep!("categories.xsd", "http://schemas.microsoft.com/2006/09/sip/categories"),
    ep!("categorylist.xsd", "http://schemas.microsoft.com/2006/09/sip/categorylist"),
    ep!("commontypes.xsd", "http://schemas.microsoft.com/2006/09/sip/commontypes"),
    ep!("contactCard.xsd", "http://schemas.microsoft.com/2006/09/sip/contactcard"),
    ep!("contactCardTypes.xsd", "http://schemas.microsoft.com/2006/09/sip/contactcard", included),
    ep!("container-management.xsd", "http://schemas.microsoft.com/2006/09/sip/container-management"),
    ep!("device.xsd", "http://schemas.microsoft.com/2006/09/sip/device"),
    ep!("devicetypes.xsd", "http://schemas.microsoft.com/2006/09/sip/device", included),
    ep!("legacyInterop.xsd", "http://schemas.microsoft.com/2006/09/sip/categories"),
    ep!("mwidata.xsd", "http://schemas.microsoft.com/2006/09/sip/mwi"),
    ep!("note.xsd", "http://schemas.microsoft.com/2006/09/sip/note"),
    ep!("options-Alerts.xsd", "http://schemas.microsoft.com/2006/09/sip/options/alerts"),
    ep!("options-OtherOptions.xsd", "http://schemas.microsoft.com/2006/09/sip/options/otherOptions"),
    ep!("options-RccOptions.xsd", "http://schemas.microsoft.com/2006/09/sip/options/rccOptions"),
    ep!("options-UserInformation.xsd", "http://schemas.microsoft.com/2006/09/sip/options/userInformation"),
    ep!("presence-subscribers.xsd", "http://schemas.microsoft.com/2006/09/sip/presence-subscribers"),
    ep!(
        "provisiongrouplist-notification.xsd",
        "http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification"
    ),
    ep!("provisioninggrouplist.xsd", "http://schemas.microsoft.com/2006/09/sip/provisioninggrouplist"),
    ep!("rich-presence.xsd", "http://schemas.microsoft.com/2006/09/sip/rich-presence"),
    ep!("roaming-self.xsd", "http://schemas.microsoft.com/2006/09/sip/roaming-self"),
    ep!("routing.xsd", "http://schemas.microsoft.com/02/2006/sip/routing"),
    ep!("service.xsd", "http://schemas.microsoft.com/2006/09/sip/service"),
    ep!("state.xsd", "http://schemas.microsoft.com/2006/09/sip/state"),
    ep!("statetypes.xsd", "http://schemas.microsoft.com/2006/09/sip/state", included),
    ep!("userProperties.xsd", "http://schemas.microsoft.com/2006/09/sip/categories"),
];

/// The shipped document at `url` (`https:` matches the `http:` address too).
pub fn by_url(url: &str) -> Option<&'static Shipped> {
    let url = match url.strip_prefix("https://") {
        Some(rest) => format!("http://{rest}"),
        None => url.to_owned(),
    };
    SHIPPED.iter().find(|s| s.url == url || s.aliases.contains(&url.as_str()))
}

/// The documents an import of `namespace` without a location loads.
pub fn by_namespace(namespace: &str) -> impl Iterator<Item = &'static Shipped> + '_ {
    SHIPPED.iter().filter(move |s| s.for_namespace && s.namespace == namespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each shipped document declares the namespace it is listed under, and every Enhanced Presence
    /// schema in the repository is shipped.
    #[test]
    fn the_table_matches_the_files() {
        for s in SHIPPED {
            let declared = format!("targetNamespace=\"{}\"", s.namespace);
            assert!(s.text.contains(&declared), "{} does not declare {}", s.url, s.namespace);
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/enhanced-presence");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".xsd") {
                let url = format!("builtin:///enhanced-presence/{name}");
                assert!(by_url(&url).is_some(), "{name} is not in SHIPPED");
            }
        }
    }

    #[test]
    fn lookups() {
        assert!(by_url("https://www.w3.org/2001/xml.xsd").is_some());
        assert!(by_url("http://www.w3.org/2009/01/xml.xsd").is_some());
        let categories: Vec<_> =
            by_namespace("http://schemas.microsoft.com/2006/09/sip/categories").map(|s| s.url).collect();
        assert_eq!(categories.len(), 3);
        assert_eq!(by_namespace("http://schemas.microsoft.com/2006/09/sip/state").count(), 1);
    }
}
