//! `From` conversions between the WIT records and the arena-sim types.
//!
//! The WIT mirrors arena-sim field for field, except that its `rules` leaves
//! out what a bot cannot use: `start-x`, `ticks-per-second` and the budgets
//! other than `tick-fuel` and `max-think-ticks`. Converting WIT rules to
//! [`Rules`] fills those from [`Rules::default`].

use arena_sim::{Action, AttackData, FighterView, MatchInfo, Observation, Phase, Rules};

use crate::bindings::arena::bot::types as wit;

impl From<wit::Action> for Action {
    fn from(a: wit::Action) -> Self {
        match a {
            wit::Action::Idle => Action::Idle,
            wit::Action::Forward => Action::Forward,
            wit::Action::Back => Action::Back,
            wit::Action::Jump => Action::Jump,
            wit::Action::Crouch => Action::Crouch,
            wit::Action::Guard => Action::Guard,
            wit::Action::Punch => Action::Punch,
            wit::Action::Kick => Action::Kick,
            wit::Action::Throw => Action::Throw,
            wit::Action::Fireball => Action::Fireball,
        }
    }
}

impl From<Action> for wit::Action {
    fn from(a: Action) -> Self {
        match a {
            Action::Idle => wit::Action::Idle,
            Action::Forward => wit::Action::Forward,
            Action::Back => wit::Action::Back,
            Action::Jump => wit::Action::Jump,
            Action::Crouch => wit::Action::Crouch,
            Action::Guard => wit::Action::Guard,
            Action::Punch => wit::Action::Punch,
            Action::Kick => wit::Action::Kick,
            Action::Throw => wit::Action::Throw,
            Action::Fireball => wit::Action::Fireball,
        }
    }
}

impl From<wit::Phase> for Phase {
    fn from(p: wit::Phase) -> Self {
        match p {
            wit::Phase::Startup => Phase::Startup,
            wit::Phase::Active => Phase::Active,
            wit::Phase::Recovery => Phase::Recovery,
        }
    }
}

impl From<Phase> for wit::Phase {
    fn from(p: Phase) -> Self {
        match p {
            Phase::Startup => wit::Phase::Startup,
            Phase::Active => wit::Phase::Active,
            Phase::Recovery => wit::Phase::Recovery,
        }
    }
}

impl From<wit::FighterView> for FighterView {
    fn from(f: wit::FighterView) -> Self {
        Self {
            x: f.x,
            y: f.y,
            hit_points: f.hit_points,
            energy: f.energy,
            action: f.action.into(),
            phase: f.phase.map(Into::into),
            phase_ticks_left: f.phase_ticks_left,
            stun_ticks_left: f.stun_ticks_left,
            airborne: f.airborne,
            crouching: f.crouching,
            guarding: f.guarding,
            fireball_x: f.fireball_x,
        }
    }
}

impl From<FighterView> for wit::FighterView {
    fn from(f: FighterView) -> Self {
        Self {
            x: f.x,
            y: f.y,
            hit_points: f.hit_points,
            energy: f.energy,
            action: f.action.into(),
            phase: f.phase.map(Into::into),
            phase_ticks_left: f.phase_ticks_left,
            stun_ticks_left: f.stun_ticks_left,
            airborne: f.airborne,
            crouching: f.crouching,
            guarding: f.guarding,
            fireball_x: f.fireball_x,
        }
    }
}

impl From<wit::Observation> for Observation {
    fn from(o: wit::Observation) -> Self {
        Self {
            tick: o.tick,
            ticks_left: o.ticks_left,
            round: o.round,
            my_wins: o.my_wins,
            opponent_wins: o.opponent_wins,
            opponent_last_action: o.opponent_last_action.into(),
            me: o.me.into(),
            opponent: o.opponent.into(),
        }
    }
}

impl From<Observation> for wit::Observation {
    fn from(o: Observation) -> Self {
        Self {
            tick: o.tick,
            ticks_left: o.ticks_left,
            round: o.round,
            my_wins: o.my_wins,
            opponent_wins: o.opponent_wins,
            opponent_last_action: o.opponent_last_action.into(),
            me: o.me.into(),
            opponent: o.opponent.into(),
        }
    }
}

impl From<wit::AttackData> for AttackData {
    fn from(a: wit::AttackData) -> Self {
        Self {
            startup: a.startup,
            active: a.active,
            recovery: a.recovery,
            reach: a.reach,
            damage: a.damage,
            chip: a.chip,
            hit_stun: a.hit_stun,
            block_stun: a.block_stun,
        }
    }
}

impl From<AttackData> for wit::AttackData {
    fn from(a: AttackData) -> Self {
        Self {
            startup: a.startup,
            active: a.active,
            recovery: a.recovery,
            reach: a.reach,
            damage: a.damage,
            chip: a.chip,
            hit_stun: a.hit_stun,
            block_stun: a.block_stun,
        }
    }
}

impl From<wit::Rules> for Rules {
    /// Fields the WIT leaves out keep their [`Rules::default`] values.
    fn from(r: wit::Rules) -> Self {
        let defaults = Rules::default();
        Self {
            stage_width: r.stage_width,
            body_width: r.body_width,
            round_ticks: r.round_ticks,
            rounds_to_win: r.rounds_to_win,
            max_rounds: r.max_rounds,
            hit_points: r.hit_points,
            max_energy: r.max_energy,
            energy_per_tick: r.energy_per_tick,
            energy_on_hit: r.energy_on_hit,
            energy_on_guard: r.energy_on_guard,
            walk_forward_speed: r.walk_forward_speed,
            walk_back_speed: r.walk_back_speed,
            jump_ticks: r.jump_ticks,
            jump_speed: r.jump_speed,
            hit_pushback: r.hit_pushback,
            guard_pushback: r.guard_pushback,
            counter_hit_bonus_percent: r.counter_hit_bonus_percent,
            fireball_speed: r.fireball_speed,
            fireball_cost: r.fireball_cost,
            punch: r.punch.into(),
            kick: r.kick.into(),
            throw: r.throw.into(),
            fireball: r.fireball.into(),
            limits: arena_sim::BotLimits {
                tick_fuel: r.tick_fuel,
                max_think_ticks: r.max_think_ticks,
                ..defaults.limits
            },
            ..defaults
        }
    }
}

impl From<Rules> for wit::Rules {
    fn from(r: Rules) -> Self {
        Self {
            stage_width: r.stage_width,
            body_width: r.body_width,
            round_ticks: r.round_ticks,
            rounds_to_win: r.rounds_to_win,
            max_rounds: r.max_rounds,
            hit_points: r.hit_points,
            max_energy: r.max_energy,
            energy_per_tick: r.energy_per_tick,
            energy_on_hit: r.energy_on_hit,
            energy_on_guard: r.energy_on_guard,
            walk_forward_speed: r.walk_forward_speed,
            walk_back_speed: r.walk_back_speed,
            jump_ticks: r.jump_ticks,
            jump_speed: r.jump_speed,
            hit_pushback: r.hit_pushback,
            guard_pushback: r.guard_pushback,
            counter_hit_bonus_percent: r.counter_hit_bonus_percent,
            fireball_speed: r.fireball_speed,
            fireball_cost: r.fireball_cost,
            punch: r.punch.into(),
            kick: r.kick.into(),
            throw: r.throw.into(),
            fireball: r.fireball.into(),
            tick_fuel: r.limits.tick_fuel,
            max_think_ticks: r.limits.max_think_ticks,
        }
    }
}

impl From<wit::MatchInfo> for MatchInfo {
    fn from(m: wit::MatchInfo) -> Self {
        Self {
            rules: m.rules.into(),
            round: m.round,
            seed: m.seed,
        }
    }
}

impl From<MatchInfo> for wit::MatchInfo {
    fn from(m: MatchInfo) -> Self {
        Self {
            rules: m.rules.into(),
            round: m.round,
            seed: m.seed,
        }
    }
}

#[cfg(test)]
mod tests {
    use arena_sim::{Fighter, Input, Match, MatchKind, RandomFighter, Side};

    use super::*;

    #[test]
    fn every_action_and_phase_round_trips() {
        for a in Action::ALL {
            let w: wit::Action = a.into();
            assert_eq!(Action::from(w), a);
            // The WIT enum and arena-sim share the code order.
            assert_eq!(w as u8, a.code());
        }
        for p in [Phase::Startup, Phase::Active, Phase::Recovery] {
            assert_eq!(Phase::from(wit::Phase::from(p)), p);
        }
    }

    #[test]
    fn rules_round_trip_keeping_what_the_wit_carries() {
        let mut rules = Rules {
            stage_width: 1200,
            ..Rules::default()
        };
        rules.kick.reach = 99;
        rules.fireball.damage = 7;
        rules.limits.tick_fuel = 123;
        rules.limits.max_think_ticks = 4;
        let back: Rules = wit::Rules::from(rules.clone()).into();
        assert_eq!(back, rules);
        let info = MatchInfo {
            rules: rules.clone(),
            round: 2,
            seed: u64::MAX,
        };
        assert_eq!(MatchInfo::from(wit::MatchInfo::from(info.clone())), info);
    }

    #[test]
    fn rules_the_wit_leaves_out_come_back_as_defaults() {
        let mut rules = Rules {
            start_x: 250,
            ..Rules::default()
        };
        rules.limits.max_memory_bytes = 1 << 20;
        let back: Rules = wit::Rules::from(rules).into();
        assert_eq!(back.start_x, Rules::default().start_x);
        assert_eq!(
            back.limits.max_memory_bytes,
            Rules::default().limits.max_memory_bytes
        );
    }

    #[test]
    fn observations_of_a_random_fight_round_trip() {
        let mut game = Match::new(Rules::default(), MatchKind::Normal).unwrap();
        let mut fighters = [RandomFighter::new(1), RandomFighter::new(2)];
        let mut seen_phase = false;
        let mut seen_fireball = false;
        for _ in 0..3000 {
            if game.is_over() {
                break;
            }
            for side in Side::BOTH {
                let obs = Observation::of(&game, side);
                seen_phase |= obs.me.phase.is_some();
                seen_fireball |= obs.me.fireball_x.is_some();
                assert_eq!(Observation::from(wit::Observation::from(obs)), obs);
            }
            let inputs = [0, 1]
                .map(|i| Input::Act(fighters[i].tick(&Observation::of(&game, Side::BOTH[i]))));
            game.step(inputs);
        }
        assert!(
            seen_phase && seen_fireball,
            "the fight should exercise phases and fireballs"
        );
    }
}
