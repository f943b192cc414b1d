//! The floor a match's cost is measured against: the same component's
//! `tick`, called synchronously with a fixed observation, and nothing else
//! (no fuel slices, no suspension, no host, no simulation, no `init`).

use arena_sim::{Match, MatchKind, Observation, Rules, Side};
use wasmtime::Store;
use wasmtime::component::{Linker, TypedFunc};

use crate::bindings;
use crate::runtime::{BotProgram, Runtime};
use crate::wire::WireObservation;

impl Runtime {
    /// For the benchmarks: `calls` synchronous typed calls of the bot's
    /// `tick` in one instance, its imports left as traps (a trivial bot's
    /// `tick` calls none). Returns how many answered.
    #[doc(hidden)]
    pub fn floor_tick_calls(&self, bot: &BotProgram, rules: &Rules, calls: u64) -> Result<u64, String> {
        let component = bot.instance_pre.component();
        let mut linker: Linker<()> = Linker::new(self.engine());
        linker.define_unknown_imports_as_traps(component).map_err(|e| e.to_string())?;
        let mut store = Store::new(self.engine(), ());
        // The engine meters fuel, so the code has its fuel checks; give
        // the store more than the calls can spend and never slice it.
        store.set_fuel(u64::MAX / 2).map_err(|e| e.to_string())?;
        let instance = linker.instantiate(&mut store, component).map_err(|e| e.to_string())?;
        let tick: TypedFunc<(WireObservation,), (bindings::arena::bot::types::Action,)> =
            instance.get_typed_func(&mut store, "tick").map_err(|e| e.to_string())?;
        let game = Match::new(rules.clone(), MatchKind::Normal).map_err(|e| e.to_string())?;
        let observation = WireObservation(Observation::of(&game, Side::Left));
        let mut answered = 0;
        for _ in 0..calls {
            if tick.call(&mut store, (observation,)).is_ok() {
                answered += 1;
            }
        }
        Ok(answered)
    }
}
