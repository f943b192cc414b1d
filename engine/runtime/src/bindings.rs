//! The host side of `sdk/wit/fighter.wit`, and conversions between its
//! types and arena-sim's.

wasmtime::component::bindgen!({
    world: "fighter",
    path: "../../sdk/wit",
    exports: { default: async },
});

use arena::bot::types as wit;
use arena_sim as sim;

pub(crate) fn action_from_wit(a: wit::Action) -> sim::Action {
    match a {
        wit::Action::Idle => sim::Action::Idle,
        wit::Action::Forward => sim::Action::Forward,
        wit::Action::Back => sim::Action::Back,
        wit::Action::Jump => sim::Action::Jump,
        wit::Action::Crouch => sim::Action::Crouch,
        wit::Action::Guard => sim::Action::Guard,
        wit::Action::Punch => sim::Action::Punch,
        wit::Action::Kick => sim::Action::Kick,
        wit::Action::Throw => sim::Action::Throw,
        wit::Action::Fireball => sim::Action::Fireball,
    }
}

pub(crate) fn action_to_wit(a: sim::Action) -> wit::Action {
    match a {
        sim::Action::Idle => wit::Action::Idle,
        sim::Action::Forward => wit::Action::Forward,
        sim::Action::Back => wit::Action::Back,
        sim::Action::Jump => wit::Action::Jump,
        sim::Action::Crouch => wit::Action::Crouch,
        sim::Action::Guard => wit::Action::Guard,
        sim::Action::Punch => wit::Action::Punch,
        sim::Action::Kick => wit::Action::Kick,
        sim::Action::Throw => wit::Action::Throw,
        sim::Action::Fireball => wit::Action::Fireball,
    }
}

pub(crate) fn phase_to_wit(p: sim::Phase) -> wit::Phase {
    match p {
        sim::Phase::Startup => wit::Phase::Startup,
        sim::Phase::Active => wit::Phase::Active,
        sim::Phase::Recovery => wit::Phase::Recovery,
    }
}

fn view_to_wit(v: &sim::FighterView) -> wit::FighterView {
    wit::FighterView {
        x: v.x,
        y: v.y,
        hit_points: v.hit_points,
        energy: v.energy,
        action: action_to_wit(v.action),
        phase: v.phase.map(phase_to_wit),
        phase_ticks_left: v.phase_ticks_left,
        stun_ticks_left: v.stun_ticks_left,
        airborne: v.airborne,
        crouching: v.crouching,
        guarding: v.guarding,
        fireball_x: v.fireball_x,
    }
}

pub(crate) fn observation_to_wit(o: &sim::Observation) -> wit::Observation {
    wit::Observation {
        tick: o.tick,
        ticks_left: o.ticks_left,
        round: o.round,
        my_wins: o.my_wins,
        opponent_wins: o.opponent_wins,
        opponent_last_action: action_to_wit(o.opponent_last_action),
        me: view_to_wit(&o.me),
        opponent: view_to_wit(&o.opponent),
    }
}

fn attack_to_wit(a: &sim::AttackData) -> wit::AttackData {
    wit::AttackData {
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

pub(crate) fn match_info_to_wit(rules: &sim::Rules, round: i32, seed: u64) -> wit::MatchInfo {
    let r = rules;
    wit::MatchInfo {
        rules: wit::Rules {
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
            punch: attack_to_wit(&r.punch),
            kick: attack_to_wit(&r.kick),
            throw: attack_to_wit(&r.throw),
            fireball: attack_to_wit(&r.fireball),
            tick_fuel: r.limits.tick_fuel,
            max_think_ticks: r.limits.max_think_ticks,
        },
        round,
        seed,
    }
}
