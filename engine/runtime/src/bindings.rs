//! The host side of `sdk/wit/fighter.wit`, and conversions between its
//! types and arena-sim's.

wasmtime::component::bindgen!({
    world: "fighter",
    path: "../../sdk/wit",
    exports: { default: async },
});

use arena::bot::types as wit;
use arena_sim as sim;

// `From` both ways for every type of the WIT, from arena-sim's one table of
// their fields (checked against the WIT file by arena-sim's tests).
arena_sim::wit_types!(arena_sim::wit_conversions!(wit));

/// The action a bot's `tick` returned, in arena-sim's terms.
pub(crate) fn action_from_wit(a: wit::Action) -> sim::Action {
    a.into()
}

/// What `init` is told: `rules` as the WIT carries them, and the bot's
/// starting round and seed.
pub(crate) fn match_info_to_wit(rules: &sim::Rules, round: i32, seed: u64) -> wit::MatchInfo {
    // A copy of a few integers, once per instance.
    sim::MatchInfo { rules: rules.clone(), round, seed }.into()
}
