//! The SDK promises that its native harness plays "exactly as the host".
//! Here it is checked: the same bot, compiled natively into this test and
//! built as a component by `cargo xtask bots`, fights every sparring
//! partner from both sides, and the two replays are the same bytes (once
//! the `engine` string, which names what played it, is set equal).

mod support;

#[path = "../../../bots/champion/src/lib.rs"]
#[allow(dead_code)] // its explaining tick is for its own tests
mod champion;
#[path = "../../../bots/rusher/src/lib.rs"]
mod rusher;
#[path = "../../../bots/turtle/src/lib.rs"]
mod turtle;
#[path = "../../../bots/zoner/src/lib.rs"]
mod zoner;

use arena_runtime::{Contestant, Runtime};
use arena_sdk::Bot;
use arena_sdk::testing::Ring;
use arena_sdk::testing::opponents::Opponent;
use arena_sim::{
    Approacher, Fighter, Guarder, IdleDummy, Jumper, MatchKind, RandomFighter, Rules, Side, native_identity,
};

/// Makes a fresh sparring partner.
type MakePartner = fn() -> Box<dyn Fighter + Send>;

/// The sparring partners, by the names the harness gives them.
fn partners() -> Vec<(&'static str, MakePartner)> {
    vec![
        ("idle-dummy", || Box::new(IdleDummy)),
        ("guarder", || Box::new(Guarder)),
        ("walker-puncher", || Box::new(Approacher::walker_puncher())),
        ("kicker", || Box::new(Approacher::kicker())),
        ("thrower", || Box::new(Approacher::thrower())),
        ("jumper", || Box::new(Jumper::default())),
        ("random", || Box::new(RandomFighter::new(0))),
    ]
}

/// `bot` natively in the harness and `target/bots/WASM.wasm` in the
/// sandbox, against every partner, from both sides, on two seeds.
fn check<B: Bot + Default>(wasm: &str) {
    let runtime = Runtime::new(&Rules::default().limits, None).unwrap();
    let mut program = runtime.load(&support::wasm(wasm), "", "").unwrap();
    let name = B::default().name();
    // The harness names a bot by its type; the sandbox takes whatever
    // identity it is given (and derives the bot's seed from it).
    program.identity = native_identity(&name);
    for (partner, make) in partners() {
        for side in Side::BOTH {
            for seed in [1, 2] {
                let native = Ring::new()
                    .seed(seed)
                    .side(side)
                    .fight(&mut B::default(), &mut Opponent::new(partner, BoxedFighter(make())));
                let bot = Contestant::Wasm(program.clone());
                let other = Contestant::Native { identity: native_identity(partner), fighter: make() };
                let contestants = if side == Side::Left { [bot, other] } else { [other, bot] };
                let mut sandbox = runtime.play(&Rules::default(), seed, MatchKind::Normal, contestants).unwrap();
                let mut native = native.replay().clone();
                native.engine = sandbox.engine.clone();
                // Fuel is the sandbox's own: the harness has none to record.
                assert!(sandbox.fuel(side).is_some() && sandbox.fuel(side.opponent()).is_none());
                sandbox.rounds.iter_mut().for_each(|r| r.fuel = Default::default());
                assert!(
                    native.to_bytes() == sandbox.to_bytes(),
                    "{name} against {partner} on the {side}, seed {seed}: the harness gave {:?}, the sandbox {:?}",
                    native.outcome,
                    sandbox.outcome
                );
            }
        }
    }
}

/// A boxed fighter as a `'static` value for [`Opponent::new`].
struct BoxedFighter(Box<dyn Fighter + Send>);

impl Fighter for BoxedFighter {
    fn init(&mut self, info: &arena_sim::MatchInfo) -> Result<(), String> {
        self.0.init(info)
    }
    fn tick(&mut self, observation: &arena_sim::Observation) -> arena_sim::Action {
        self.0.tick(observation)
    }
}

#[test]
fn the_harness_plays_rusher_exactly_as_the_sandbox() {
    check::<rusher::Rusher>("rusher");
}

#[test]
fn the_harness_plays_zoner_exactly_as_the_sandbox() {
    check::<zoner::Zoner>("zoner");
}

#[test]
fn the_harness_plays_turtle_exactly_as_the_sandbox() {
    check::<turtle::Turtle>("turtle");
}

#[test]
fn the_harness_plays_champion_exactly_as_the_sandbox() {
    check::<champion::Champion>("champion");
}
