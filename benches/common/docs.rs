//! Deterministic benchmark documents: Lync-like Enhanced Presence XML built from fixed tables and a
//! fixed-seed xorshift generator, so every run (and every machine) benchmarks the same bytes.
//!
//! - [`categories_doc`]: a NOTIFY-style `<categories>` body for many contacts, mixing `state`
//!   (`userState`, `machineState`, `aggregateState`), `note`, `contactCard`, `calendarData`, `device`,
//!   `services`, schema-extension tails, foreign attributes, `ct:extension` content from other
//!   namespaces and an unknown custom category;
//! - [`state_doc`]: one small `<state xsi:type="userState">` (latency);
//! - [`publish_doc`]: a rich-presence `<publish>` request with the same payloads in `<publication>`s.

use std::fmt::Write;

pub const NS_CATEGORIES: &str = "http://schemas.microsoft.com/2006/09/sip/categories";
pub const NS_RICH_PRESENCE: &str = "http://schemas.microsoft.com/2006/09/sip/rich-presence";
pub const NS_STATE: &str = "http://schemas.microsoft.com/2006/09/sip/state";
pub const NS_NOTE: &str = "http://schemas.microsoft.com/2006/09/sip/note";
pub const NS_CONTACT_CARD: &str = "http://schemas.microsoft.com/2006/09/sip/contactcard";
pub const NS_CALENDAR: &str = "http://schemas.microsoft.com/2006/09/sip/calendarData";
pub const NS_DEVICE: &str = "http://schemas.microsoft.com/2006/09/sip/device";
pub const NS_SERVICE: &str = "http://schemas.microsoft.com/2006/09/sip/service";
pub const NS_COMMON: &str = "http://schemas.microsoft.com/2006/09/sip/commontypes";
pub const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
pub const NS_TRACE: &str = "urn:example:trace";
pub const NS_HELPDESK: &str = "urn:example:fabrikam:helpdesk";

/// Target size of the two large documents.
pub const LARGE: usize = 1 << 20;

/// A tiny xorshift64* generator with a fixed seed: the only source of variety.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'t>(&mut self, items: &[&'t str]) -> &'t str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Amara",
    "Ravi",
    "Tomas",
    "Ines",
    "Lena",
    "Olu",
    "Anneliese",
    "Kenji",
    "Sofia",
    "Mateo",
    "Priya",
    "Jonas",
    "Chloé",
    "Dmitri",
    "Aiko",
    "Nadia",
    "Björn",
    "Fatima",
    "Liam",
    "Zanele",
];
const LAST: &[&str] = &[
    "Okafor",
    "Menon",
    "Berg",
    "Moreau",
    "Fischer",
    "Adeyemi",
    "Vogt",
    "Tanaka",
    "Rossi",
    "García",
    "Iyer",
    "Lindqvist",
    "Dubois",
    "Petrov",
    "Sato",
    "Haddad",
    "Nilsson",
    "Khan",
    "Murphy",
    "Dlamini",
];
const DOMAINS: &[&str] = &["fabrikam.com", "contoso.com", "northwind.com", "litwareinc.com"];
const NOTES: &[&str] = &[
    "Quarter close this week, replies may be slow",
    "Happy to help with onboarding questions",
    "En déplacement jusqu'à jeudi",
    "Working from the Bergen office until Friday",
    "Out sick today — please contact the team alias",
    "Heads down on the release; ping me for blockers only",
    "Back from leave on Monday & catching up on mail",
    "Interviewing candidates all afternoon",
];
const ACTIVITIES: &[&str] =
    &["in-a-meeting", "on-the-phone", "in-a-conference", "busy", "away", "out-of-office"];
const TIME_ZONES: &[(&str, i32)] = &[
    ("W. Central Africa Standard Time", -60),
    ("Tokyo Standard Time", -540),
    ("Romance Standard Time", -60),
    ("Pacific Standard Time", 480),
    ("India Standard Time", -330),
    ("GMT Standard Time", 0),
];
const LOCATIONS: &[&str] = &["office", "home", "Hall B, Desk 14, Harbour Campus", "3/South Annex Bergen"];
const TITLES: &[&str] = &["PRINCIPAL ANALYST", "Account Manager", "Software Engineer", "Director, Sales"];
const COMPANIES: &[&str] = &["FABRIKAM LTD", "Contoso Pharmaceuticals", "Northwind Traders"];
const FREE_BUSY: &[&str] = &[
    "AAAAAKqqAAAAAFVVAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAVVUAAAAAAAAAqqoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
];

/// One publisher.
struct Contact {
    first: &'static str,
    last: &'static str,
    domain: &'static str,
    n: usize,
}

impl Contact {
    fn new(rng: &mut Rng, n: usize) -> Self {
        Contact { first: rng.pick(FIRST), last: rng.pick(LAST), domain: rng.pick(DOMAINS), n }
    }

    fn user(&self) -> String {
        format!("{}.{}{}", ascii(self.first), ascii(self.last), self.n)
    }

    fn sip(&self) -> String {
        format!("sip:{}@{}", self.user(), self.domain)
    }

    fn email(&self) -> String {
        format!("{}@{}", self.user(), self.domain)
    }

    fn guid(&self, salt: u64) -> String {
        let mut rng = Rng::new(self.n as u64 * 7919 + salt);
        let (a, b, c) = (rng.next(), rng.next(), rng.next());
        format!(
            "{:08X}-{:04X}-5{:03X}-{:04X}-{:012X}",
            a as u32,
            (a >> 32) as u16,
            (b & 0xfff) as u16,
            (0x8000 | (b >> 16) & 0x3fff) as u16,
            c & 0xffff_ffff_ffff
        )
    }
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' => 'e',
            'í' => 'i',
            'ö' => 'o',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

fn time(rng: &mut Rng, millis: bool) -> String {
    let (day, h, m, s) = (1 + rng.below(28), rng.below(24), rng.below(60), rng.below(60));
    if millis {
        format!("2013-06-{day:02}T{h:02}:{m:02}:{s:02}.{:03}", rng.below(1000))
    } else {
        format!("2013-06-{day:02}T{h:02}:{m:02}:{s:02}Z")
    }
}

/// The category payloads, in the order a contact's group uses them.
#[derive(Clone, Copy)]
enum Payload {
    State,
    Note,
    ContactCard,
    CalendarData,
    Device,
    Services,
    Custom,
}

impl Payload {
    fn category_name(self) -> &'static str {
        match self {
            Payload::State => "state",
            Payload::Note => "note",
            Payload::ContactCard => "contactCard",
            Payload::CalendarData => "calendarData",
            Payload::Device => "device",
            Payload::Services => "services",
            Payload::Custom => "deskLocation",
        }
    }
}

/// Writes one payload element at indentation `ind` (a string of spaces).
fn payload(out: &mut String, p: Payload, c: &Contact, rng: &mut Rng, ind: &str) {
    match p {
        Payload::State => state(out, c, rng, ind),
        Payload::Note => note(out, c, rng, ind),
        Payload::ContactCard => contact_card(out, c, rng, ind),
        Payload::CalendarData => calendar_data(out, c, rng, ind),
        Payload::Device => device(out, c, rng, ind),
        Payload::Services => services(out, c, rng, ind),
        Payload::Custom => custom(out, rng, ind),
    }
}

fn state(out: &mut String, c: &Contact, rng: &mut Rng, ind: &str) {
    let availability = [3500, 6500, 9500, 12500, 15500, 18500][rng.below(6)];
    match rng.below(3) {
        0 => {
            let traced = rng.below(3) == 0;
            let (decl, attr) = if traced {
                (format!(r#" xmlns:x="{NS_TRACE}""#), r#" x:source="calendar-sync""#)
            } else {
                (String::new(), "")
            };
            let _ = write!(
                out,
                r#"{ind}<state xmlns="{NS_STATE}" xmlns:xsi="{NS_XSI}"{decl} manual="true" xsi:type="userState"{attr}>
{ind}  <availability>{availability}</availability>
{ind}  <activity token="{}"/>
"#,
                rng.pick(ACTIVITIES)
            );
            if traced {
                let _ = write!(
                    out,
                    r#"{ind}  <ct:extension xmlns:ct="{NS_COMMON}">
{ind}    <x:meetingRef>weekly-sync-{}</x:meetingRef>
{ind}  </ct:extension>
"#,
                    c.n
                );
            }
            let _ = writeln!(out, "{ind}</state>");
        }
        1 => {
            let (zone, bias) = TIME_ZONES[rng.below(TIME_ZONES.len())];
            let _ = write!(
                out,
                r#"{ind}<state xmlns="{NS_STATE}" xmlns:xsi="{NS_XSI}" manual="false" xsi:type="machineState">
{ind}  <availability>{availability}</availability>
{ind}  <endpointLocation>{}</endpointLocation>
{ind}  <delimiter xmlns="{NS_COMMON}"/>
{ind}  <timeZoneBias>{bias}</timeZoneBias>
{ind}  <timeZoneName>{zone}</timeZoneName>
{ind}  <timeZoneAbbreviation>{zone}</timeZoneAbbreviation>
{ind}  <device>computer</device>
{ind}  <end xmlns="{NS_COMMON}"/>
{ind}</state>
"#,
                rng.pick(LOCATIONS)
            );
        }
        _ => {
            let (zone, bias) = TIME_ZONES[rng.below(TIME_ZONES.len())];
            let (start, end) = (time(rng, false), time(rng, false));
            let _ = write!(
                out,
                r#"{ind}<state xmlns:xsi="{NS_XSI}" xmlns="{NS_STATE}" xsi:type="aggregateState" lastActive="{}">
{ind}  <availability>{availability}</availability>
{ind}  <activity token="{}" startTime="{start}" endTime="{end}"/>
{ind}  <delimiter xmlns="{NS_COMMON}"/>
{ind}  <timeZoneBias>{bias}</timeZoneBias>
{ind}  <timeZoneName>{zone}</timeZoneName>
{ind}  <timeZoneAbbreviation>{zone}</timeZoneAbbreviation>
{ind}  <device>computer</device>
{ind}  <end xmlns="{NS_COMMON}"/>
{ind}</state>
"#,
                time(rng, false),
                rng.pick(ACTIVITIES)
            );
        }
    }
}

fn note(out: &mut String, c: &Contact, rng: &mut Rng, ind: &str) {
    let text = rng.pick(NOTES).replace('&', "&amp;");
    if rng.below(4) == 0 {
        let _ = write!(
            out,
            r#"{ind}<note xmlns="{NS_NOTE}">
{ind}  <body type="personal" uri="" LCID="1036">{text}</body>
{ind}  <delimiter xmlns:auto-ns1="{NS_NOTE}" xmlns="{NS_COMMON}">
{ind}  </delimiter>
{ind}  <mood>focused</mood>
{ind}  <end xmlns="{NS_COMMON}"/>
{ind}  <extension xmlns="{NS_COMMON}">
{ind}    <ticket xmlns="{NS_HELPDESK}" id="HD-{}">travel approval</ticket>
{ind}  </extension>
{ind}</note>
"#,
            20000 + c.n
        );
    } else {
        let _ = write!(
            out,
            r#"{ind}<note xmlns="{NS_NOTE}">
{ind}  <body type="personal" uri="">{text}</body>
{ind}</note>
"#
        );
    }
}

fn contact_card(out: &mut String, c: &Contact, rng: &mut Rng, ind: &str) {
    let _ = write!(
        out,
        r#"{ind}<contactCard xmlns="{NS_CONTACT_CARD}">
{ind}  <identity>
{ind}    <name>
{ind}      <displayName>{} {}</displayName>
{ind}    </name>
{ind}    <email>{}</email>
{ind}  </identity>
{ind}  <company>{}</company>
{ind}  <title>{}</title>
{ind}  <office>{}-{}F</office>
{ind}  <phone type="work">
{ind}    <uri>tel:+1425555{:04};ext={}</uri>
{ind}  </phone>
{ind}</contactCard>
"#,
        c.first,
        c.last,
        c.email(),
        rng.pick(COMPANIES),
        rng.pick(TITLES),
        rng.pick(&["LAGOS", "BERGEN", "REDMOND", "PUNE"]),
        1 + rng.below(9),
        c.n % 10000,
        4000 + rng.below(999)
    );
}

fn calendar_data(out: &mut String, c: &Contact, rng: &mut Rng, ind: &str) {
    let _ = write!(
        out,
        r#"{ind}<calendarData xmlns="{NS_CALENDAR}" mailboxID="{}">
{ind}  <freeBusy startTime="2013-06-10T06:00:00Z" granularity="PT15M" encodingVersion="1">{}</freeBusy>
{ind}</calendarData>
"#,
        c.email(),
        rng.pick(FREE_BUSY)
    );
}

fn device(out: &mut String, c: &Contact, rng: &mut Rng, ind: &str) {
    let _ = write!(
        out,
        r#"{ind}<device xmlns="{NS_DEVICE}" endpointId="{}">
{ind}  <capabilities preferred="false" uri="{}">
{ind}    <text capture="true" render="true" publish="false"/>
{ind}    <voice capture="true" render="true" publish="false"/>
{ind}    <video capture="{}" render="true" publish="false"/>
{ind}  </capabilities>
{ind}  <timezone>00:00:00+0{}:00</timezone>
{ind}  <machineName>{}-{}</machineName>
{ind}</device>
"#,
        c.guid(1),
        c.sip(),
        rng.below(2) == 0,
        rng.below(10),
        ascii(c.last).to_uppercase(),
        rng.pick(&["LT", "WS01", "T480", "SURFACE"])
    );
}

fn services(out: &mut String, c: &Contact, rng: &mut Rng, ind: &str) {
    let epid = c.guid(2);
    let availability = [3500, 6500][rng.below(2)];
    let _ = write!(
        out,
        r#"{ind}<services xmlns="{NS_SERVICE}">
{ind}  <service uri="{}">
{ind}    <capabilities>
{ind}      <text render="true" capture="true" publish="false" preferredEndpointId="{epid}" deviceAvailability="{availability}"/>
{ind}      <voice render="true" capture="true" publish="false" preferredEndpointId="{epid}" deviceAvailability="{availability}"/>
{ind}      <applicationSharing render="true" capture="true" publish="false" preferredEndpointId="{epid}" deviceAvailability="{availability}"/>
{ind}    </capabilities>
{ind}  </service>
{ind}</services>
"#,
        c.sip()
    );
}

/// A category this crate has no schema for: read as an `AnyElement`.
fn custom(out: &mut String, rng: &mut Rng, ind: &str) {
    let _ = write!(
        out,
        r#"{ind}<deskLocation xmlns="" building="{}" floor="{}">
{ind}  <desk>{}.{:02}</desk>
{ind}</deskLocation>
"#,
        rng.pick(&["Marina Point", "Harbour Campus", "Building 40"]),
        1 + rng.below(9),
        1 + rng.below(9),
        rng.below(40)
    );
}

/// The payloads of one contact's group: all six known categories, sometimes a custom one.
fn group(rng: &mut Rng) -> Vec<Payload> {
    let mut g = vec![
        Payload::State,
        Payload::Note,
        Payload::ContactCard,
        Payload::CalendarData,
        Payload::Device,
        Payload::Services,
    ];
    if rng.below(4) == 0 {
        g.push(Payload::Custom);
    }
    g
}

/// (a): a `<categories>` NOTIFY body of about `target` bytes.
pub fn categories_doc(target: usize) -> String {
    let mut rng = Rng::new(0x5eed_0001);
    let mut out = String::with_capacity(target + 8192);
    let first = Contact::new(&mut Rng::new(7), 0);
    let _ = writeln!(out, r#"<categories xmlns="{NS_CATEGORIES}" uri="{}">"#, first.sip());
    let mut n = 0;
    while out.len() < target {
        n += 1;
        let c = Contact::new(&mut rng, n);
        for p in group(&mut rng) {
            let instance = match p {
                Payload::Device => 1_000_000 + rng.below(2_000_000_000),
                Payload::ContactCard => [0, 3, 4, 6][rng.below(4)],
                _ => 0,
            };
            let _ = writeln!(
                out,
                r#"  <category name="{}" instance="{instance}" publishTime="{}">"#,
                p.category_name(),
                time(&mut rng, true)
            );
            payload(&mut out, p, &c, &mut rng, "    ");
            out.push_str("  </category>\n");
        }
    }
    out.push_str("</categories>\n");
    out
}

/// (b): one small `<state xsi:type="userState">`.
pub fn state_doc() -> String {
    format!(
        r#"<state xmlns="{NS_STATE}" xmlns:xsi="{NS_XSI}" manual="true" xsi:type="userState">
  <availability>6500</availability>
  <activity token="in-a-meeting" startTime="2013-06-10T09:00:00Z" endTime="2013-06-10T10:00:00Z"/>
</state>
"#
    )
}

/// (c): a rich-presence `<publish>` request of about `target` bytes.
pub fn publish_doc(target: usize) -> String {
    let mut rng = Rng::new(0x5eed_0003);
    let mut out = String::with_capacity(target + 8192);
    let me = Contact::new(&mut Rng::new(11), 1);
    let _ = writeln!(out, r#"<publish xmlns="{NS_RICH_PRESENCE}">"#);
    let _ = writeln!(out, r#"  <publications uri="{}">"#, me.sip());
    let mut version = 0;
    while out.len() < target {
        version += 1;
        for p in group(&mut rng) {
            // State goes to the presence containers, the rest to one container each, as Lync does.
            let containers: &[u32] = match p {
                Payload::State => &[2, 100, 200, 300, 400],
                Payload::Device => &[2],
                Payload::ContactCard => &[100, 200],
                _ => &[300],
            };
            let (instance, expire) = match p {
                Payload::State => (1_073_741_829, "user"),
                Payload::Device => (812_406_733, "endpoint"),
                _ => (0, "static"),
            };
            for &container in containers {
                let _ = writeln!(
                    out,
                    r#"    <publication categoryName="{}" instance="{instance}" container="{container}" version="{version}" expireType="{expire}">"#,
                    p.category_name()
                );
                payload(&mut out, p, &me, &mut rng, "      ");
                out.push_str("    </publication>\n");
            }
        }
    }
    out.push_str("  </publications>\n</publish>\n");
    out
}
