//! `cargo run --example presence-scenario -p enhanced-presence-engine`
//!
//! The docs' application scenarios, replayed on the in-memory server: Alice publishes her state,
//! note and contact card to the predefined containers the way Lync does, and four contacts watch —
//! a colleague, an external (federated) contact, a workgroup member and a blocked contact. After
//! each step the program prints, side by side, what each of them sees and who was notified.

use std::error::Error;

use enhanced_presence::categories::Categories;
use enhanced_presence::contact_card::ContactCard;
use enhanced_presence::presence::summarize;
use enhanced_presence::rich_presence::Publish;
use enhanced_presence::CategoryValue;
use enhanced_presence_engine::containers::{self, Member, MembershipBuilder};
use enhanced_presence_engine::{
    ChangeSet, Endpoint, ManualClock, PresenceServer, Timestamp, UserUri, Watcher,
};

const ALICE: &str = "sip:alice@contoso.com";
const STATE_NS: &str = r#"xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
const NOTE_NS: &str = r#"xmlns="http://schemas.microsoft.com/2006/09/sip/note""#;
const CARD_NS: &str = r#"xmlns="http://schemas.microsoft.com/2006/09/sip/contactcard""#;
const WIDTH: usize = 24;

/// One `<publication>` of a request, to each of `containers`.
fn publications(
    category: &str,
    instance: u32,
    containers: &[u32],
    version: u32,
    expire: &str,
    value: &str,
) -> String {
    containers
        .iter()
        .map(|c| {
            format!(
                r#"<publication categoryName="{category}" instance="{instance}" container="{c}" version="{version}" expireType="{expire}">{value}</publication>"#
            )
        })
        .collect()
}

fn request(publications: &[String]) -> Result<Publish, enhanced_presence::Error> {
    enhanced_presence::from_str(&format!(
        r#"<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence"><publications uri="{ALICE}">{}</publications></publish>"#,
        publications.concat()
    ))
}

fn note(text: &str) -> String {
    format!(r#"<note {NOTE_NS}><body type="personal" uri="">{text}</body></note>"#)
}

/// What Lync publishes where a container must not see the note: an empty one (the grammar's
/// note rule for 100 and 32000).
fn empty_note() -> String {
    format!("<note {NOTE_NS}></note>")
}

fn machine_state(availability: u32) -> String {
    format!(
        r#"<state {STATE_NS} xsi:type="machineState"><availability>{availability}</availability><endpointLocation>Building 4, Room 101</endpointLocation><timeZoneBias>480</timeZoneBias><device>computer</device></state>"#
    )
}

fn user_state(availability: u32) -> String {
    format!(
        r#"<state {STATE_NS} xsi:type="userState" manual="true"><availability>{availability}</availability></state>"#
    )
}

fn phone_state() -> String {
    format!(
        r#"<state {STATE_NS} xsi:type="phoneState"><availability>6500</availability><activity token="on-the-phone" minAvailability="6500" maxAvailability="8999"/></state>"#
    )
}

/// The availability bands of the docs (state-availability-element).
fn band(availability: u32) -> &'static str {
    match availability {
        0..=2999 => "Undefined",
        3000..=4499 => "Available",
        4500..=5999 => "Available-Idle",
        6000..=7499 => "Busy",
        7500..=8999 => "Busy-Idle",
        9000..=11999 => "Do not disturb",
        12000..=14999 => "Be right back",
        15000..=17999 => "Away",
        _ => "Offline",
    }
}

fn title(body: &Categories) -> Option<String> {
    body.0.category.iter().find_map(|c| match &c.value {
        Some(CategoryValue::ContactCard(card)) => card.title.first().map(|t| t.value.clone()),
        _ => None,
    })
}

fn cell(text: &str) -> String {
    let mut text: String = text.chars().take(WIDTH - 2).collect();
    if text.chars().count() == WIDTH - 2 && text.len() > 1 {
        text.pop();
        text.push('…');
    }
    format!("{text:<WIDTH$}")
}

struct Scenario {
    server: PresenceServer,
    clock: ManualClock,
    alice: UserUri,
    watchers: Vec<(&'static str, Watcher)>,
    step: usize,
    /// What the steps show, printed by `main` (and read by the engine's scenario test).
    out: String,
}

impl Scenario {
    fn show(&mut self, what: &str, changes: &ChangeSet) {
        self.step += 1;
        self.out.push_str(&format!("\nStep {}: {what}\n", self.step));
        let mut rows: Vec<(&str, Vec<String>)> =
            ["", "container", "status", "activity", "note", "name", "title", "notified"]
                .iter()
                .map(|label| (*label, Vec::new()))
                .collect();
        for (name, watcher) in &self.watchers {
            let body = self.server.view(&self.alice, watcher);
            let summary = summarize(&body);
            let container = self.server.container_of(&self.alice, watcher).unwrap_or_default();
            let status = summary.availability.map(|a| format!("{a} {}", band(a)));
            let note = body.0.category.iter().any(|c| c.name == "note").then(|| {
                summary.note.clone().map_or_else(|| "(empty note)".to_owned(), |n| format!("\"{n}\""))
            });
            let notified = changes.body_for(&self.alice, watcher).is_some();
            let values = [
                name.to_string(),
                container.to_string(),
                status.unwrap_or_else(|| "- (offline)".into()),
                summary.activity.unwrap_or_else(|| "-".into()),
                note.unwrap_or_else(|| "-".into()),
                summary.display_name.unwrap_or_else(|| "-".into()),
                title(&body).unwrap_or_else(|| "-".into()),
                if notified { "NOTIFY".into() } else { "".into() },
            ];
            for (row, value) in rows.iter_mut().zip(values) {
                row.1.push(value);
            }
        }
        for (label, values) in rows {
            let line: String = values.iter().map(|v| cell(v)).collect();
            self.out.push_str(&format!("  {label:<10}{}\n", line.trim_end_matches(' ')));
        }
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    print!("{}", run()?);
    Ok(())
}

/// Replays the scenario and returns what each step shows.
pub fn run() -> Result<String, Box<dyn Error>> {
    let clock = ManualClock::new(Timestamp(1_357_034_400));
    let mut s = Scenario {
        server: PresenceServer::new(clock.clone()),
        clock,
        alice: UserUri::new(ALICE),
        watchers: vec![
            ("Bob (colleague)", Watcher::colleague("sip:bob@contoso.com")),
            ("Eve (external)", Watcher::federated("sip:eve@litware.com")),
            ("Wendy (workgroup)", Watcher::colleague("sip:wendy@contoso.com")),
            ("Mallory (blocked)", Watcher::colleague("sip:mallory@contoso.com")),
        ],
        step: 0,
        out: String::new(),
    };
    let laptop = Endpoint::new(ALICE, "{6a3c2f4e-laptop}");
    let alice = s.alice.clone();

    // The server's part: the directory identity, contactCard 0.
    let identity: ContactCard = enhanced_presence::from_str(&format!(
        "<contactCard {CARD_NS}><identity><name><displayName>Alice Archer</displayName></name><email>alice@contoso.com</email></identity></contactCard>"
    ))?;
    let mut changes = s.server.publish_identity(&alice, identity);
    // Alice's client: the default buddies, Wendy in her workgroup, Mallory blocked.
    changes = merge(changes, s.server.set_container_members(&alice, &containers::lync_defaults())?);
    let personal = MembershipBuilder::new()
        .add(containers::WORKGROUP, 0, Member::User(UserUri::new("wendy@contoso.com")))
        .add(containers::BLOCKED, 0, Member::User(UserUri::new("mallory@contoso.com")))
        .build();
    changes = merge(changes, s.server.set_container_members(&alice, &personal)?);
    for (_, watcher) in s.watchers.clone() {
        s.server.subscribe(&alice, &watcher, None);
    }
    s.show("the server publishes Alice's directory card; her contacts subscribe", &changes);

    // Sign-in: the machine state to the aggregation containers, the note and the card where Lync
    // puts them (emptied for 100 and 32000).
    let card3 =
        format!("<contactCard {CARD_NS}><title>Program Manager</title><office>4/101</office></contactCard>");
    let empty_card = format!("<contactCard {CARD_NS}></contactCard>");
    let sign_in = request(&[
        publications("state", 0x3000_0001, &[2, 3], 0, "endpoint", &machine_state(3500)),
        publications("note", 0, &[200, 300, 400], 0, "static", &note("Planning offsite all week")),
        publications("note", 0, &[100, 32000], 0, "static", &empty_note()),
        publications("contactCard", 3, &[100, 200, 300, 400], 0, "static", &card3),
        publications("contactCard", 3, &[32000], 0, "static", &empty_card),
    ])?;
    let changes = s.server.publish(&laptop, &sign_in)?;
    s.show("Alice signs in: machine state, note and contact card", &changes);

    let changes = s.server.publish(
        &laptop,
        &request(&[publications("note", 0, &[200, 300, 400], 1, "static", &note("Back Monday"))])?,
    )?;
    s.show("Alice changes her note", &changes);

    let dnd = request(&[publications("state", 0x2000_0000, &[2, 3], 0, "static", &user_state(9500))])?;
    let changes = s.server.publish(&laptop, &dnd)?;
    s.show("Alice sets Do Not Disturb (the workgroup gets 6900, urgent interruptions only)", &changes);

    let reset = request(&[
        publications("state", 0x2000_0000, &[2, 3], 1, "time\" expires=\"0", ""),
        publications("state", 0x7000_0001, &[2, 3], 0, "endpoint", &phone_state()),
    ])?;
    let changes = s.server.publish(&laptop, &reset)?;
    s.show("Alice resets her status and takes a call", &changes);

    s.clock.advance(3600);
    let changes = s.server.sign_out_endpoint(&laptop);
    s.show("an hour later Alice signs out (endpoint- and user-bound instances end)", &changes);
    Ok(s.out)
}

fn merge(mut a: ChangeSet, b: ChangeSet) -> ChangeSet {
    a.notifications.extend(b.notifications);
    a.self_changed.extend(b.self_changed);
    a
}
