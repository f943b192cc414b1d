//! `arena tournament show`: the bracket, the group tables or the standings,
//! drawn as text that reads at a glance.

use std::collections::BTreeMap;
use std::fmt::Write;

use arena_live::LiveState;
use arena_tournament::{Bracket, MatchRecord, MatchStatus, Occupant, Slot, Standing, Tournament};

/// Width of an entrant's name in a bracket box.
const NAME: usize = 20;

/// Draws the whole state: title, each bracket as a tree (or list), group
/// tables, then the standings with ratings.
pub fn render(state: &LiveState) -> String {
    let t = &state.tournament;
    let mut out = String::new();
    let status = if state.finished {
        "finished".to_owned()
    } else {
        let done = t.matches().iter().filter(|m| m.status == MatchStatus::Finished).count();
        format!("in progress: {done} matches played")
    };
    let _ = writeln!(out, "{} ({status})\n", state.name);

    let mut brackets: BTreeMap<u32, (Bracket, Vec<&MatchRecord>)> = BTreeMap::new();
    for m in t.matches() {
        let key = bracket_order(m.layout.bracket);
        brackets.entry(key).or_insert((m.layout.bracket, Vec::new())).1.push(m);
    }
    for (bracket, matches) in brackets.values() {
        match bracket {
            Bracket::Single | Bracket::Winners | Bracket::Knockout => {
                let _ = writeln!(out, "{}", title(*bracket));
                out.push_str(&tree(t, matches));
            }
            Bracket::Losers | Bracket::GrandFinal => {
                let _ = writeln!(out, "{}", title(*bracket));
                out.push_str(&rounds(t, matches));
            }
            // Group and league matches are summed up by the tables below.
            Bracket::Group { .. } | Bracket::Rounds => {}
        }
        out.push('\n');
    }
    let standings = t.standings();
    for g in &standings.groups {
        let _ = writeln!(out, "{}", g.name);
        out.push_str(&table(&g.rows, 6));
        out.push('\n');
    }
    let _ = writeln!(out, "{}", if standings.complete { "Final standings" } else { "Standings so far" });
    out.push_str(&table(&standings.rows, 16));
    out
}

fn bracket_order(b: Bracket) -> u32 {
    match b {
        Bracket::Group { group } => group,
        Bracket::Rounds => 1000,
        Bracket::Single | Bracket::Winners => 2000,
        Bracket::Losers => 2001,
        Bracket::GrandFinal => 2002,
        Bracket::Knockout => 2003,
    }
}

fn title(b: Bracket) -> &'static str {
    match b {
        Bracket::Single => "Bracket",
        Bracket::Winners => "Winners' bracket",
        Bracket::Losers => "Losers' bracket",
        Bracket::GrandFinal => "Grand final",
        Bracket::Knockout => "Final bracket",
        Bracket::Rounds | Bracket::Group { .. } => "Rounds",
    }
}

/// One slot's line: `(seed) name  score`, the winner marked with `>`.
fn slot_line(t: &Tournament, m: &MatchRecord, slot: Slot) -> String {
    let info = &m.slots[slot.index()];
    let (name, won) = match info.occupant {
        Occupant::Entrant(e) => {
            let entrant = &t.entrants()[e.index()];
            (format!("({}) {}", e.seed(), entrant.name), m.winner == Some(e) && m.status.is_done())
        }
        Occupant::Bye => ("bye".to_owned(), false),
        Occupant::Unknown => (info.source.describe(), false),
    };
    let score = match m.status {
        MatchStatus::Finished => m.score()[slot.index()].to_string(),
        MatchStatus::Running => "…".to_owned(),
        _ => " ".to_owned(),
    };
    let name: String =
        if name.chars().count() > NAME { name.chars().take(NAME - 1).chain(['…']).collect() } else { name };
    format!("{}{name:<NAME$} {score:>1}", if won { ">" } else { " " })
}

/// An elimination bracket as a tree: one column per round, each match
/// centred between the two that feed it.
fn tree(t: &Tournament, matches: &[&MatchRecord]) -> String {
    let rounds = matches.iter().map(|m| m.layout.round).max().unwrap_or(0) as usize;
    let first = matches.iter().filter(|m| m.layout.round == 1).count().max(1);
    let height = first * 4;
    let width = NAME + 3;
    let column = width + 4;
    let mut grid = vec![vec![' '; column * rounds]; height + 1];
    let mut put = |line: usize, col: usize, text: &str| {
        if let Some(row) = grid.get_mut(line) {
            for (i, c) in text.chars().enumerate() {
                if let Some(cell) = row.get_mut(col + i) {
                    *cell = c;
                }
            }
        }
    };
    for r in 1..=rounds {
        let block = 4usize << (r - 1);
        let col = (r - 1) * column;
        let name = matches.iter().find(|m| m.layout.round == r as u32).map_or("", |m| m.round_name.as_str());
        put(0, col, &format!(" {name}"));
        for m in matches.iter().filter(|m| m.layout.round == r as u32) {
            let p = m.layout.position as usize - 1;
            let top = p * block + block / 2 - 1 + 1;
            put(top, col, &slot_line(t, m, Slot::A));
            put(top + 1, col, &slot_line(t, m, Slot::B));
            if r < rounds {
                // The connector towards the next round's match.
                put(top, col + width, " ─┐");
                put(top + 1, col + width, " ─┘");
                let next_top = (p / 2) * block * 2 + block - 1 + 1;
                let (from, to) = if p.is_multiple_of(2) { (top + 2, next_top) } else { (next_top + 2, top) };
                for line in from..to {
                    put(line, col + width + 2, "│");
                }
                let joint = if p.is_multiple_of(2) { next_top } else { next_top + 1 };
                put(joint, col + width + 2, if p.is_multiple_of(2) { "└─" } else { "┌─" });
            }
        }
    }
    let mut out = String::new();
    for row in grid {
        let line: String = row.into_iter().collect();
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// Matches listed round by round (losers' bracket, grand final).
fn rounds(t: &Tournament, matches: &[&MatchRecord]) -> String {
    let mut out = String::new();
    let mut by_round: BTreeMap<u32, Vec<&MatchRecord>> = BTreeMap::new();
    for m in matches {
        by_round.entry(m.layout.round).or_default().push(m);
    }
    for ms in by_round.values() {
        let _ = writeln!(out, " {}", ms[0].round_name);
        for m in ms {
            if m.status == MatchStatus::Skipped {
                let _ = writeln!(out, "  {}: not needed", m.id);
                continue;
            }
            let _ =
                writeln!(out, "  {}  vs  {}", slot_line(t, m, Slot::A).trim_end(), slot_line(t, m, Slot::B).trim_end());
        }
    }
    out
}

/// A standings table, at most `limit` rows (and every row in the top places).
fn table(rows: &[Standing], limit: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  {:>4}  {:<NAME$}  {:>5}  {:>7}  {:>6}  {:>11}",
        "#", "entrant", "W-D-L", "games", "points", "rating"
    );
    for s in rows.iter().take(limit) {
        let _ = writeln!(
            out,
            "  {:>4}  {:<NAME$}  {:>5}  {:>7}  {:>6}  {:>5.0} ± {:<3.0}",
            s.place,
            s.name.chars().take(NAME).collect::<String>(),
            format!("{}-{}-{}", s.wins, s.draws, s.losses),
            format!("{}-{}", s.game_wins, s.game_losses),
            format!("{:.1}", s.points),
            s.rating,
            s.deviation
        );
    }
    if rows.len() > limit {
        let _ = writeln!(out, "  … and {} more", rows.len() - limit);
    }
    out
}
