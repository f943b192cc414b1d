//! Play bots natively, in-process, with `cargo test`: no wasm, no host.
//!
//! [`fight`] plays one full match (GAME.md: first to 2 round wins, drawn
//! rounds replayed, up to 5 rounds) between your bot and an opponent, and
//! returns a [`Report`]: the outcome from your bot's point of view and the
//! [`Replay`], which [`Report::save`] writes to a file the viewer plays.
//! [`Ring`] sets the rules, the seed and your bot's side; [`Ring::series`]
//! plays several matches, first to N match wins.
//!
//! The opponents of [`opponents`] are arena-sim's scripted sparring
//! partners; any other [`Bot`] is an opponent too.
//!
//! The match runs exactly as the host runs it, minus the sandbox: `init` once
//! per bot at the start with round 1 and the seed the host would derive, one
//! `tick` per tick, the bot's memory kept from round to round. An `init` that
//! returns an error is a fault: the bot loses that round, and `init` is
//! called again (on the same value) before the next. A bot that panics
//! natively fails your test with its panic message (in the sandbox a panic is
//! a trap: the bot loses the round). Budgets (fuel, memory) are not measured
//! natively; build the component and run it in the host for that.
//!
//! ```
//! use arena_sdk::prelude::*;
//! use arena_sdk::testing::{opponents, Ring};
//!
//! // A kicker beats the idle dummy from either side.
//! for side in Side::BOTH {
//!     let report = Ring::new().side(side).fight(&mut opponents::kicker(), &mut opponents::idle_dummy());
//!     assert!(report.won(), "{}", report.summary());
//!     assert_eq!(report.round_wins(), (2, 0));
//! }
//! ```

use std::path::{Path, PathBuf};

use arena_sim::{Fault, MatchKind, MatchOutcome, Replay, RoundEnd, Rules, Side, native_identity, play_bout};

use crate::Bot;

/// Plays one match, your `bot` on the left against `opponent`, default rules,
/// seed 0. Shorthand for `Ring::new().fight(bot, opponent)`.
pub fn fight<B: Bot + ?Sized, O: Bot + ?Sized>(bot: &mut B, opponent: &mut O) -> Report {
    Ring::new().fight(bot, opponent)
}

/// Where and how a native match is played: rules, seed, and your bot's side.
#[derive(Clone, Debug)]
pub struct Ring {
    rules: Rules,
    seed: u64,
    side: Side,
}

impl Default for Ring {
    fn default() -> Self {
        Self::new()
    }
}

impl Ring {
    /// Default rules, seed 0, your bot on the left.
    pub fn new() -> Self {
        Self { rules: Rules::default(), seed: 0, side: Side::Left }
    }

    /// Plays under these rules.
    pub fn rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }

    /// The match seed (each bot's seed is derived from it and its name, as
    /// the host does).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The side your bot plays (the opponent takes the other).
    pub fn side(mut self, side: Side) -> Self {
        self.side = side;
        self
    }

    /// Plays one whole match between `bot` (on this ring's side) and
    /// `opponent`.
    ///
    /// # Panics
    ///
    /// If the rules are invalid (the message names the rule), or if a bot
    /// panics.
    pub fn fight<B: Bot + ?Sized, O: Bot + ?Sized>(&self, bot: &mut B, opponent: &mut O) -> Report {
        let mut names = [bot.name(), opponent.name()];
        if names[0] == names[1] {
            names[1].push_str("-2");
        }
        let (mut mine, mut theirs) = (bot, opponent);
        let bots: [&mut dyn Bot; 2] = match self.side {
            Side::Left => [&mut mine, &mut theirs],
            Side::Right => {
                names.swap(0, 1);
                [&mut theirs, &mut mine]
            }
        };
        let replay = play(&self.rules, self.seed, bots, names);
        Report { replay, side: self.side }
    }

    /// Plays matches until one bot has `first_to` match wins (2 for a best
    /// of 3), each with a fresh pair of bots from `make_bot` and
    /// `make_opponent` (the host also starts bots afresh for every match),
    /// your bot always on this ring's side, and seeds `seed`, `seed + 1`, …
    /// Drawn matches are replayed; after `4 * first_to` matches the series
    /// stops wherever it is.
    pub fn series<B: Bot, O: Bot>(
        &self,
        first_to: u32,
        mut make_bot: impl FnMut() -> B,
        mut make_opponent: impl FnMut() -> O,
    ) -> Series {
        let mut series = Series { first_to, wins: 0, losses: 0, reports: Vec::new() };
        let mut seed = self.seed;
        while series.wins < first_to && series.losses < first_to && series.reports.len() < 4 * first_to.max(1) as usize
        {
            let report = self.clone().seed(seed).fight(&mut make_bot(), &mut make_opponent());
            seed = seed.wrapping_add(1);
            if report.won() {
                series.wins += 1;
            } else if report.lost() {
                series.losses += 1;
            }
            series.reports.push(report);
        }
        series
    }
}

/// The match loop is the host's own ([`arena_sim::Bout`]), minus the
/// sandbox: the same start, fault and restart rules.
fn play(rules: &Rules, seed: u64, bots: [&mut dyn Bot; 2], names: [String; 2]) -> Replay {
    let identities = names.map(|n| native_identity(&n));
    let engine = format!("arena-sdk {} (native)", env!("CARGO_PKG_VERSION"));
    let [mut left, mut right] = bots;
    match play_bout(rules, MatchKind::Normal, seed, [&mut left, &mut right], identities, engine) {
        Ok(replay) => replay,
        Err(e) => panic!("cannot play under these rules: {e}"),
    }
}

/// One natively played match, seen from your bot's side.
#[derive(Clone, Debug)]
pub struct Report {
    replay: Replay,
    side: Side,
}

impl Report {
    /// The whole match, re-creatable; [`Report::save`] writes it.
    pub fn replay(&self) -> &Replay {
        &self.replay
    }

    /// The outcome, by side (your bot is on [`Report::side`]).
    pub fn outcome(&self) -> &MatchOutcome {
        &self.replay.outcome
    }

    /// The side your bot played.
    pub fn side(&self) -> Side {
        self.side
    }

    /// Your bot won the match.
    pub fn won(&self) -> bool {
        self.outcome().winner == Some(self.side)
    }

    /// Your bot lost the match.
    pub fn lost(&self) -> bool {
        self.outcome().winner == Some(self.side.opponent())
    }

    /// The match was drawn.
    pub fn drawn(&self) -> bool {
        self.outcome().winner.is_none()
    }

    /// Round wins: (yours, the opponent's).
    pub fn round_wins(&self) -> (i32, i32) {
        let w = self.outcome().round_wins;
        (w[self.side.index()], w[self.side.opponent().index()])
    }

    /// Hit points left, summed over all rounds: (yours, the opponent's).
    pub fn hit_points_left(&self) -> (i64, i64) {
        let h = self.outcome().total_hit_points();
        (h[self.side.index()], h[self.side.opponent().index()])
    }

    /// Faults of either bot (an `init` that returned an error).
    pub fn faults(&self) -> &[Fault] {
        &self.replay.faults
    }

    /// One line per round, for test failure messages: who won each round,
    /// how, when, and the hit points left.
    pub fn summary(&self) -> String {
        let names = &self.replay.bots;
        let me = &names[self.side.index()].name;
        let them = &names[self.side.opponent().index()].name;
        let (mine, theirs) = self.round_wins();
        let verdict = if self.won() {
            "beat"
        } else if self.lost() {
            "lost to"
        } else {
            "drew with"
        };
        let mut s = format!("{me} ({}) {verdict} {them} {mine}-{theirs}", self.side);
        for (n, r) in self.outcome().rounds.iter().enumerate() {
            let winner = match r.winner {
                Some(side) => names[side.index()].name.as_str(),
                None => "nobody",
            };
            let how = match r.end {
                RoundEnd::KnockOut => "knock-out",
                RoundEnd::TimeOut => "time-out",
                RoundEnd::Fault => "fault",
                RoundEnd::FirstHit => "first hit",
            };
            let hp = r.hit_points;
            s.push_str(&format!(
                "\n  round {}: {winner} by {how} at tick {}, hit points {me} {} / {them} {}",
                n + 1,
                r.ticks,
                hp[self.side.index()],
                hp[self.side.opponent().index()],
            ));
        }
        for f in &self.replay.faults {
            s.push_str(&format!(
                "\n  fault: {} in round {} at tick {}: {} ({})",
                names[f.side.index()].name,
                f.round,
                f.tick,
                f.message,
                f.kind
            ));
        }
        s
    }

    /// Writes the replay to `path` (creating its folder), for the viewer
    /// (`arena-viewer replay PATH`) or `arena replay info PATH`. Returns the
    /// path.
    pub fn save(&self, path: impl AsRef<Path>) -> std::io::Result<PathBuf> {
        let path = path.as_ref();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, self.replay.to_bytes())?;
        Ok(path.to_owned())
    }
}

/// Several matches between the same two bots: see [`Ring::series`].
#[derive(Clone, Debug)]
pub struct Series {
    /// Match wins needed to take the series.
    pub first_to: u32,
    /// Matches your bot won.
    pub wins: u32,
    /// Matches your bot lost.
    pub losses: u32,
    /// Every match, in order.
    pub reports: Vec<Report>,
}

impl Series {
    /// Your bot took the series.
    pub fn won(&self) -> bool {
        self.wins >= self.first_to
    }

    /// The series and each match's summary.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "series (first to {}): {} won, {} lost, {} drawn",
            self.first_to,
            self.wins,
            self.losses,
            self.reports.len() as u32 - self.wins - self.losses
        );
        for r in &self.reports {
            s.push('\n');
            s.push_str(&r.summary());
        }
        s
    }
}

/// arena-sim's scripted fighters, as opponents for your bot.
pub mod opponents {
    use arena_sim::{Approacher, Fighter, Guarder, IdleDummy, Jumper, RandomFighter};

    use crate::{Action, Bot, MatchInfo, Observation};

    /// A native [`Fighter`] with a name, playing as a [`Bot`].
    pub struct Opponent {
        name: String,
        fighter: Box<dyn Fighter>,
    }

    impl Opponent {
        /// Any native fighter, under this name.
        pub fn new(name: impl Into<String>, fighter: impl Fighter + 'static) -> Self {
            Self { name: name.into(), fighter: Box::new(fighter) }
        }
    }

    impl std::fmt::Debug for Opponent {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Opponent").field("name", &self.name).finish_non_exhaustive()
        }
    }

    impl Bot for Opponent {
        fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
            self.fighter.init(info)
        }
        fn tick(&mut self, obs: &Observation) -> Action {
            self.fighter.tick(obs)
        }
        fn name(&self) -> String {
            self.name.clone()
        }
    }

    /// Never acts: the dummy every submission must beat.
    pub fn idle_dummy() -> Opponent {
        Opponent::new("idle-dummy", IdleDummy)
    }

    /// Only guards.
    pub fn guarder() -> Opponent {
        Opponent::new("guarder", Guarder)
    }

    /// Walks in and punches in reach.
    pub fn walker_puncher() -> Opponent {
        Opponent::new("walker-puncher", Approacher::walker_puncher())
    }

    /// Walks in and kicks in reach.
    pub fn kicker() -> Opponent {
        Opponent::new("kicker", Approacher::kicker())
    }

    /// Walks in and throws in reach.
    pub fn thrower() -> Opponent {
        Opponent::new("thrower", Approacher::thrower())
    }

    /// Jumps forward again and again.
    pub fn jumper() -> Opponent {
        Opponent::new("jumper", Jumper::default())
    }

    /// Uniformly random actions, seeded by the match.
    pub fn random() -> Opponent {
        Opponent::new("random", RandomFighter::new(0))
    }

    /// Every sparring partner above, in that order.
    pub fn all() -> Vec<Opponent> {
        vec![idle_dummy(), guarder(), walker_puncher(), kicker(), thrower(), jumper(), random()]
    }
}

#[cfg(test)]
mod tests {
    use super::opponents::{self, Opponent};
    use super::*;
    use crate::{Action, MatchInfo, Observation};
    use arena_sim::FaultKind;

    /// Fails init the first time only, then plays a kicker.
    #[derive(Default)]
    struct FailsOnce {
        inits: Vec<i32>,
    }

    impl Bot for FailsOnce {
        fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
            self.inits.push(info.round);
            if self.inits.len() == 1 { Err("not today".into()) } else { Ok(()) }
        }
        fn tick(&mut self, obs: &Observation) -> Action {
            if obs.gap(60) <= 110 { Action::Kick } else { Action::Forward }
        }
    }

    #[test]
    fn a_failed_init_loses_the_round_and_is_retried_next_round() {
        let mut bot = FailsOnce::default();
        let report = fight(&mut bot, &mut opponents::idle_dummy());
        assert_eq!(bot.inits, vec![1, 2]);
        assert_eq!(report.faults().len(), 1);
        assert_eq!(report.faults()[0].kind, FaultKind::InitFailed);
        assert!(report.faults()[0].message.contains("not today"));
        let rounds = &report.outcome().rounds;
        assert_eq!(rounds[0].end, RoundEnd::Fault);
        assert_eq!(rounds[0].winner, Some(Side::Right));
        assert!(report.won(), "{}", report.summary());
        assert_eq!(report.round_wins(), (2, 1));
        assert!(report.summary().contains("fault: FailsOnce in round 1"), "{}", report.summary());
    }

    #[test]
    fn sides_swap_and_the_match_mirrors() {
        let left = Ring::new().seed(5).fight(&mut opponents::kicker(), &mut opponents::walker_puncher());
        let right =
            Ring::new().seed(5).side(Side::Right).fight(&mut opponents::kicker(), &mut opponents::walker_puncher());
        assert_eq!(right.side(), Side::Right);
        assert_eq!(right.replay().bots[1].name, "kicker");
        assert_eq!(left.outcome(), &right.outcome().mirrored());
        assert_eq!(left.won(), right.won());
        assert_eq!(left.round_wins(), right.round_wins());
        assert_eq!(left.hit_points_left(), right.hit_points_left());
    }

    #[test]
    fn the_replay_saves_loads_and_verifies() {
        let report = fight(&mut opponents::thrower(), &mut opponents::random());
        let dir = std::env::temp_dir().join(format!("arena-sdk-test-{}", std::process::id()));
        let path = report.save(dir.join("nested").join("m.replay")).unwrap();
        let replay = Replay::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
        replay.verify().unwrap();
        assert_eq!(&replay, report.replay());
        assert_eq!(replay.bots[0].name, "thrower");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_mirror_match_gets_two_names_and_draws() {
        let report = fight(&mut opponents::guarder(), &mut opponents::guarder());
        assert_eq!(report.replay().bots[1].name, "guarder-2");
        assert!(report.drawn());
        assert_eq!(report.outcome().rounds.len(), 5);
        assert!(report.summary().contains("drew with"));
    }

    #[test]
    fn a_series_stops_at_first_to_wins() {
        let s = Ring::new().series(2, opponents::kicker, opponents::idle_dummy);
        assert!(s.won());
        assert_eq!((s.wins, s.losses, s.reports.len()), (2, 0, 2));
        let s = Ring::new().series(3, opponents::idle_dummy, opponents::kicker);
        assert!(!s.won());
        assert_eq!((s.wins, s.losses), (0, 3));
        // Drawn matches are replayed, up to a cap.
        let s = Ring::new().series(1, opponents::guarder, opponents::guarder);
        assert_eq!(s.reports.len(), 4);
        assert!(s.summary().starts_with("series (first to 1): 0 won, 0 lost, 4 drawn"));
    }

    #[test]
    fn every_opponent_plays_a_whole_match() {
        for mut o in opponents::all() {
            let name = o.name();
            let report = fight(&mut o, &mut Opponent::new("dummy", arena_sim::IdleDummy));
            report.replay().verify().unwrap();
            assert_eq!(report.replay().bots[0].name, name);
        }
    }

    #[test]
    #[should_panic(expected = "cannot play under these rules")]
    fn invalid_rules_are_named() {
        let rules = Rules { stage_width: 0, ..Rules::default() };
        Ring::new().rules(rules).fight(&mut opponents::guarder(), &mut opponents::guarder());
    }
}
