//! Part 6: the runnable scenario (`cargo run --example presence-scenario`) shows what the docs
//! describe for each watcher after each step.

#[allow(dead_code)]
#[path = "../examples/presence-scenario.rs"]
mod scenario;

/// The cell of `row` for watcher `column` (0: colleague, 1: external, 2: workgroup, 3: blocked) in
/// step `step` of the scenario's output.
fn cell(out: &str, step: usize, row: &str, column: usize) -> String {
    let section = out.split("\nStep ").nth(step).unwrap_or_else(|| panic!("no step {step}:\n{out}"));
    let line = section
        .lines()
        .find(|l| l.get(2..12).is_some_and(|label| label.trim_end_matches(' ') == row))
        .unwrap_or_else(|| panic!("step {step} has no row {row}:\n{section}"));
    let cells: Vec<char> = line.chars().skip(12).collect();
    let from = (column * 24).min(cells.len());
    let to = (from + 24).min(cells.len());
    cells[from..to].iter().collect::<String>().trim_matches(' ').to_owned()
}

#[test]
fn each_watcher_sees_what_the_docs_describe() {
    let out = scenario::run().expect("the scenario runs");
    let (colleague, external, workgroup, blocked) = (0, 1, 2, 3);
    // Step 1: the directory identity alone, for everyone, blocked included.
    for watcher in [colleague, external, workgroup, blocked] {
        assert_eq!(cell(&out, 1, "name", watcher), "Alice Archer");
        assert_eq!(cell(&out, 1, "status", watcher), "- (offline)");
    }
    assert_eq!(
        [colleague, external, workgroup, blocked].map(|w| cell(&out, 1, "container", w)),
        ["200", "100", "300", "32000"]
    );
    // Step 2: the blocked contact sees 18500 and an emptied note; the external one the emptied note.
    assert_eq!(cell(&out, 2, "status", blocked), "18500 Offline");
    assert_eq!(cell(&out, 2, "note", blocked), "(empty note)");
    assert_eq!(cell(&out, 2, "note", external), "(empty note)");
    assert!(cell(&out, 2, "note", colleague).starts_with("\"Planning offsite"));
    assert_eq!(cell(&out, 2, "title", blocked), "-");
    // Step 3: a note for 200, 300 and 400 notifies only the watchers whose view changed.
    assert_eq!(
        [colleague, external, workgroup, blocked].map(|w| cell(&out, 3, "notified", w)),
        ["NOTIFY", "", "NOTIFY", ""]
    );
    // Step 4: Do Not Disturb becomes 6900, urgent interruptions only, for the workgroup alone.
    assert_eq!(cell(&out, 4, "status", colleague), "9500 Do not disturb");
    assert_eq!(cell(&out, 4, "status", workgroup), "6900 Busy");
    assert!(cell(&out, 4, "activity", workgroup).starts_with("urgent-interruptions"));
    // Step 5: a call raises the available user to busy; the external contact gets no activity.
    assert_eq!(cell(&out, 5, "activity", colleague), "on-the-phone");
    assert_eq!(cell(&out, 5, "activity", external), "-");
    // Step 6: signed out, the state is gone; static notes stay.
    for watcher in [colleague, external, workgroup, blocked] {
        assert_eq!(cell(&out, 6, "status", watcher), "- (offline)");
    }
    assert_eq!(cell(&out, 6, "note", colleague), "\"Back Monday\"");
}
