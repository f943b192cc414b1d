//! Elimination brackets: standard seeding, byes, the losers' bracket
//! drop-in order, and cross-seeding that keeps entrants of one group apart.

use std::collections::BTreeMap;

/// The number of lines of the bracket for `entrants` entrants: the next
/// power of two (at least 2).
pub fn bracket_size(entrants: u32) -> u32 {
    entrants.max(2).next_power_of_two()
}

/// Seeds (from 1) in bracket line order, top to bottom, for a bracket of
/// `size` lines (a power of two, at least 2).
///
/// Standard seeding: seed 1 and seed 2 can meet only in the final, seeds
/// 1–4 only from the semi-finals on, and so on; in the first round seed `s`
/// meets seed `size + 1 - s`. Seed 1 is at the top and seed 2 at the
/// bottom; in every other pairing the better seed's half is drawn below
/// (the layout sports brackets use), so for 16 the first round reads
/// 1v16, 8v9, 5v12, 4v13, 6v11, 3v14, 7v10, 2v15. Seeds above the number of
/// entrants are byes; they fall to the top seeds and never two together.
pub fn bracket_order(size: u32) -> Vec<u32> {
    assert!(size >= 2 && size.is_power_of_two(), "bracket size must be a power of two, at least 2");
    // The best seed of every match, round by round from the final back.
    let mut best = vec![1u32];
    while (best.len() as u32) * 2 < size {
        let k = best.len() as u32 * 2; // matches in the earlier round
        best = best
            .iter()
            .flat_map(|&s| {
                let other = k + 1 - s;
                if s == 1 { [s, other] } else { [other, s] }
            })
            .collect();
    }
    best.iter().flat_map(|&s| [s, size + 1 - s]).collect()
}

/// The round (from 1) in which bracket lines `a` and `b` (from 0) can first
/// meet: 1 if they share a first-round match, the last round if they are in
/// opposite halves.
pub fn meeting_round(a: u32, b: u32) -> u32 {
    debug_assert_ne!(a, b);
    32 - (a ^ b).leading_zeros()
}

/// The seed band of seed `s` (from 1): seeds in one band are equals in
/// standard seeding (1 | 2 | 3–4 | 5–8 | 9–16 | ...), so entrants may swap
/// lines within a band without making any seed's path harder.
pub fn seed_band(s: u32) -> u32 {
    if s <= 2 { s - 1 } else { 32 - (s - 1).leading_zeros() }
}

/// The order in which the losers of each winners' round drop into the
/// losers' bracket, for a winners' bracket of `size` lines. Entry `r - 2`
/// is for winners' round `r` (from 2): its entry `i` is the position (from
/// 0) in that winners' round whose loser goes to losers' match `i` of the
/// drop-in round. (Losers of winners' round 1 meet each other in order.)
///
/// Each drop-in round takes, of the orders common bracket software uses
/// (reversed, halves swapped, each half reversed, pairs flipped, natural;
/// in that preference on ties), the one that leaves the fewest possible
/// rematches in that round and the losers' round after it, given the
/// earlier choices: two entrants could have met already when one lost in
/// the winners' bracket inside the block of lines the other came through.
/// With 8 lines the losers of the winners' semi-finals drop in reversed.
pub fn drop_in_orders(size: u32) -> Vec<Vec<u32>> {
    assert!(size >= 2 && size.is_power_of_two());
    let rounds = size.trailing_zeros();
    // An entrant in the losers' bracket is known by where it lost in the
    // winners' bracket: (round, position), its block of 2^round lines.
    type Block = (u32, u32);
    let contains = |a: Block, b: Block| a.0 >= b.0 && (b.1 >> (a.0 - b.0)) == a.1;
    let risk = |a: Block, b: Block| u64::from(contains(a, b) || contains(b, a));
    let mut pools: Vec<Vec<Block>> = (0..size / 4).map(|i| vec![(1, 2 * i), (1, 2 * i + 1)]).collect();
    let mut out = Vec::new();
    for r in 2..=rounds {
        let m = size >> r;
        let candidates = drop_patterns(m);
        let mut best: Option<([u64; 2], Vec<u32>)> = None;
        for perm in candidates {
            let mut cost = [0u64; 2];
            let mut next: Vec<Vec<Block>> = Vec::with_capacity(m as usize);
            for (i, &j) in perm.iter().enumerate() {
                let d = (r, j);
                cost[0] += pools[i].iter().map(|&x| risk(x, d)).sum::<u64>();
                let mut p = pools[i].clone();
                p.push(d);
                next.push(p);
            }
            if r < rounds {
                for pair in next.chunks(2) {
                    cost[1] += pair[0].iter().map(|&x| pair[1].iter().map(|&y| risk(x, y)).sum::<u64>()).sum::<u64>();
                }
            }
            if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                best = Some((cost, perm));
            }
        }
        let (_, perm) = best.expect("at least one drop-in pattern");
        let mut next: Vec<Vec<Block>> = Vec::new();
        for (i, &j) in perm.iter().enumerate() {
            let mut p = std::mem::take(&mut pools[i]);
            p.push((r, j));
            next.push(p);
        }
        if r < rounds {
            next = next.chunks(2).map(|c| c.concat()).collect();
        }
        pools = next;
        out.push(perm);
    }
    out
}

/// The candidate drop-in orders for `m` losers, in preference order.
fn drop_patterns(m: u32) -> Vec<Vec<u32>> {
    let natural: Vec<u32> = (0..m).collect();
    if m < 2 {
        return vec![natural];
    }
    let h = m / 2;
    vec![
        natural.iter().rev().copied().collect(),
        (h..m).chain(0..h).collect(),
        (0..h).rev().chain((h..m).rev()).collect(),
        natural.iter().map(|&x| x ^ 1).collect(),
        natural,
    ]
}

/// Cross-seeds qualifiers into bracket lines, keeping entrants of the same
/// group apart as long as possible.
///
/// `groups[i]` is the group of the qualifier seeded `i + 1`; `size` is the
/// bracket size (seeds past the last qualifier are byes). Qualifiers may
/// only move between lines of their own seed band ([`seed_band`]), so that
/// nobody's path gets harder than its seed promises, and byes stay with the
/// top seeds. Top down, each block of the bracket is split into its two
/// halves exactly (a small dynamic programme over the groups): first as few
/// same-group pairs as possible in the same half, then, among equal splits,
/// as many qualifiers as possible on the side of their standard line. Then
/// each half is split the same way, down to single lines. Same-group
/// entrants therefore meet as late as the bands allow. Returns, for each
/// qualifier, its line (from 0). Deterministic.
pub fn cross_seed(groups: &[u32], size: u32) -> Vec<u32> {
    let n = groups.len();
    assert!(n as u32 <= size);
    let order = bracket_order(size);
    let mut home = vec![0u32; n];
    for (line, &s) in order.iter().enumerate() {
        if (s as usize) <= n {
            home[(s - 1) as usize] = line as u32;
        }
    }
    let mut out = vec![0u32; n];
    let all: Vec<usize> = (0..n).collect();
    place_block(0, size, &all, groups, &order, &home, &mut out);
    out
}

/// Places `quals` on the entrant lines of the block `start..start + len`.
fn place_block(start: u32, len: u32, quals: &[usize], groups: &[u32], order: &[u32], home: &[u32], out: &mut [u32]) {
    let n = groups.len() as u32;
    if quals.is_empty() {
        return;
    }
    if len == 1 {
        debug_assert_eq!(quals.len(), 1);
        out[quals[0]] = start;
        return;
    }
    let half = len / 2;
    let band = |q: usize| seed_band(q as u32 + 1);
    // Bands in this block, and how many entrant lines of each the left half has.
    let mut bands: Vec<u32> = quals.iter().map(|&q| band(q)).collect();
    bands.sort();
    bands.dedup();
    let bi = |b: u32| bands.binary_search(&b).expect("a band of this block");
    let mut cap = vec![0u8; bands.len()];
    for line in start..start + half {
        let s = order[line as usize];
        if s <= n {
            cap[bi(seed_band(s))] += 1;
        }
    }
    // Units: the qualifiers of one group, in seed order of their best.
    let mut units: Vec<Vec<usize>> = Vec::new();
    for &q in quals {
        match units.iter_mut().find(|u| groups[u[0]] == groups[q]) {
            Some(u) => u.push(q),
            None => units.push(vec![q]),
        }
    }
    // Per band, qualifiers in the units after unit i (for pruning).
    let mut after = vec![vec![0u8; bands.len()]; units.len() + 1];
    for i in (0..units.len()).rev() {
        after[i] = after[i + 1].clone();
        for &q in &units[i] {
            after[i][bi(band(q))] += 1;
        }
    }
    // DP over units: state = qualifiers sent left per band; value = (same-
    // group pairs on one side, qualifiers away from their home side).
    type Key = Vec<u8>;
    /// Best (pairs, away) reaching a state, the state before, the unit's mask.
    type Step = ((u32, u32), Key, u32);
    let mut layers: Vec<BTreeMap<Key, Step>> = Vec::with_capacity(units.len());
    let mut current: BTreeMap<Key, (u32, u32)> = BTreeMap::from([(vec![0u8; bands.len()], (0, 0))]);
    for (i, unit) in units.iter().enumerate() {
        let mut next: BTreeMap<Key, Step> = BTreeMap::new();
        for (state, &(pairs, away)) in &current {
            for mask in 0u32..(1 << unit.len()) {
                let mut s = state.clone();
                let mut left = 0u32;
                let mut moved = 0u32;
                for (k, &q) in unit.iter().enumerate() {
                    let goes_left = mask & (1 << k) != 0;
                    if goes_left {
                        s[bi(band(q))] += 1;
                        left += 1;
                    }
                    let home_left = (start..start + half).contains(&home[q]);
                    let home_here = (start..start + len).contains(&home[q]);
                    if home_here && home_left != goes_left {
                        moved += 1;
                    }
                }
                // Prune: never over a capacity, and enough left to fill it.
                if (0..bands.len()).any(|b| s[b] > cap[b] || s[b] + after[i + 1][b] < cap[b]) {
                    continue;
                }
                let right = unit.len() as u32 - left;
                let cost =
                    (pairs + left * left.saturating_sub(1) / 2 + right * right.saturating_sub(1) / 2, away + moved);
                if next.get(&s).is_none_or(|(c, _, _)| cost < *c) {
                    next.insert(s, (cost, state.clone(), mask));
                }
            }
        }
        current = next.iter().map(|(k, (c, _, _))| (k.clone(), *c)).collect();
        layers.push(next);
    }
    // Walk back from the full state.
    let mut state = cap.clone();
    let mut left_quals = Vec::new();
    let mut right_quals = Vec::new();
    for (i, unit) in units.iter().enumerate().rev() {
        let (_, prev, mask) = layers[i].get(&state).expect("band counts always add up").clone();
        for (k, &q) in unit.iter().enumerate() {
            if mask & (1 << k) != 0 { left_quals.push(q) } else { right_quals.push(q) }
        }
        state = prev;
    }
    left_quals.sort();
    right_quals.sort();
    place_block(start, half, &left_quals, groups, order, home, out);
    place_block(start + half, half, &right_quals, groups, order, home, out);
}

/// Deals `entrants` (in seed order) into `groups` groups, snake fashion:
/// seeds 1..G into groups 1..G, seeds G+1..2G into groups G..1, and so on.
/// Returns each entrant's group (from 0).
pub fn snake_groups(entrants: u32, groups: u32) -> Vec<u32> {
    (0..entrants)
        .map(|i| {
            let row = i / groups;
            let col = i % groups;
            if row.is_multiple_of(2) { col } else { groups - 1 - col }
        })
        .collect()
}

/// The name of group `g` (from 0): A, B, ..., Z, AA, AB, ...
pub fn group_letter(g: u32) -> String {
    let mut n = g + 1;
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

/// The short code and the name of a round of a single-elimination bracket:
/// round `round` (from 1) of `rounds`.
pub fn knockout_round(round: u32, rounds: u32) -> (&'static str, String) {
    let left = rounds - round; // rounds after this one
    match left {
        0 => ("F", "Final".to_owned()),
        1 => ("SF", "Semi-final".to_owned()),
        2 => ("QF", "Quarter-final".to_owned()),
        _ => ("R", format!("Round of {}", 1u32 << (left + 1))),
    }
}

/// The id suffix of match `position` (from 1) of knockout round `round` of
/// `rounds`: `F`, `SF2`, `QF3`, `R16-5`.
pub fn knockout_match_code(round: u32, rounds: u32, position: u32) -> String {
    let left = rounds - round;
    match left {
        0 => "F".to_owned(),
        1 => format!("SF{position}"),
        2 => format!("QF{position}"),
        _ => format!("R{}-{position}", 1u32 << (left + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_in_orders_small() {
        assert_eq!(drop_in_orders(2), Vec::<Vec<u32>>::new());
        assert_eq!(drop_in_orders(4), vec![vec![0]]);
        assert_eq!(drop_in_orders(8), vec![vec![1, 0], vec![0]]);
        assert_eq!(drop_in_orders(16), vec![vec![3, 2, 1, 0], vec![1, 0], vec![0]]);
        assert_eq!(drop_in_orders(32)[1], vec![2, 3, 0, 1]);
    }

    #[test]
    fn cross_seeding_moves_nobody_without_reason() {
        for n in 2..=40u32 {
            let size = bracket_size(n);
            let order = bracket_order(size);
            let groups: Vec<u32> = (0..n).collect();
            let lines = cross_seed(&groups, size);
            for (q, &l) in lines.iter().enumerate() {
                assert_eq!(order[l as usize], q as u32 + 1, "{n} qualifiers from {n} groups");
            }
        }
    }

    #[test]
    fn cross_seeding_four() {
        // A1, B1, B2, A2: standard seeding would give A1 v A2 in round 1.
        let lines = cross_seed(&[0, 1, 1, 0], 4);
        // Lines 0..4 hold seeds 1, 4, 2, 3: B2 moves to face A1, A2 to face B1.
        assert_eq!(lines, vec![0, 2, 1, 3]);
    }

    #[test]
    fn bands() {
        let b: Vec<u32> = (1..=17).map(seed_band).collect();
        assert_eq!(b, vec![0, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 5]);
    }

    #[test]
    fn letters() {
        assert_eq!(group_letter(0), "A");
        assert_eq!(group_letter(11), "L");
        assert_eq!(group_letter(25), "Z");
        assert_eq!(group_letter(26), "AA");
    }
}
