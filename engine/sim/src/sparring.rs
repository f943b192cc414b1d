//! The sparring partners: scripted native fighters for tests, benchmarks and
//! the host's own checks (the dummy every submission must beat). Behind the
//! `sparring` feature, so a bot's wasm build does not carry them.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

use crate::action::Action;
use crate::fighter::{Fighter, MatchInfo};
use crate::observation::Observation;
use crate::rules::Rules;

/// Never acts: the stationary dummy every submission must beat.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdleDummy;

impl Fighter for IdleDummy {
    fn tick(&mut self, _: &Observation) -> Action {
        Action::Idle
    }
}

/// Only guards: hard to hurt, never wins.
#[derive(Clone, Copy, Debug, Default)]
pub struct Guarder;

impl Fighter for Guarder {
    fn tick(&mut self, _: &Observation) -> Action {
        Action::Guard
    }
}

/// Walks in and uses one attack whenever it is in reach.
#[derive(Clone, Copy, Debug)]
pub struct Approacher {
    attack: Action,
    body_width: i32,
    reach: i32,
}

impl Approacher {
    fn new(attack: Action) -> Self {
        let rules = Rules::default();
        let reach = crate::round::attack_data(&rules, attack).reach;
        Self { attack, body_width: rules.body_width, reach }
    }

    /// Walks forward and punches in reach.
    pub fn walker_puncher() -> Self {
        Self::new(Action::Punch)
    }

    /// Walks forward and kicks in reach.
    pub fn kicker() -> Self {
        Self::new(Action::Kick)
    }

    /// Walks forward and throws in reach.
    pub fn thrower() -> Self {
        Self::new(Action::Throw)
    }
}

impl Fighter for Approacher {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.body_width = info.rules.body_width;
        self.reach = crate::round::attack_data(&info.rules, self.attack).reach;
        Ok(())
    }

    fn tick(&mut self, o: &Observation) -> Action {
        if o.gap(self.body_width) <= self.reach { self.attack } else { Action::Forward }
    }
}

/// Jumps forward again and again.
#[derive(Clone, Copy, Debug, Default)]
pub struct Jumper {
    walked: bool,
}

impl Fighter for Jumper {
    fn tick(&mut self, o: &Observation) -> Action {
        // Walk one tick first, so the jump carries forward speed.
        self.walked = !self.walked && o.me.action != Action::Forward;
        if self.walked { Action::Forward } else { Action::Jump }
    }
}

/// Plays a fixed list of actions, then idles. For frame tests.
#[derive(Clone, Debug, Default)]
pub struct Scripted {
    actions: Vec<Action>,
    next: usize,
}

impl Scripted {
    /// Plays `actions` one per tick.
    pub fn new(actions: impl IntoIterator<Item = Action>) -> Self {
        Self { actions: actions.into_iter().collect(), next: 0 }
    }
}

impl Fighter for Scripted {
    fn tick(&mut self, _: &Observation) -> Action {
        let a = self.actions.get(self.next).copied().unwrap_or(Action::Idle);
        self.next += 1;
        a
    }
}

/// Picks uniformly random actions from its seed.
#[derive(Clone, Debug)]
pub struct RandomFighter {
    rng: ChaCha8Rng,
}

impl RandomFighter {
    /// A random fighter with this seed (re-seeded by `init`).
    pub fn new(seed: u64) -> Self {
        Self { rng: ChaCha8Rng::seed_from_u64(seed) }
    }
}

impl Fighter for RandomFighter {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.rng = ChaCha8Rng::seed_from_u64(info.seed);
        Ok(())
    }

    fn tick(&mut self, _: &Observation) -> Action {
        Action::ALL[(self.rng.next_u32() % Action::ALL.len() as u32) as usize]
    }
}
