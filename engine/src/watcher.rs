//! Who is watching: a watcher is a SIP URI plus the network the server sees the subscription come
//! from, which is what container members of type `sameEnterprise`, `federated` and `publicCloud`
//! match against.

use crate::trim_xml;
use std::fmt;

/// The network a watcher's subscription arrives from (`sourceNetwork/@type` in the container
/// manifest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Network {
    /// A user of the publisher's own deployment.
    SameEnterprise,
    /// A user of a federated partner deployment.
    Federated,
    /// A user of a public IM cloud.
    PublicCloud,
}

/// A user address in the form the store compares: without the `sip:` scheme, trimmed, in lower
/// case (`Alice@Contoso.com`, `sip:alice@contoso.com` and `SIP:alice@contoso.com` are one user).
///
/// Lowering the whole address is the crate's choice: SIP user parts are case-sensitive in
/// principle, but Lync resolves them through the directory, where they are not.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserUri(String);

impl UserUri {
    /// The normalized form of `uri` (with or without `sip:`).
    pub fn new(uri: &str) -> Self {
        let uri = trim_xml(uri);
        let bare = match uri.get(..4) {
            Some(scheme) if scheme.eq_ignore_ascii_case("sip:") => &uri[4..],
            _ => uri,
        };
        UserUri(bare.to_ascii_lowercase())
    }

    /// The address without scheme, as `setContainerMembers` writes it (`alice@contoso.com`).
    pub fn bare(&self) -> &str {
        &self.0
    }

    /// The domain part (after the last `@`), empty when there is none.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }

    /// The SIP URI (`sip:alice@contoso.com`), as `categories/@uri` writes it.
    pub fn sip(&self) -> String {
        format!("sip:{}", self.0)
    }
}

impl fmt::Display for UserUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sip:{}", self.0)
    }
}

impl From<&str> for UserUri {
    fn from(uri: &str) -> Self {
        UserUri::new(uri)
    }
}

/// Someone subscribing to a publisher's presence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Watcher {
    /// The watcher's address.
    pub uri: UserUri,
    /// Where the subscription comes from.
    pub network: Network,
}

impl Watcher {
    /// A watcher `uri` (with or without `sip:`) on `network`.
    pub fn new(uri: &str, network: Network) -> Self {
        Watcher { uri: UserUri::new(uri), network }
    }

    /// A user of the publisher's own deployment.
    pub fn colleague(uri: &str) -> Self {
        Watcher::new(uri, Network::SameEnterprise)
    }

    /// A user of a federated deployment.
    pub fn federated(uri: &str) -> Self {
        Watcher::new(uri, Network::Federated)
    }

    /// A user of a public IM cloud.
    pub fn public_cloud(uri: &str) -> Self {
        Watcher::new(uri, Network::PublicCloud)
    }
}

/// One publishing endpoint: the user and the endpoint id (the EPID or GRUU the SIP registration
/// carries). Endpoint-bound publications live as long as their endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Endpoint {
    /// The signed-in user.
    pub user: UserUri,
    /// The endpoint's id, unique per user.
    pub id: String,
}

impl Endpoint {
    /// Endpoint `id` of user `uri`.
    pub fn new(uri: &str, id: &str) -> Self {
        Endpoint { user: UserUri::new(uri), id: id.to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_compare_without_scheme_and_case() {
        assert_eq!(UserUri::new("SIP:Alice@Contoso.com"), UserUri::new(" alice@contoso.com "));
        assert_eq!(UserUri::new("sip:alice@contoso.com").domain(), "contoso.com");
        assert_eq!(UserUri::new("nobody").domain(), "");
        assert_eq!(UserUri::new("sip").bare(), "sip");
        assert_eq!(UserUri::new("é:x").bare(), "é:x");
        assert_eq!(UserUri::new("alice@contoso.com").to_string(), "sip:alice@contoso.com");
        // XML's white space goes, as in an attribute value; U+2002 is part of the address.
        assert_eq!(UserUri::new("\tsip:alice@contoso.com\r\n"), UserUri::new("alice@contoso.com"));
        assert_ne!(UserUri::new("alice@contoso.com\u{2002}"), UserUri::new("alice@contoso.com"));
    }
}
