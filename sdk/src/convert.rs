//! `From` conversions between the WIT records and the arena-sim types,
//! generated from arena-sim's table of the WIT types (`arena_sim::wit_types!`).
//!
//! The WIT mirrors arena-sim field for field, except that its `rules` leaves
//! out what a bot cannot use: `start-x`, `ticks-per-second` and the budgets
//! other than `tick-fuel` and `max-think-ticks`. Converting WIT rules to
//! [`arena_sim::Rules`] fills those from its `Default`.

use crate::bindings::arena::bot::types as wit;

// Every field list lives in arena-sim's table of the WIT types, which
// arena-sim checks against `wit/fighter.wit`.
arena_sim::wit_types!(arena_sim::wit_conversions!(wit));

#[cfg(test)]
mod tests {
    use arena_sim::{
        Action, Fighter, Input, Match, MatchInfo, MatchKind, Observation, Phase, RandomFighter, Rules, Side,
    };

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
        let mut rules = Rules { stage_width: 1200, ..Rules::default() };
        rules.kick.reach = 99;
        rules.fireball.damage = 7;
        rules.limits.tick_fuel = 123;
        rules.limits.max_think_ticks = 4;
        let back: Rules = wit::Rules::from(rules.clone()).into();
        assert_eq!(back, rules);
        let info = MatchInfo { rules: rules.clone(), round: 2, seed: u64::MAX };
        assert_eq!(MatchInfo::from(wit::MatchInfo::from(info.clone())), info);
    }

    #[test]
    fn rules_the_wit_leaves_out_come_back_as_defaults() {
        let mut rules = Rules { start_x: 250, ..Rules::default() };
        rules.limits.max_memory_bytes = 1 << 20;
        let back: Rules = wit::Rules::from(rules).into();
        assert_eq!(back.start_x, Rules::default().start_x);
        assert_eq!(back.limits.max_memory_bytes, Rules::default().limits.max_memory_bytes);
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
            let inputs = [0, 1].map(|i| Input::Act(fighters[i].tick(&Observation::of(&game, Side::BOTH[i]))));
            game.step(inputs);
        }
        assert!(seen_phase && seen_fireball, "the fight should exercise phases and fireballs");
    }
}
