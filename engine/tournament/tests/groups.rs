//! Groups then knockout: the reference event (72 entrants, groups of 6, a
//! 16-entrant knockout), snake dealing and cross-seeding.

mod common;

use std::collections::BTreeMap;

use arena_tournament::{
    Bracket, EntrantIdx, Format, GroupFormat, GroupStage, MatchStatus, Tournament, TournamentConfig, meeting_round,
    snake_groups,
};
use common::{entrants, first_round_lines, run_canonical, run_shuffled};

fn reference(seed: u64) -> Tournament {
    let stage = GroupStage {
        group_size: 6,
        group_format: GroupFormat::RoundRobin,
        legs: 1,
        qualifiers_per_group: 1,
        knockout_size: Some(16),
    };
    Tournament::new(TournamentConfig::new(Format::GroupsThenKnockout(stage)).seed(seed), entrants(72)).unwrap()
}

#[test]
fn snake_dealing() {
    let t = reference(1);
    assert_eq!(t.groups().len(), 12);
    let seeds = |g: usize| t.groups()[g].members.iter().map(|e| e.seed()).collect::<Vec<_>>();
    assert_eq!(t.groups()[0].name, "Group A");
    assert_eq!(seeds(0), [1, 24, 25, 48, 49, 72]);
    assert_eq!(seeds(1), [2, 23, 26, 47, 50, 71]);
    assert_eq!(t.groups()[11].name, "Group L");
    assert_eq!(seeds(11), [12, 13, 36, 37, 60, 61]);
    // Uneven fields: sizes differ by at most one.
    for n in 4..=80u32 {
        let groups = n.div_ceil(6);
        let dealt = snake_groups(n, groups);
        let mut sizes = vec![0; groups as usize];
        for g in dealt {
            sizes[g as usize] += 1;
        }
        let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(hi - lo <= 1, "{n}: {sizes:?}");
    }
}

#[test]
fn layout_of_the_reference_event() {
    let t = reference(1);
    // 12 groups × 15 matches, then a 16-entrant knockout of 15 matches.
    assert_eq!(t.matches().len(), 12 * 15 + 15);
    assert_eq!(t.ready_matches().len(), 180, "every group match is ready at once");
    let m = t.match_by_id("G2-R1-M3").unwrap();
    assert_eq!(m.round_name, "Group B round 1");
    assert_eq!(m.layout.bracket, Bracket::Group { group: 2 });
    let ko = t.match_by_id("KO-QF2").unwrap();
    assert_eq!(ko.round_name, "Quarter-final");
    assert_eq!(ko.status, MatchStatus::Waiting);
    assert_eq!(ko.slots[0].source.describe(), "winner of KO-R16-3");
    assert!(t.match_by_id("KO-F").is_some());
}

/// Same-group qualifiers sit in opposite halves of the knockout (they can
/// meet only in the final), whatever the group results.
#[test]
fn same_group_qualifiers_meet_as_late_as_possible() {
    for oracle in 0..12 {
        let mut t = reference(oracle);
        run_canonical(&mut t, oracle);
        let group_of: BTreeMap<EntrantIdx, u32> = t
            .groups()
            .iter()
            .enumerate()
            .flat_map(|(g, grp)| grp.members.iter().map(move |&e| (e, g as u32)))
            .collect();
        let lines = first_round_lines(&t, Bracket::Knockout);
        assert_eq!(lines.len(), 16);
        let placed: Vec<(u32, EntrantIdx)> =
            lines.iter().enumerate().map(|(l, e)| (l as u32, e.expect("no byes in a 16 knockout"))).collect();
        // Every group winner qualified, plus the four best runners-up.
        let tables = &t.standings().groups;
        for table in tables {
            assert!(placed.iter().any(|&(_, e)| e == table.rows[0].entrant), "{} winner", table.name);
        }
        let mut pairs = 0;
        for (i, &(la, a)) in placed.iter().enumerate() {
            for &(lb, b) in &placed[i + 1..] {
                if group_of[&a] == group_of[&b] {
                    pairs += 1;
                    assert_eq!(meeting_round(la, lb), 4, "oracle {oracle}: same group before the final");
                }
            }
        }
        assert_eq!(pairs, 4, "four runners-up with their group winners");
        // Group winners are seeded first: seed 1..12 of the knockout are
        // winners, so the four runners-up face winners in round 1.
        for m in t.matches().iter().filter(|m| m.layout.bracket == Bracket::Knockout && m.layout.round == 1) {
            let [a, b] = m.entrants().unwrap();
            let winner = |e: EntrantIdx| tables.iter().any(|t| t.rows[0].entrant == e);
            assert!(winner(a) || winner(b), "{}: two runners-up meet in round 1", m.id);
        }
        // Standings: the knockout placings first, then the rest.
        let rows = &t.standings().rows;
        assert_eq!(rows.len(), 72);
        assert_eq!(rows[0].place, 1);
        assert_eq!(rows[15].place, 9);
        assert_eq!(rows[16].place, 17);
        assert_eq!(rows[71].place, 72);
        assert!(rows[..16].iter().all(|r| r.eliminated_in.is_some() || r.place == 1));
    }
}

#[test]
fn two_qualifiers_per_group_and_bracket_groups() {
    // 24 qualifiers (12 groups × 2) in a 32-line knockout with 8 byes: both
    // from a group in opposite halves.
    for format in [GroupFormat::RoundRobin, GroupFormat::SingleElimination] {
        let stage = GroupStage { group_format: format, qualifiers_per_group: 2, ..GroupStage::default() };
        let mut t =
            Tournament::new(TournamentConfig::new(Format::GroupsThenKnockout(stage)).seed(5), entrants(72)).unwrap();
        if format == GroupFormat::SingleElimination {
            let m = t.match_by_id("G3-SF1").unwrap();
            assert_eq!(m.round_name, "Group C semi-final");
        }
        run_shuffled(&mut t, 5, 6);
        let group_of: BTreeMap<EntrantIdx, usize> =
            t.groups().iter().enumerate().flat_map(|(g, grp)| grp.members.iter().map(move |&e| (e, g))).collect();
        let lines = first_round_lines(&t, Bracket::Knockout);
        assert_eq!(lines.len(), 32);
        assert_eq!(lines.iter().filter(|l| l.is_some()).count(), 24);
        for (la, a) in lines.iter().enumerate() {
            for (lb, b) in lines.iter().enumerate().skip(la + 1) {
                if let (Some(a), Some(b)) = (a, b)
                    && group_of[a] == group_of[b]
                {
                    assert_eq!(meeting_round(la as u32, lb as u32), 5, "{format:?}");
                }
            }
        }
        // Group tables rank every member; the top two of each went through.
        for table in &t.standings().groups {
            assert_eq!(table.rows.len(), 6);
            for r in &table.rows[..2] {
                assert!(lines.contains(&Some(r.entrant)), "{}: {} missing", table.name, r.name);
            }
        }
        assert!(t.is_finished());
    }
}

#[test]
fn bad_group_settings_are_refused() {
    let bad = |stage: GroupStage, n: u32| {
        Tournament::new(TournamentConfig::new(Format::GroupsThenKnockout(stage)), entrants(n)).unwrap_err()
    };
    let e = bad(GroupStage { group_size: 2, qualifiers_per_group: 1, ..GroupStage::default() }, 3);
    assert!(e.to_string().contains("leaves a group of 1"), "{e}");
    let e = bad(GroupStage { qualifiers_per_group: 7, ..GroupStage::default() }, 12);
    assert!(e.to_string().contains("qualifiers_per_group"), "{e}");
    let e = bad(GroupStage { knockout_size: Some(100), ..GroupStage::default() }, 72);
    assert!(e.to_string().contains("knockout_size"), "{e}");
    let e = bad(GroupStage { group_size: 1, ..GroupStage::default() }, 6);
    assert!(e.to_string().contains("group_size must be at least 2"), "{e}");
}

mod cross_seeding {
    use arena_tournament::{bracket_order, bracket_size, cross_seed, meeting_round, seed_band};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Winners of G groups (in any order), then runners-up (in any
        /// order): the two of every group end in opposite halves, and
        /// everyone stays on a line of its own seed band.
        #[test]
        fn group_mates_in_opposite_halves(
            g in 2u32..=32,
            winners in any::<u64>(),
            runners in any::<u64>(),
        ) {
            let perm = |seed: u64| {
                let mut v: Vec<u32> = (0..g).collect();
                let mut s = seed;
                for i in (1..v.len()).rev() {
                    s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    v.swap(i, (s >> 33) as usize % (i + 1));
                }
                v
            };
            let mut groups = perm(winners);
            groups.extend(perm(runners));
            let size = bracket_size(groups.len() as u32);
            let lines = cross_seed(&groups, size);
            let levels = size.trailing_zeros();
            for i in 0..groups.len() {
                for j in i + 1..groups.len() {
                    if groups[i] == groups[j] {
                        prop_assert_eq!(meeting_round(lines[i], lines[j]), levels, "{:?}", groups);
                    }
                }
            }
            let order = bracket_order(size);
            let mut seen = std::collections::BTreeSet::new();
            for (q, &l) in lines.iter().enumerate() {
                prop_assert!(seen.insert(l), "two qualifiers on line {}", l);
                prop_assert_eq!(seed_band(order[l as usize]), seed_band(q as u32 + 1));
            }
        }
    }
}
