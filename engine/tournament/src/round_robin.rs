//! Round-robin schedules by the circle method.

/// The rounds of a single round robin among `n` players (0..n): each round
/// a list of pairs `[a, b]` (a takes slot A). Every pair meets exactly
/// once; with an odd `n` one player sits out each round.
///
/// Circle method: one position is fixed (the sit-out when `n` is odd) and
/// the others rotate one step a round. Sides: the fixed player alternates
/// A and B round by round; every other pair gives A by position, so that a
/// rotating player alternates sides as it moves and ends with as many A as
/// B games, give or take one.
pub fn circle_schedule(n: usize) -> Vec<Vec<[usize; 2]>> {
    if n < 2 {
        return Vec::new();
    }
    let odd = n % 2 == 1;
    let m = if odd { n + 1 } else { n };
    const SIT_OUT: usize = usize::MAX;
    // Position 0 is fixed; positions 1..m rotate.
    let players: Vec<usize> = if odd { std::iter::once(SIT_OUT).chain(0..n).collect() } else { (0..n).collect() };
    let k = m - 1;
    (0..k)
        .map(|r| {
            let at = |i: usize| -> usize { if i == 0 { players[0] } else { players[1 + (i - 1 + k - r % k) % k] } };
            let mut round = Vec::with_capacity(m / 2);
            for i in 0..m / 2 {
                let (top, bottom) = (at(i), at(m - 1 - i));
                if top == SIT_OUT || bottom == SIT_OUT {
                    continue;
                }
                let top_first = if i == 0 { r % 2 == 0 } else { i % 2 == 1 };
                round.push(if top_first { [top, bottom] } else { [bottom, top] });
            }
            round
        })
        .collect()
}
