//! Swiss pairing: within score groups, no rematches, at most one bye each.

use std::collections::BTreeSet;

use crate::{EntrantIdx, Slot};

/// An entrant as the Swiss pairing sees it.
#[derive(Clone, Debug)]
pub(crate) struct SwissPlayer {
    pub entrant: EntrantIdx,
    /// Points so far, in half points.
    pub score: i64,
    pub had_bye: bool,
    /// Times in slot A minus times in slot B.
    pub balance: i32,
    /// The slot of the last match played.
    pub last: Option<Slot>,
}

/// A round's pairing: matches (slot A first) in board order, and the bye.
pub(crate) type Pairing = (Vec<[EntrantIdx; 2]>, Option<EntrantIdx>);

/// The most pairing steps tried before giving up on a round.
const BUDGET: u64 = 20_000;

/// Pairs one round. `players` is in ranking order (best first). Returns
/// `None` when no pairing without a rematch (and without a second bye)
/// exists.
///
/// A depth-first search in Dutch order finds the pairing; if it has not
/// found one within its budget (late rounds of a long Swiss), a maximum
/// matching (Edmonds' blossom algorithm) over the allowed pairs finds any
/// valid one, or proves there is none.
pub(crate) fn pair_round(players: &[SwissPlayer], played: &BTreeSet<(EntrantIdx, EntrantIdx)>) -> Option<Pairing> {
    let met = |a: usize, b: usize| {
        let (x, y) = (players[a].entrant, players[b].entrant);
        played.contains(&(x.min(y), x.max(y)))
    };
    // First keep sides in balance (nobody three more times in one slot than
    // the other); if that leaves no pairing, drop the side condition.
    for strict_sides in [true, false] {
        if let Some(p) = search(players, &met, strict_sides) {
            return Some(p);
        }
    }
    None
}

/// Whether `p` and `q` may meet: never again, and with `strict_sides` not
/// when both already lean two games the same way (one would reach three).
fn allowed(p: &SwissPlayer, q: &SwissPlayer, strict_sides: bool) -> bool {
    !(strict_sides && same_lean(p, q) && p.balance.abs().min(q.balance.abs()) >= 2)
}

/// Whether `p` and `q` both lean the same way (both had slot A more, or
/// both slot B), so that one of them must take its less-played slot.
fn same_lean(p: &SwissPlayer, q: &SwissPlayer) -> bool {
    p.balance.signum() == q.balance.signum() && p.balance != 0
}

fn search(players: &[SwissPlayer], met: &dyn Fn(usize, usize) -> bool, strict_sides: bool) -> Option<Pairing> {
    let n = players.len();
    let ok = |a: usize, b: usize| !met(a, b) && allowed(&players[a], &players[b], strict_sides);
    // The bye goes to the lowest-ranked entrant without one for whom the
    // rest can still be paired.
    let bye_candidates: Vec<Option<usize>> =
        if n % 2 == 1 { (0..n).rev().filter(|&i| !players[i].had_bye).map(Some).collect() } else { vec![None] };
    let finish = |pairs: Vec<(usize, usize)>, bye: Option<usize>| -> Pairing {
        let matches = pairs.iter().enumerate().map(|(board, &(p, q))| sides(&players[p], &players[q], board)).collect();
        (matches, bye.map(|b| players[b].entrant))
    };
    let mut budget = BUDGET;
    for &bye in &bye_candidates {
        let mut used = vec![false; n];
        if let Some(b) = bye {
            used[b] = true;
        }
        let mut pairs = Vec::new();
        if dfs(players, &ok, &mut used, &mut pairs, &mut budget) {
            return Some(finish(pairs, bye));
        }
        if budget == 0 {
            break;
        }
    }
    if budget > 0 {
        // The search was exhaustive: no pairing exists.
        return None;
    }
    // The search gave up: any pairing will do, found by a maximum matching.
    for &bye in &bye_candidates {
        let idx: Vec<usize> = (0..n).filter(|&i| Some(i) != bye).collect();
        if let Some(mut pairs) = perfect_matching(&idx, &ok) {
            pairs.sort();
            return Some(finish(pairs, bye));
        }
    }
    None
}

/// Depth-first search: the best-ranked unpaired entrant takes the first
/// opponent it has not met, in Dutch order: within its score group the
/// one half a group below it (1 v 3, 2 v 4 in a group of four), then the
/// rest of the group, then lower score groups in ranking order.
fn dfs(
    players: &[SwissPlayer],
    ok: &dyn Fn(usize, usize) -> bool,
    used: &mut [bool],
    pairs: &mut Vec<(usize, usize)>,
    budget: &mut u64,
) -> bool {
    let Some(p) = used.iter().position(|u| !u) else {
        return true;
    };
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    used[p] = true;
    let rest: Vec<usize> = (p + 1..players.len()).filter(|&i| !used[i]).collect();
    let group = rest.iter().take_while(|&&i| players[i].score == players[p].score).count();
    let k = group.div_ceil(2).saturating_sub(1).min(group);
    // Within the score group, opponents that lean the other way first
    // (a stable reorder of the Dutch order), so that sides stay balanced.
    let in_group: Vec<usize> = rest[k..group].iter().chain(rest[..k].iter().rev()).copied().collect();
    let (mut order, leaning): (Vec<usize>, Vec<usize>) =
        in_group.into_iter().partition(|&q| !same_lean(&players[p], &players[q]));
    order.extend(leaning);
    order.extend(rest[group..].iter().copied());
    for q in order {
        if !ok(p, q) {
            continue;
        }
        used[q] = true;
        pairs.push((p, q));
        if dfs(players, ok, used, pairs, budget) {
            return true;
        }
        pairs.pop();
        used[q] = false;
        if *budget == 0 {
            break;
        }
    }
    used[p] = false;
    false
}

/// Gives slot A to the entrant that has had it less; on a tie to the one
/// that had slot B last; otherwise the better-ranked entrant takes A on
/// odd boards (from 1) and B on even ones.
fn sides(p: &SwissPlayer, q: &SwissPlayer, board: usize) -> [EntrantIdx; 2] {
    let p_first = match p.balance.cmp(&q.balance) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => match (p.last, q.last) {
            (Some(Slot::B), Some(Slot::A)) => true,
            (Some(Slot::A), Some(Slot::B)) => false,
            _ => board.is_multiple_of(2),
        },
    };
    if p_first { [p.entrant, q.entrant] } else { [q.entrant, p.entrant] }
}

/// A perfect matching of `vertices` over the pairs `ok` allows, by Edmonds'
/// blossom algorithm, or `None` if there is none. Pairs `(a, b)`, `a < b`.
fn perfect_matching(vertices: &[usize], ok: &dyn Fn(usize, usize) -> bool) -> Option<Vec<(usize, usize)>> {
    let n = vertices.len();
    let adj: Vec<Vec<usize>> =
        (0..n).map(|i| (0..n).filter(|&j| j != i && ok(vertices[i], vertices[j])).collect()).collect();
    const NONE: usize = usize::MAX;
    let mut mate = vec![NONE; n];
    let mut parent = vec![NONE; n];
    let mut base: Vec<usize> = (0..n).collect();
    for root in 0..n {
        if mate[root] != NONE {
            continue;
        }
        // Breadth-first search for an augmenting path from `root`.
        let mut used = vec![false; n];
        parent.iter_mut().for_each(|p| *p = NONE);
        base.iter_mut().enumerate().for_each(|(i, b)| *b = i);
        used[root] = true;
        let mut queue = std::collections::VecDeque::from([root]);
        let mut end = NONE;
        'search: while let Some(v) = queue.pop_front() {
            for &to in &adj[v] {
                if base[v] == base[to] || mate[v] == to {
                    continue;
                }
                if to == root || (mate[to] != NONE && parent[mate[to]] != NONE) {
                    // An odd cycle: shrink the blossom to its base.
                    let lca = {
                        let mut seen = vec![false; n];
                        let mut a = v;
                        loop {
                            a = base[a];
                            seen[a] = true;
                            if mate[a] == NONE {
                                break;
                            }
                            a = parent[mate[a]];
                        }
                        let mut b = to;
                        loop {
                            b = base[b];
                            if seen[b] {
                                break b;
                            }
                            b = parent[mate[b]];
                        }
                    };
                    let mut in_blossom = vec![false; n];
                    for (start, child) in [(v, to), (to, v)] {
                        let (mut x, mut c) = (start, child);
                        while base[x] != lca {
                            in_blossom[base[x]] = true;
                            in_blossom[base[mate[x]]] = true;
                            parent[x] = c;
                            c = mate[x];
                            x = parent[mate[x]];
                        }
                    }
                    for i in 0..n {
                        if in_blossom[base[i]] {
                            base[i] = lca;
                            if !used[i] {
                                used[i] = true;
                                queue.push_back(i);
                            }
                        }
                    }
                } else if parent[to] == NONE {
                    parent[to] = v;
                    if mate[to] == NONE {
                        end = to;
                        break 'search;
                    }
                    used[mate[to]] = true;
                    queue.push_back(mate[to]);
                }
            }
        }
        // Augment along the path found.
        let mut u = end;
        while u != NONE {
            let pv = parent[u];
            let next = mate[pv];
            mate[u] = pv;
            mate[pv] = u;
            u = next;
        }
    }
    if mate.contains(&NONE) {
        return None;
    }
    Some((0..n).filter(|&i| i < mate[i]).map(|i| (vertices[i], vertices[mate[i]])).collect())
}

#[cfg(test)]
mod tests {
    use super::perfect_matching;

    #[test]
    fn blossom_finds_perfect_matchings() {
        // A 6-cycle with a chord: perfect matching exists.
        let edges = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0), (0, 3)];
        let ok = |a: usize, b: usize| edges.contains(&(a.min(b), a.max(b))) || edges.contains(&(a, b));
        let m = perfect_matching(&[0, 1, 2, 3, 4, 5], &ok).unwrap();
        assert_eq!(m.len(), 3);
        for &(a, b) in &m {
            assert!(ok(a, b));
        }
        // Two triangles joined by one edge need a blossom: 0-1-2, 3-4-5, 2-3.
        let edges2 = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)];
        let ok2 = |a: usize, b: usize| edges2.contains(&(a.min(b), a.max(b)));
        assert_eq!(perfect_matching(&[0, 1, 2, 3, 4, 5], &ok2).unwrap().len(), 3);
        // A star has none.
        let ok3 = |a: usize, b: usize| a == 0 || b == 0;
        assert!(perfect_matching(&[0, 1, 2, 3], &ok3).is_none());
        // Complete graphs always do; check many sizes against brute force.
        for n in (2..=12).step_by(2) {
            let ok4 = |a: usize, b: usize| !(a * 7 + b * 7 + a * b).is_multiple_of(3) || a.abs_diff(b) == 1;
            let v: Vec<usize> = (0..n).collect();
            assert_eq!(perfect_matching(&v, &ok4).is_some(), brute(&v, &ok4), "n = {n}");
        }
    }

    fn brute(v: &[usize], ok: &dyn Fn(usize, usize) -> bool) -> bool {
        if v.is_empty() {
            return true;
        }
        (1..v.len()).any(|j| {
            ok(v[0], v[j]) && {
                let rest: Vec<usize> = v[1..].iter().copied().filter(|&x| x != v[j]).collect();
                brute(&rest, ok)
            }
        })
    }
}
