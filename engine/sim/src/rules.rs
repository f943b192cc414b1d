//! [`Rules`]: every number of GAME.md, with its default, in one value.
//!
//! Rules load from TOML or JSON (any field left out keeps its default, also
//! inside an attack's table such as `[kick]`; an unknown field is an error,
//! so a typo cannot silently do nothing). A rules value is checked with
//! [`Rules::validate`] before a match starts, and has a stable
//! [`Rules::content_hash`] that every replay records.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "files")]
use sha2::{Digest, Sha256};

use crate::error::RulesError;

/// Frame data of one attack (GAME.md "Frame data").
///
/// The three phases follow each other: `startup` ticks, then `active` ticks
/// during which the attack can hit, then `recovery` ticks. The fighter can
/// act again on the tick after the last recovery tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(deny_unknown_fields))]
pub struct AttackData {
    /// Ticks before the attack becomes active.
    pub startup: i32,
    /// Ticks during which the attack can hit. For a fireball: the tick on
    /// which the projectile leaves the attacker's front edge.
    pub active: i32,
    /// Ticks after the active phase before the fighter can act again.
    pub recovery: i32,
    /// How far beyond the attacker's body edge the attack reaches. Unused for
    /// the fireball, which travels instead.
    pub reach: i32,
    /// Hit points taken from a defender who is hit.
    pub damage: i32,
    /// Hit points taken from a defender who guards it ("chip").
    pub chip: i32,
    /// Ticks the defender cannot act after being hit.
    pub hit_stun: i32,
    /// Ticks the defender cannot act after guarding it.
    pub block_stun: i32,
}

impl AttackData {
    /// Ticks from the start of the attack until the fighter can act again.
    pub const fn total_ticks(&self) -> i32 {
        self.startup + self.active + self.recovery
    }
}

/// Budgets and caps for one bot (BRIEF.md "Sandboxing and budgets").
///
/// The simulation itself never reads these; they live in the rules because
/// they change what happens in a match (a bot that runs out of fuel idles),
/// so a replay must carry them to be re-created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(default, deny_unknown_fields))]
pub struct BotLimits {
    /// Fuel (roughly, wasm instructions) a bot may spend per tick. A `tick`
    /// call that needs more is suspended and resumed on the next tick, and
    /// its fighter idles meanwhile.
    pub tick_fuel: u64,
    /// The most ticks one `tick` call may span before it is a fault.
    pub max_think_ticks: u32,
    /// Fuel for `init`, which runs once per bot instance.
    pub init_fuel: u64,
    /// The most bytes of linear memory a bot may hold: all its memories
    /// together, however many core instances its component has.
    pub max_memory_bytes: u64,
    /// The most table elements a bot may hold: all its tables together.
    pub max_table_elements: u32,
    /// Most core instances a bot's component may create.
    pub max_instances: u32,
    /// Most wasm stack a bot may use, in bytes.
    pub max_stack_bytes: u32,
    /// Largest bot module accepted, in bytes.
    pub max_module_bytes: u64,
    /// Most bytes of stdout and stderr kept per bot per match; the rest is
    /// dropped, and the log says so.
    pub max_log_bytes: u32,
}

impl Default for BotLimits {
    fn default() -> Self {
        // A trivial Python (componentize-py) tick costs ~23,000 fuel; these
        // leave a Python bot room for real thought, and a Rust bot for a deep
        // look-ahead, while one tick stays well under a millisecond.
        Self {
            tick_fuel: 5_000_000,
            max_think_ticks: 60,
            init_fuel: 2_000_000_000,
            max_memory_bytes: 256 << 20,
            max_table_elements: 100_000,
            max_instances: 64,
            max_stack_bytes: 1 << 20,
            max_module_bytes: 64 << 20,
            max_log_bytes: 64 << 10,
        }
    }
}

/// Every rule of the fight (GAME.md), each field defaulting to its number
/// there.
///
/// Distances are in stage units, times in ticks. The left fighter starts at
/// `start_x`, the right one at its mirror image `stage_width - start_x`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(default, deny_unknown_fields))]
pub struct Rules {
    /// Width of the stage; x runs from 0 to this.
    pub stage_width: i32,
    /// Width of a fighter's body; x is the body's centre.
    pub body_width: i32,
    /// The left fighter's start position (the right one's is mirrored).
    pub start_x: i32,
    /// Ticks per second of presentation time (the viewer's clock only).
    pub ticks_per_second: i32,
    /// Ticks in a round before time-out.
    pub round_ticks: i32,
    /// Round wins needed to win the match.
    pub rounds_to_win: i32,
    /// Most rounds in a match, drawn rounds included.
    pub max_rounds: i32,
    /// Hit points of each fighter at the start of each round.
    pub hit_points: i32,
    /// Energy cap; energy starts at 0 each round.
    pub max_energy: i32,
    /// Energy gained every tick.
    pub energy_per_tick: i32,
    /// Energy gained by the attacker for landing a hit.
    pub energy_on_hit: i32,
    /// Energy gained by the defender for guarding a hit.
    pub energy_on_guard: i32,
    /// Units per tick walking towards the opponent (`forward`).
    pub walk_forward_speed: i32,
    /// Units per tick walking away from the opponent (`back`).
    pub walk_back_speed: i32,
    /// Ticks a jump stays airborne: rising for the first half, falling for
    /// the second.
    pub jump_ticks: i32,
    /// Units per tick a jump rises, then falls.
    pub jump_speed: i32,
    /// Units a hit pushes the defender away from the attacker.
    pub hit_pushback: i32,
    /// Units a guarded hit pushes the defender away.
    pub guard_pushback: i32,
    /// Extra damage, in percent (rounded down), for a counter-hit: a hit on a
    /// fighter in the startup of its own attack.
    pub counter_hit_bonus_percent: i32,
    /// Units per tick a fireball travels.
    pub fireball_speed: i32,
    /// Energy a fireball costs.
    pub fireball_cost: i32,
    /// `punch`: the high attack; a crouching defender is not hit.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "partial::punch"))]
    pub punch: AttackData,
    /// `kick`: the low attack; an airborne defender is not hit.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "partial::kick"))]
    pub kick: AttackData,
    /// `throw`: beats guard and crouch, loses to any active attack.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "partial::throw"))]
    pub throw: AttackData,
    /// `fireball`: the projectile.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "partial::fireball"))]
    pub fireball: AttackData,
    /// The bots' budgets and caps.
    pub limits: BotLimits,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            stage_width: 1000,
            body_width: 60,
            start_x: 300,
            ticks_per_second: 60,
            round_ticks: 1800,
            rounds_to_win: 2,
            max_rounds: 5,
            hit_points: 1000,
            max_energy: 1000,
            energy_per_tick: 1,
            energy_on_hit: 60,
            energy_on_guard: 30,
            walk_forward_speed: 6,
            walk_back_speed: 4,
            jump_ticks: 36,
            jump_speed: 8,
            hit_pushback: 20,
            guard_pushback: 10,
            counter_hit_bonus_percent: 20,
            fireball_speed: 8,
            fireball_cost: 500,
            punch: AttackData {
                startup: 4,
                active: 2,
                recovery: 8,
                reach: 70,
                damage: 50,
                chip: 10,
                hit_stun: 14,
                block_stun: 8,
            },
            kick: AttackData {
                startup: 9,
                active: 3,
                recovery: 16,
                reach: 110,
                damage: 90,
                chip: 18,
                hit_stun: 20,
                block_stun: 12,
            },
            throw: AttackData {
                startup: 5,
                active: 1,
                recovery: 20,
                reach: 20,
                damage: 120,
                chip: 0,
                hit_stun: 30,
                block_stun: 0,
            },
            fireball: AttackData {
                startup: 12,
                active: 1,
                recovery: 20,
                reach: 0,
                damage: 100,
                chip: 20,
                hit_stun: 18,
                block_stun: 10,
            },
            limits: BotLimits::default(),
        }
    }
}

impl Rules {
    /// Parses rules from TOML; fields left out keep their defaults.
    #[cfg(feature = "files")]
    pub fn from_toml(text: &str) -> Result<Self, RulesError> {
        let rules: Self = toml::from_str(text).map_err(|e| RulesError::Parse(e.to_string()))?;
        rules.validate()?;
        Ok(rules)
    }

    /// Parses rules from JSON; fields left out keep their defaults.
    #[cfg(feature = "files")]
    pub fn from_json(text: &str) -> Result<Self, RulesError> {
        let rules: Self = serde_json::from_str(text).map_err(|e| RulesError::Parse(e.to_string()))?;
        rules.validate()?;
        Ok(rules)
    }

    /// The rules as TOML, every field written out.
    #[cfg(feature = "files")]
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("rules are plain data and always serialize")
    }

    /// A stable hash of every rule: the SHA-256 of the rules' canonical JSON
    /// (fields in declaration order), in hex. Any change to any rule changes it.
    #[cfg(feature = "files")]
    pub fn content_hash(&self) -> String {
        let json = serde_json::to_vec(self).expect("rules are plain data and always serialize");
        hex::encode(Sha256::digest(&json))
    }

    /// Checks that the rules describe a playable game, naming the first field
    /// that does not.
    pub fn validate(&self) -> Result<(), RulesError> {
        fn positive(field: &'static str, value: i64) -> Result<(), RulesError> {
            if value > 0 { Ok(()) } else { Err(RulesError::invalid(field, value, "must be greater than 0")) }
        }
        fn non_negative(field: &'static str, value: i64) -> Result<(), RulesError> {
            if value >= 0 { Ok(()) } else { Err(RulesError::invalid(field, value, "must not be negative")) }
        }
        // Keeps every sum and product in the step function far from overflow.
        fn at_most(field: &'static str, value: i64, max: i64) -> Result<(), RulesError> {
            if value <= max {
                Ok(())
            } else {
                Err(RulesError::invalid(field, value, &format!("must be at most {max}")))
            }
        }
        const BIG: i64 = 1_000_000;
        const MAX_ROUND_TICKS: i64 = 100_000;

        positive("stage_width", self.stage_width.into())?;
        at_most("stage_width", self.stage_width.into(), BIG)?;
        positive("body_width", self.body_width.into())?;
        if i64::from(self.body_width) * 3 > i64::from(self.stage_width) {
            return Err(RulesError::invalid(
                "body_width",
                self.body_width.into(),
                "must be at most a third of stage_width, so both fighters fit with room to move",
            ));
        }
        let half = self.body_width / 2;
        // In i64: start_x is not bounded yet, and 2 * start_x may not fit an i32.
        let centre_gap = i64::from(self.stage_width) - 2 * i64::from(self.start_x);
        if self.start_x < self.body_width - half || centre_gap < i64::from(self.body_width) {
            return Err(RulesError::invalid(
                "start_x",
                self.start_x.into(),
                "must keep the left fighter inside the stage and the two bodies apart",
            ));
        }
        positive("ticks_per_second", self.ticks_per_second.into())?;
        positive("round_ticks", self.round_ticks.into())?;
        // 27 minutes of presentation: a replay's reader keeps a state per
        // tick of a round, so this also bounds what a crafted file costs it.
        at_most("round_ticks", self.round_ticks.into(), MAX_ROUND_TICKS)?;
        positive("rounds_to_win", self.rounds_to_win.into())?;
        at_most("rounds_to_win", self.rounds_to_win.into(), 100)?;
        positive("max_rounds", self.max_rounds.into())?;
        at_most("max_rounds", self.max_rounds.into(), 200)?;
        if self.max_rounds < self.rounds_to_win {
            return Err(RulesError::invalid("max_rounds", self.max_rounds.into(), "must be at least rounds_to_win"));
        }
        positive("hit_points", self.hit_points.into())?;
        at_most("hit_points", self.hit_points.into(), BIG)?;
        non_negative("max_energy", self.max_energy.into())?;
        at_most("max_energy", self.max_energy.into(), BIG)?;
        for (field, value) in [
            ("energy_per_tick", self.energy_per_tick),
            ("energy_on_hit", self.energy_on_hit),
            ("energy_on_guard", self.energy_on_guard),
            ("walk_back_speed", self.walk_back_speed),
            ("hit_pushback", self.hit_pushback),
            ("guard_pushback", self.guard_pushback),
            ("counter_hit_bonus_percent", self.counter_hit_bonus_percent),
            ("fireball_cost", self.fireball_cost),
        ] {
            non_negative(field, value.into())?;
            at_most(field, value.into(), BIG)?;
        }
        // Counter-hit damage is computed as damage * (100 + bonus) / 100 in i32.
        at_most("counter_hit_bonus_percent", self.counter_hit_bonus_percent.into(), 1000)?;
        positive("fireball_speed", self.fireball_speed.into())?;
        positive("walk_forward_speed", self.walk_forward_speed.into())?;
        // Bodies must not pass through each other in one tick.
        for (field, value) in
            [("walk_forward_speed", self.walk_forward_speed), ("walk_back_speed", self.walk_back_speed)]
        {
            at_most(field, value.into(), i64::from(self.body_width / 4))?;
        }
        at_most("fireball_speed", self.fireball_speed.into(), i64::from(self.body_width))?;
        positive("jump_ticks", self.jump_ticks.into())?;
        at_most("jump_ticks", self.jump_ticks.into(), BIG)?;
        if self.jump_ticks % 2 != 0 {
            return Err(RulesError::invalid(
                "jump_ticks",
                self.jump_ticks.into(),
                "must be even (half rising, half falling)",
            ));
        }
        non_negative("jump_speed", self.jump_speed.into())?;
        at_most("jump_speed", self.jump_speed.into(), 1000)?;
        for (name, attack) in
            [("punch", &self.punch), ("kick", &self.kick), ("throw", &self.throw), ("fireball", &self.fireball)]
        {
            attack.validate(name)?;
        }
        let l = &self.limits;
        positive("limits.tick_fuel", l.tick_fuel.min(i64::MAX as u64) as i64)?;
        positive("limits.max_think_ticks", l.max_think_ticks.into())?;
        positive("limits.init_fuel", l.init_fuel.min(i64::MAX as u64) as i64)?;
        positive("limits.max_memory_bytes", l.max_memory_bytes.min(i64::MAX as u64) as i64)?;
        at_most("limits.max_memory_bytes", l.max_memory_bytes.min(i64::MAX as u64) as i64, 4 << 30)?;
        positive("limits.max_instances", l.max_instances.into())?;
        at_most("limits.max_instances", l.max_instances.into(), 10_000)?;
        at_most("limits.max_stack_bytes", l.max_stack_bytes.into(), 64 << 20)?;
        if l.max_stack_bytes < 64 << 10 {
            return Err(RulesError::invalid(
                "limits.max_stack_bytes",
                l.max_stack_bytes.into(),
                "must be at least 65536 (64 KiB)",
            ));
        }
        positive("limits.max_module_bytes", l.max_module_bytes.min(i64::MAX as u64) as i64)?;
        Ok(())
    }
}

impl AttackData {
    fn validate(&self, name: &'static str) -> Result<(), RulesError> {
        let field = |f: &str| format!("{name}.{f}");
        let checks: [(&str, i32, i32); 8] = [
            ("startup", self.startup, 1),
            ("active", self.active, 1),
            ("recovery", self.recovery, 0),
            ("reach", self.reach, 0),
            ("damage", self.damage, 0),
            ("chip", self.chip, 0),
            ("hit_stun", self.hit_stun, 0),
            ("block_stun", self.block_stun, 0),
        ];
        for (f, value, min) in checks {
            if value < min {
                let reason = if min == 1 { "must be greater than 0" } else { "must not be negative" };
                return Err(RulesError::invalid(field(f), value.into(), reason));
            }
            if value > 100_000 {
                return Err(RulesError::invalid(field(f), value.into(), "must be at most 100000"));
            }
        }
        Ok(())
    }
}

/// Attack tables in a rules file may be partial (`[kick]` with only
/// `damage = 100`): the fields left out keep that attack's default. Binary
/// formats (postcard, in replays) always hold every field.
#[cfg(feature = "serde")]
mod partial {
    use serde::{Deserialize, Deserializer};

    use super::{AttackData, Rules};

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct AttackPatch {
        startup: Option<i32>,
        active: Option<i32>,
        recovery: Option<i32>,
        reach: Option<i32>,
        damage: Option<i32>,
        chip: Option<i32>,
        hit_stun: Option<i32>,
        block_stun: Option<i32>,
    }

    fn merge<'de, D: Deserializer<'de>>(
        deserializer: D,
        base: fn(Rules) -> AttackData,
    ) -> Result<AttackData, D::Error> {
        if !deserializer.is_human_readable() {
            return AttackData::deserialize(deserializer);
        }
        let p = AttackPatch::deserialize(deserializer)?;
        let b = base(Rules::default());
        Ok(AttackData {
            startup: p.startup.unwrap_or(b.startup),
            active: p.active.unwrap_or(b.active),
            recovery: p.recovery.unwrap_or(b.recovery),
            reach: p.reach.unwrap_or(b.reach),
            damage: p.damage.unwrap_or(b.damage),
            chip: p.chip.unwrap_or(b.chip),
            hit_stun: p.hit_stun.unwrap_or(b.hit_stun),
            block_stun: p.block_stun.unwrap_or(b.block_stun),
        })
    }

    pub(super) fn punch<'de, D: Deserializer<'de>>(d: D) -> Result<AttackData, D::Error> {
        merge(d, |r| r.punch)
    }
    pub(super) fn kick<'de, D: Deserializer<'de>>(d: D) -> Result<AttackData, D::Error> {
        merge(d, |r| r.kick)
    }
    pub(super) fn throw<'de, D: Deserializer<'de>>(d: D) -> Result<AttackData, D::Error> {
        merge(d, |r| r.throw)
    }
    pub(super) fn fireball<'de, D: Deserializer<'de>>(d: D) -> Result<AttackData, D::Error> {
        merge(d, |r| r.fireball)
    }
}
