//! Sample tournaments for the tests, the docs pictures and
//! `arena-viewer sample`: entrants with names in Latin and Hangul, played
//! by arena-sim's native fighters (no wasm), written as a tournament output
//! directory (`state.json` and one replay per game).

use std::collections::BTreeMap;
use std::path::Path;

use arena_live::{GameFile, LiveBot, LiveState, STATE_FORMAT};
use arena_sim::{Action, Approacher, BotIdentity, Fighter, Jumper, Observation, Rules, play};
use arena_tournament::{Entrant, Format, GameResult, Slot, Tournament, TournamentConfig};

const NAMES: [(&str, &str); 12] = [
    ("번개주먹", "minji"),
    ("Zoner", "ada"),
    ("Grappler", "kwon"),
    ("철벽 Turtle", "seo-yeon"),
    ("Kick Machine", "lin"),
    ("Jumpy Ωmega", "tomás"),
    ("불꽃 Fireballer", "haneul"),
    ("Counter Puncher", "ravi"),
    ("Sweeper", "jiho"),
    ("Anti-Air", "noor"),
    ("도깨비", "dokkaebi"),
    ("Ёжик Rushdown", "émile"),
];

/// The entrants of a sample tournament of `n`: the first twelve have
/// hand-picked names (some in Hangul), the rest are numbered.
pub fn sample_entrants(n: usize) -> Vec<Entrant> {
    (0..n)
        .map(|i| {
            let (name, author) = NAMES.get(i).copied().unwrap_or(("", ""));
            let name = if name.is_empty() { format!("Bot {}", i + 1) } else { name.to_owned() };
            let author = if author.is_empty() { format!("coder{}", i + 1) } else { author.to_owned() };
            Entrant::new(format!("bot-{}", i + 1), name).with_author(author)
        })
        .collect()
}

/// A native fighter with a style per entrant, so matches differ.
struct Styled {
    style: usize,
    n: u32,
}

impl Fighter for Styled {
    fn tick(&mut self, o: &Observation) -> Action {
        self.n = self.n.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let roll = (self.n >> 16) % 100;
        let gap = o.gap(60);
        let far = gap > 140;
        match self.style % 6 {
            // Zoner: fireballs from afar, guards and backs off up close.
            1 if far && o.me.energy >= 500 => Action::Fireball,
            1 if !far && roll < 40 => Action::Guard,
            1 if !far && roll < 70 => Action::Back,
            1 if !far => Action::Kick,
            1 => Action::Idle,
            // Grappler: walks in and throws, guards sometimes.
            2 if gap > 20 => Action::Forward,
            2 if roll < 25 => Action::Guard,
            2 => Action::Throw,
            // Turtle: crouch and guard, punish with kicks.
            3 if gap <= 110 && roll < 30 => Action::Kick,
            3 if roll < 55 => Action::Guard,
            3 if roll < 80 => Action::Crouch,
            3 => Action::Forward,
            // Kicker.
            4 => Approacher::kicker().tick(o),
            // Jumper with punches.
            5 if gap <= 70 && roll < 60 => Action::Punch,
            5 => Jumper::default().tick(o),
            // Puncher with a fireball now and then.
            _ if far && o.me.energy >= 500 && roll < 10 => Action::Fireball,
            _ if gap <= 70 && roll < 20 => Action::Crouch,
            _ => Approacher::walker_puncher().tick(o),
        }
    }
}

fn identity(t: &Tournament, e: arena_tournament::EntrantIdx) -> BotIdentity {
    let entrant = t.entrant(e).expect("entrant of the tournament");
    BotIdentity {
        name: entrant.name.clone(),
        author: entrant.author.clone().unwrap_or_default(),
        sha256: format!("{:064x}", u64::from(e.0).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
    }
}

/// How a sample tournament is played.
#[derive(Clone, Debug)]
pub struct SampleOptions {
    /// The format.
    pub format: Format,
    /// How many entrants.
    pub entrants: usize,
    /// Best of how many games.
    pub best_of: u32,
    /// Stop after this many matches (a tournament in progress); `None`:
    /// play it all.
    pub matches: Option<usize>,
    /// Re-simulate the games and write replays; without, results are made
    /// up (better seed wins) and no replay is written. Fast, for layouts.
    pub simulate: bool,
    /// The tournament name.
    pub name: String,
}

/// Plays a sample tournament and returns its live state; with `dir`, also
/// writes `dir/state.json` and the replays under `dir/replays/`.
pub fn sample(options: &SampleOptions, dir: Option<&Path>) -> Result<LiveState, String> {
    let config = TournamentConfig::new(options.format.clone()).best_of(options.best_of).seed(2024);
    let mut t = Tournament::new(config, sample_entrants(options.entrants)).map_err(|e| e.to_string())?;
    let rules = Rules::default();
    let mut games: BTreeMap<String, Vec<GameFile>> = BTreeMap::new();
    let mut finished_order = Vec::new();
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir.join("replays")).map_err(|e| e.to_string())?;
    }
    let limit = options.matches.unwrap_or(usize::MAX);
    while !t.is_finished() && finished_order.len() < limit {
        let Some(id) = t.ready_matches().first().map(|m| m.id.clone()) else {
            break;
        };
        let mut series = t.start_match(&id).map_err(|e| e.to_string())?;
        let mut files = Vec::new();
        while let Some(game) = series.next_game() {
            let sides = game.sides();
            if options.simulate {
                let mut a = Styled { style: sides[0].index(), n: sides[0].0 + 1 };
                let mut b = Styled { style: sides[1].index(), n: sides[1].0 + 7 };
                let replay = play(
                    &rules,
                    game.kind,
                    game.seed,
                    [&mut a, &mut b],
                    [identity(&t, sides[0]), identity(&t, sides[1])],
                )
                .map_err(|e| e.to_string())?;
                let rel = format!("replays/{id}-g{}.replay", game.game);
                if let Some(dir) = dir {
                    std::fs::write(dir.join(&rel), replay.to_bytes()).map_err(|e| e.to_string())?;
                }
                let winner = replay.outcome.winner.map(|s| sides[s.index()]);
                files.push(GameFile { game: game.game, kind: game.kind, replay: rel, left: sides[0], winner });
                series.record_outcome(&replay.outcome).map_err(|e| e.to_string())?;
            } else {
                let es = game.entrants;
                let winner = if es[0] < es[1] { Slot::A } else { Slot::B };
                series
                    .record_game(GameResult { winner: Some(winner), hit_points: [100, 0], damage_dealt: [1000, 900] })
                    .map_err(|e| e.to_string())?;
            }
        }
        let result = series.result().ok_or("the series did not finish")?;
        t.record_result(&id, result).map_err(|e| e.to_string())?;
        games.insert(id.clone(), files);
        finished_order.push(id);
    }
    let bots = (0..t.entrants().len() as u32)
        .map(|i| LiveBot { sha256: identity(&t, arena_tournament::EntrantIdx(i)).sha256, avatar: None })
        .collect();
    let state = LiveState {
        format: STATE_FORMAT,
        name: options.name.clone(),
        updated_unix_ms: 0,
        finished: t.is_finished(),
        tournament: t,
        bots,
        games,
        finished_order,
    };
    if let Some(dir) = dir {
        arena_live::write(dir, &state).map_err(|e| e.to_string())?;
    }
    Ok(state)
}
