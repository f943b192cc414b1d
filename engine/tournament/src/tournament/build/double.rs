//! Double elimination: the winners' bracket, the losers' bracket with its
//! drop-in rounds, the grand final and its optional reset.

use super::seeded_lines;
use crate::bracket::drop_in_orders;
use crate::{Bracket, EntrantIdx, Layout, Source, Tournament};

impl Tournament {
    pub(in crate::tournament) fn build_double(&mut self, seeds: &[EntrantIdx], reset: bool) {
        let lines = seeded_lines(seeds);
        let size = lines.len() as u32;
        let rounds = size.trailing_zeros();
        // Winners' bracket.
        let mut w: Vec<Vec<String>> = Vec::new();
        for r in 1..=rounds {
            let count = size >> r;
            let name = if r == rounds {
                "Winners final".to_owned()
            } else if r + 1 == rounds {
                "Winners semi-final".to_owned()
            } else {
                format!("Winners round {r}")
            };
            let mut ids = Vec::new();
            for p in 1..=count {
                let id = format!("W{r}-{p}");
                let sources = super::feeders(&lines, &w, r, p);
                let layout = Layout { bracket: Bracket::Winners, round: r, position: p };
                self.push(id.clone(), name.clone(), layout, sources, true, None);
                ids.push(id);
            }
            w.push(ids);
        }
        // Losers' bracket: 2 * (rounds - 1) rounds.
        let lb_rounds = 2 * (rounds - 1);
        let drops = drop_in_orders(size);
        let mut prev: Vec<String> = Vec::new();
        for j in 1..=lb_rounds {
            let name = if j == lb_rounds { "Losers final".to_owned() } else { format!("Losers round {j}") };
            let mut ids = Vec::new();
            let mut add = |t: &mut Self, p: u32, sources: [Source; 2]| {
                let id = format!("L{j}-{p}");
                let layout = Layout { bracket: Bracket::Losers, round: j, position: p };
                t.push(id.clone(), name.clone(), layout, sources, true, Some(j));
                ids.push(id);
            };
            if j == 1 {
                for p in 1..=size / 4 {
                    let sources = [
                        Source::Loser { of: w[0][(2 * p - 2) as usize].clone() },
                        Source::Loser { of: w[0][(2 * p - 1) as usize].clone() },
                    ];
                    add(self, p, sources);
                }
            } else if j % 2 == 0 {
                // Drop-in: losers of winners' round j/2 + 1.
                let r = j / 2 + 1;
                let order = &drops[(r - 2) as usize];
                for (i, &from) in order.iter().enumerate() {
                    let sources = [
                        Source::Winner { of: prev[i].clone() },
                        Source::Loser { of: w[(r - 1) as usize][from as usize].clone() },
                    ];
                    add(self, i as u32 + 1, sources);
                }
            } else {
                for p in 1..=(prev.len() / 2) as u32 {
                    let sources = [
                        Source::Winner { of: prev[(2 * p - 2) as usize].clone() },
                        Source::Winner { of: prev[(2 * p - 1) as usize].clone() },
                    ];
                    add(self, p, sources);
                }
            }
            prev = ids;
        }
        let wb_champion = Source::Winner { of: w[(rounds - 1) as usize][0].clone() };
        let lb_champion =
            if lb_rounds == 0 { Source::Loser { of: w[0][0].clone() } } else { Source::Winner { of: prev[0].clone() } };
        let tier = lb_rounds + 1;
        self.push(
            "GF".to_owned(),
            "Grand final".to_owned(),
            Layout { bracket: Bracket::GrandFinal, round: 1, position: 1 },
            [wb_champion, lb_champion],
            true,
            Some(tier),
        );
        if reset {
            self.push(
                "GF2".to_owned(),
                "Grand final reset".to_owned(),
                Layout { bracket: Bracket::GrandFinal, round: 2, position: 1 },
                [Source::Loser { of: "GF".to_owned() }, Source::Winner { of: "GF".to_owned() }],
                true,
                Some(tier),
            );
            self.matches.last_mut().expect("just pushed").reset_of = Some("GF".to_owned());
        }
    }
}
