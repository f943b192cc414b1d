//! placeholder
use arena_sdk::prelude::*;
/// x
#[derive(Default)]
pub struct Champion;
impl Bot for Champion { fn tick(&mut self, _: &Observation) -> Action { Action::Idle } }
arena_sdk::export_bot!(Champion);
