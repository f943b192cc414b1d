//! # arena-sdk: write an Arena fighting bot in Rust
//!
//! An Arena bot is a WebAssembly component of the `fighter` world
//! (`sdk/wit/fighter.wit`): the host calls `init` once per match (again
//! only after a fault), then `tick` every
//! tick with what the bot sees, and plays the action it returns. The rules of
//! the fight are `sdk/GAME.md` in the repository (every rule with a worked
//! example); this crate gives you those rules as Rust
//! ([`sim`], the same simulation the host runs), a [`Bot`] trait, one macro
//! to turn a bot into a component, and a harness to test it with
//! `cargo test`, in-process, with no wasm.
//!
//! ## 1. Start a bot
//!
//! `arena new-bot my-bot --lang rust` makes a ready-to-build project. By
//! hand: a library crate with
//!
//! ```toml
//! [package]
//! name = "my-bot"
//! version = "0.1.0"
//! edition = "2024"
//!
//! [lib]
//! crate-type = ["cdylib", "rlib"]   # cdylib: the component; rlib: native tests
//!
//! [dependencies]
//! arena-sdk = { path = "PATH/TO/arena/sdk" }
//!
//! [profile.release]
//! opt-level = "s"
//! lto = true
//! ```
//!
//! ## 2. Write the bot
//!
//! A bot is any type that implements [`Bot`] and [`Default`]. It sees an
//! [`Observation`] each tick, in its own frame: the opponent is always
//! towards larger x, so the bot never needs to know its side. It returns an
//! [`Action`]; an action asked for while the fighter cannot act (mid-attack,
//! stunned, airborne) is ignored. [`Bot::init`] gets the [`Rules`] of the
//! match (reach, frame data, speeds) before the first tick.
//!
//! ```
//! use arena_sdk::prelude::*;
//!
//! /// Walks in and punches whenever the punch reaches.
//! #[derive(Default)]
//! pub struct Puncher {
//!     rules: Rules,
//! }
//!
//! impl Bot for Puncher {
//!     fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
//!         self.rules = info.rules.clone();
//!         Ok(())
//!     }
//!
//!     fn tick(&mut self, obs: &Observation) -> Action {
//!         if obs.gap(self.rules.body_width) <= self.rules.punch.reach {
//!             Action::Punch
//!         } else {
//!             Action::Forward
//!         }
//!     }
//! }
//!
//! // Makes the crate a component of the `fighter` world when built for
//! // wasm32-wasip2 (and does nothing natively, so tests still link).
//! arena_sdk::export_bot!(Puncher);
//! # fn main() {}
//! ```
//!
//! The WIT carries the rules a bot can use; in [`MatchInfo::rules`] the few
//! it leaves out (`start_x`, `ticks_per_second`, and the budgets other than
//! `limits.tick_fuel` and `limits.max_think_ticks`) are their defaults.
//!
//! The bot lives for the whole match: it keeps its memory from round to
//! round (`obs.round`, `obs.my_wins` tell where it is), so it may learn its
//! opponent's habits. If it faults (a panic is a trap), it loses that round
//! and starts the next one as a fresh `Default` instance with a new `init`.
//!
//! A bot may embed the simulation to look ahead: [`sim::RoundState`] is the
//! whole state of a round and [`sim::RoundState::step`] plays one tick, the
//! same way the host does. Budgets: each tick may spend
//! `rules.limits.tick_fuel` fuel (about that many wasm instructions, 5
//! million by default). A tick that needs more is suspended and resumed on
//! the next tick, its fighter idling meanwhile; past
//! `rules.limits.max_think_ticks` ticks it is a fault.
//!
//! What a bot prints (`println!`, `eprintln!`) is kept with the replay,
//! tick-stamped, up to a cap. Random numbers (`rand`, `getrandom`) and clocks
//! work, but are deterministic: the same match always plays the same. There
//! are no files, no network and no environment.
//!
//! ## 3. Test it natively
//!
//! [`testing`] plays your bot in-process against the sparring partners of
//! [`testing::opponents`] (or any other [`Bot`]) and gives you the outcome
//! and a replay you can save and watch in the viewer:
//!
//! ```
//! use arena_sdk::prelude::*;
//! use arena_sdk::testing::{self, opponents};
//! # #[derive(Default)]
//! # struct Puncher;
//! # impl Bot for Puncher {
//! #     fn tick(&mut self, obs: &Observation) -> Action {
//! #         if obs.gap(60) <= 70 { Action::Punch } else { Action::Forward }
//! #     }
//! # }
//!
//! // In tests/fights.rs, or a #[test] in src/lib.rs:
//! let report = testing::fight(&mut Puncher::default(), &mut opponents::idle_dummy());
//! assert!(report.won(), "{}", report.summary());
//!
//! // From the other side, with another seed and a rule changed:
//! let rules = Rules { round_ticks: 600, ..Rules::default() };
//! let report = testing::Ring::new()
//!     .rules(rules)
//!     .seed(7)
//!     .side(Side::Right)
//!     .fight(&mut Puncher::default(), &mut opponents::guarder());
//! println!("{}", report.summary());
//!
//! // Write the replay to watch it: `arena-viewer replay FILE`.
//! # let dir = std::env::temp_dir().join("arena-sdk-doc");
//! let path = report.save(dir.join("puncher-vs-guarder.replay")).unwrap();
//! assert!(path.exists());
//! ```
//!
//! ## 4. Build the component
//!
//! ```text
//! rustup target add wasm32-wasip2            # once
//! cargo build --target wasm32-wasip2 --release
//! # -> target/wasm32-wasip2/release/my_bot.wasm, a component of the fighter world
//! arena validate target/wasm32-wasip2/release/my_bot.wasm
//! arena submit target/wasm32-wasip2/release/my_bot.wasm --name my-bot --author YOU
//! ```
//!
//! ## Without the `Bot` trait
//!
//! [`bindings`] holds the raw types and `Guest` trait that wit-bindgen
//! generates from the WIT; the `From` conversions between them and the
//! [`sim`] types are implemented here.

mod convert;
#[cfg(feature = "source")]
pub mod source;
#[cfg(not(target_family = "wasm"))]
pub mod testing;

pub use arena_sim as sim;
pub use arena_sim::{Action, FighterView, MatchInfo, Observation, Phase, Rules, Side};

/// The raw bindings that wit-bindgen generates from `sdk/wit/fighter.wit`:
/// the WIT records (`bindings::arena::bot::types`), the `Guest` trait and
/// its `export!` macro. [`export_bot!`] uses them for you; you need them
/// only to write a bot without the [`Bot`] trait.
#[allow(missing_docs, unsafe_code, clippy::all)]
pub mod bindings {
    wit_bindgen::generate!({
        path: "wit",
        world: "fighter",
        pub_export_macro: true,
        default_bindings_module: "arena_sdk::bindings",
    });
}

/// The usual imports for a bot: `use arena_sdk::prelude::*;`.
pub mod prelude {
    pub use crate::{Action, Bot, FighterView, MatchInfo, Observation, Phase, Rules, Side, export_bot};
}

/// A fighting bot: observation in, action out. It is arena-sim's
/// [`Fighter`](arena_sim::Fighter), the one bot trait: what your bot
/// implements is what the host, the harness and the sparring partners all
/// play.
///
/// Implement it (with [`Default`]) and export it with [`export_bot!`]. The
/// same value plays natively in [`testing`].
pub use arena_sim::Fighter as Bot;

/// Exports a [`Bot`] as the component's `fighter` world.
///
/// `arena_sdk::export_bot!(MyBot);` where `MyBot: Bot + Default`, once, in
/// the crate that builds the component (a `cdylib`). Each `init` makes a
/// fresh `MyBot::default()`, converts the WIT records to the [`sim`] types
/// and calls [`Bot::init`]; each `tick` converts the observation and calls
/// [`Bot::tick`]. The wasm exports exist only on `wasm32` targets, so the
/// same crate builds and tests natively.
#[macro_export]
macro_rules! export_bot {
    ($bot:ty) => {
        #[allow(unsafe_code)]
        const _: () = {
            ::std::thread_local! {
                static ARENA_BOT: ::core::cell::RefCell<::core::option::Option<$bot>> =
                    const { ::core::cell::RefCell::new(::core::option::Option::None) };
            }

            struct ArenaBotExport;

            impl $crate::bindings::Guest for ArenaBotExport {
                fn init(
                    info: $crate::bindings::arena::bot::types::MatchInfo,
                ) -> ::core::result::Result<(), ::std::string::String> {
                    ARENA_BOT.with(|slot| $crate::__private::init::<$bot>(slot, info))
                }

                fn tick(
                    observation: $crate::bindings::arena::bot::types::Observation,
                ) -> $crate::bindings::arena::bot::types::Action {
                    ARENA_BOT.with(|slot| $crate::__private::tick::<$bot>(slot, observation))
                }
            }

            #[cfg(target_arch = "wasm32")]
    $crate::bindings::export!(ArenaBotExport with_types_in $crate::bindings);
        };
    };
}

/// What [`export_bot!`] expands to calls; not a public API.
#[doc(hidden)]
pub mod __private {
    use std::cell::RefCell;

    use crate::Bot;
    use crate::bindings::arena::bot::types as wit;

    /// `init`: a fresh bot, told the match.
    pub fn init<B: Bot + Default>(slot: &RefCell<Option<B>>, info: wit::MatchInfo) -> Result<(), String> {
        let mut bot = B::default();
        let result = bot.init(&info.into());
        *slot.borrow_mut() = Some(bot);
        result
    }

    /// `tick`: the bot's action (a default bot if `init` was never called).
    pub fn tick<B: Bot + Default>(slot: &RefCell<Option<B>>, obs: wit::Observation) -> wit::Action {
        let mut slot = slot.borrow_mut();
        slot.get_or_insert_with(B::default).tick(&obs.into()).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Counter {
        ticks: i32,
        round: i32,
    }

    impl Bot for Counter {
        fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
            self.round = info.round;
            if info.seed == 13 { Err("unlucky".into()) } else { Ok(()) }
        }
        fn tick(&mut self, _: &Observation) -> Action {
            self.ticks += 1;
            if self.ticks == 2 { Action::Kick } else { Action::Forward }
        }
    }

    fn wit_info(seed: u64, round: i32) -> bindings::arena::bot::types::MatchInfo {
        MatchInfo { rules: Rules::default(), round, seed }.into()
    }

    fn wit_obs() -> bindings::arena::bot::types::Observation {
        let game = sim::Match::new(Rules::default(), sim::MatchKind::Normal).unwrap();
        Observation::of(&game, Side::Left).into()
    }

    #[test]
    fn the_export_glue_keeps_one_bot_per_init() {
        use bindings::arena::bot::types::Action as W;
        let slot = RefCell::new(None::<Counter>);
        assert_eq!(__private::init(&slot, wit_info(1, 3)), Ok(()));
        assert_eq!(slot.borrow().as_ref().unwrap().round, 3);
        assert_eq!(__private::tick(&slot, wit_obs()), W::Forward);
        assert_eq!(__private::tick(&slot, wit_obs()), W::Kick);
        assert_eq!(__private::tick(&slot, wit_obs()), W::Forward);
        // A new init starts a fresh bot, and its error comes back.
        assert_eq!(__private::init(&slot, wit_info(13, 1)), Err("unlucky".to_string()));
        assert_eq!(slot.borrow().as_ref().unwrap().ticks, 0);
    }

    #[test]
    fn tick_before_init_uses_a_default_bot() {
        let slot = RefCell::new(None::<Counter>);
        __private::tick(&slot, wit_obs());
        assert_eq!(slot.borrow().as_ref().unwrap().ticks, 1);
    }

    use std::cell::RefCell;
}
