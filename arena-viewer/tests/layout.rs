//! The live bracket's layout for every format: it fits the screen, no text
//! is smaller than 1/40 of its height, match boxes never overlap, and the
//! bracket shows only what the audience has seen.

use std::collections::BTreeSet;
use std::path::Path;

use arena_tournament::{Format, GroupStage, MatchStatus};
use arena_viewer::bracket::{CANVAS, Item, MIN_TEXT, Reveal, Shown, layout_page, pages, text_width};
use arena_viewer::fixture::{SampleOptions, sample};

fn state(format: Format, entrants: usize, matches: Option<usize>) -> arena_live::LiveState {
    let options = SampleOptions { format, entrants, best_of: 3, matches, simulate: false, name: "Layout".into() };
    sample(&options, None).unwrap()
}

fn all_revealed(s: &arena_live::LiveState) -> BTreeSet<String> {
    s.tournament.matches().iter().filter(|m| m.status == MatchStatus::Finished).map(|m| m.id.clone()).collect()
}

/// Checks every page: inside the canvas, text at least MIN_TEXT (when
/// `min_text`), boxes apart, every match of a tree page boxed once.
fn check(label: &str, s: &arena_live::LiveState, min_text: bool) {
    let revealed = all_revealed(s);
    let highlight = s.finished_order.last().cloned();
    let reveal =
        Reveal { state: s, dir: Path::new("."), revealed: &revealed, highlight: highlight.as_deref(), cursor: None };
    let all = pages(s);
    assert!(!all.is_empty(), "{label}: no pages");
    let mut boxed: std::collections::BTreeMap<String, usize> = Default::default();
    for (i, page) in all.iter().enumerate() {
        let scene = layout_page(&reveal, &all, i);
        assert!(!scene.items.is_empty(), "{label} page {i}: empty");
        for item in &scene.items {
            match item {
                Item::Text { pos, size, text, align, .. } => {
                    if min_text {
                        assert!(*size >= MIN_TEXT, "{label} page {i}: `{text}` at {size}px");
                    }
                    let w = text_width(text, *size);
                    let left = match align {
                        arena_viewer::bracket::Align::Left => pos.x,
                        arena_viewer::bracket::Align::Center => pos.x - w / 2.0,
                        arena_viewer::bracket::Align::Right => pos.x - w,
                    };
                    assert!(
                        left >= -1.0 && left + w <= CANVAS.x + 1.0,
                        "{label} page {i}: `{text}` runs off the screen ({left}..{})",
                        left + w
                    );
                    assert!(
                        pos.y - size / 2.0 >= 0.0 && pos.y + size / 2.0 <= CANVAS.y,
                        "{label} page {i}: `{text}` off the screen"
                    );
                }
                Item::Rect { rect, .. } | Item::Avatar { rect, .. } => {
                    assert!(
                        rect.min.x >= -1.0
                            && rect.max.x <= CANVAS.x + 1.0
                            && rect.min.y >= -1.0
                            && rect.max.y <= CANVAS.y + 1.0,
                        "{label} page {i}: {rect:?} off the screen"
                    );
                }
                _ => {}
            }
        }
        for (a, (ida, ra)) in scene.boxes.iter().enumerate() {
            for (idb, rb) in scene.boxes.iter().skip(a + 1) {
                assert!(ra.intersect(*rb).is_empty(), "{label} page {i}: {ida} and {idb} overlap");
            }
        }
        for (id, _) in &scene.boxes {
            if !matches!(page.kind, arena_viewer::bracket::PageKind::Groups | arena_viewer::bracket::PageKind::Table) {
                *boxed.entry(id.clone()).or_insert(0) += 1;
            }
        }
    }
    // Every match of an elimination tree is boxed on exactly one page.
    for m in s.tournament.matches() {
        let tree =
            !matches!(m.layout.bracket, arena_tournament::Bracket::Group { .. } | arena_tournament::Bracket::Rounds);
        if tree {
            assert_eq!(boxed.get(&m.id), Some(&1), "{label}: {} boxed {:?} times", m.id, boxed.get(&m.id));
        }
    }
}

#[test]
fn the_reference_event_fits_one_screen_per_stage() {
    // 72 entrants, groups of 6, the winners and the best runners-up into a
    // knockout of 16.
    let format = Format::GroupsThenKnockout(GroupStage {
        group_size: 6,
        qualifiers_per_group: 1,
        knockout_size: Some(16),
        ..GroupStage::default()
    });
    let s = state(format, 72, None);
    assert!(s.tournament.is_finished());
    assert_eq!(pages(&s).len(), 2);
    check("72 groups then knockout", &s, true);
}

#[test]
fn every_format_lays_out_at_many_sizes() {
    let formats = [
        ("single", Format::SingleElimination),
        ("double", Format::DoubleElimination { grand_final_reset: true }),
        ("round robin", Format::RoundRobin { legs: 1 }),
        ("swiss", Format::Swiss { rounds: None }),
        ("groups", Format::GroupsThenKnockout(GroupStage::default())),
    ];
    for (name, format) in formats {
        for n in [2usize, 3, 5, 8, 13, 16, 32, 64] {
            if name == "groups" && n < 4 {
                continue;
            }
            let label = format!("{name} of {n}");
            // In progress and finished.
            for matches in [Some(n / 2), None] {
                let s = state(format.clone(), n, matches);
                check(&label, &s, true);
            }
        }
    }
}

#[test]
fn results_stay_hidden_until_their_match_is_shown() {
    let s = state(Format::SingleElimination, 4, None);
    let none = BTreeSet::new();
    let reveal = Reveal { state: &s, dir: Path::new("."), revealed: &none, highlight: None, cursor: None };
    let final_match = s.tournament.match_by_id("F").unwrap();
    assert!(final_match.entrants().is_some(), "the final was played");
    for slot in arena_tournament::Slot::BOTH {
        match reveal.shown(final_match, slot) {
            Shown::Placeholder(p) => assert!(p.starts_with("winner of SF"), "{p}"),
            other => {
                panic!("the final's entrant leaked before the semi-finals were shown: {other:?}")
            }
        }
    }
    // No score is drawn for a match not shown yet.
    let all = pages(&s);
    let scene = layout_page(&reveal, &all, 0);
    let digits: Vec<&str> = scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, color, .. } if *color == arena_viewer::bracket::palette::WIN => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(digits.is_empty(), "winning scores shown before any reveal: {digits:?}");
    // Once the semi-finals are shown, their winners appear in the final.
    let semis: BTreeSet<String> = ["SF1", "SF2"].iter().map(|s| s.to_string()).collect();
    let reveal = Reveal { state: &s, dir: Path::new("."), revealed: &semis, highlight: None, cursor: None };
    for slot in arena_tournament::Slot::BOTH {
        assert!(matches!(reveal.shown(final_match, slot), Shown::Entrant(_)));
    }
}

#[test]
fn the_highlighted_match_is_framed() {
    let s = state(Format::DoubleElimination { grand_final_reset: true }, 8, None);
    let revealed = all_revealed(&s);
    let reveal = Reveal { state: &s, dir: Path::new("."), revealed: &revealed, highlight: Some("W2-1"), cursor: None };
    let all = pages(&s);
    let scene = layout_page(&reveal, &all, 0);
    let rect = scene.boxes.iter().find(|(id, _)| id == "W2-1").unwrap().1;
    let framed = scene.items.iter().any(|i| match i {
        Item::Frame { rect: r, color, .. } => {
            *color == arena_viewer::bracket::palette::HIGHLIGHT && r.contains(rect.center())
        }
        _ => false,
    });
    assert!(framed);
}
