//! Playing a match between sandboxed bots (or a bot and a native fighter),
//! tick by tick, with fuel budgets and faults as data.
//!
//! Each wasm bot lives in its own `Store` for the whole match. Its `tick`
//! call is an async call polled once per tick: the store yields every
//! `tick_fuel` units of fuel, so a call that needs more is simply still
//! pending at the end of the tick (its fighter idles, [`Input::Thinking`])
//! and resumes on the next tick with its state intact. Nothing here reads a
//! clock: the outcome depends only on the bots, the rules and the seed.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use arena_sim::{
    Answer, BotIdentity, BotLimits, Bout, Failure, FaultKind, Fighter, LogStream, Match, MatchInfo, MatchKind,
    Observation, Player, Replay, Rules, Side, bot_seed, init_error,
};
use wasmtime::Store;
use wasmtime::component::TypedFunc;

use crate::bindings;
use crate::clock::TickClock;
use crate::error::RuntimeError;
use crate::host::TickCall;
use crate::log::SharedLog;
use crate::runtime::{BotProgram, BotState, Runtime, root_cause};
use crate::wire::WireObservation;

/// One side of a match: a sandboxed bot or a native fighter.
pub enum Contestant {
    /// A compiled wasm bot.
    Wasm(BotProgram),
    /// A fighter in plain Rust (the validation dummy, test opponents).
    Native {
        /// How it appears in the replay.
        identity: BotIdentity,
        /// The fighter.
        fighter: Box<dyn Fighter + Send>,
    },
}

impl std::fmt::Debug for Contestant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Contestant").field(self.identity()).finish()
    }
}

impl Contestant {
    /// A native fighter under the name `name`.
    pub fn native(name: &str, fighter: impl Fighter + Send + 'static) -> Self {
        Contestant::Native { identity: arena_sim::native_identity(name), fighter: Box::new(fighter) }
    }

    /// Who this is.
    pub fn identity(&self) -> &BotIdentity {
        match self {
            Contestant::Wasm(p) => &p.identity,
            Contestant::Native { identity, .. } => identity,
        }
    }
}

/// The `engine` string replays of this runtime record: the crate's version,
/// its build (a hash of the sources that decide an outcome, see
/// `build.rs`) and every engine setting that can change an outcome.
pub fn engine_version() -> String {
    format!(
        "arena-runtime {} build {}; {}",
        env!("CARGO_PKG_VERSION"),
        env!("ARENA_BUILD_ID"),
        crate::runtime::engine_settings()
    )
}

impl Runtime {
    /// Plays a whole match and returns its replay. `contestants[0]` plays on
    /// the left.
    ///
    /// Bots that trap, overrun their budgets or return nonsense do not make
    /// this fail: they lose rounds, and the replay records their faults.
    /// The match is arena-sim's one driver ([`arena_sim::Bout`]); a wasm bot
    /// is a player whose answer may still be pending.
    pub fn play(
        &self,
        rules: &Rules,
        seed: u64,
        kind: MatchKind,
        contestants: [Contestant; 2],
    ) -> Result<Replay, RuntimeError> {
        let identities = [contestants[0].identity().clone(), contestants[1].identity().clone()];
        let mut bout = Bout::new(rules, kind, seed, identities, engine_version())?;
        let [left, right] = contestants.map(|c| self.player(c, rules));
        let backstop = RefCell::new(Backstop::new(self.backstop()));
        let mut sides = [
            Timed { player: left, side: Side::Left, backstop: &backstop },
            Timed { player: right, side: Side::Right, backstop: &backstop },
        ];
        while !bout.is_over() {
            let [l, r] = &mut sides;
            bout.tick([l, r]);
            if let Some(side) = backstop.borrow().passed() {
                let bot = &bout.bots()[side.index()];
                return Err(RuntimeError::Backstop {
                    bot: format!("`{}` by {} ({side})", bot.name, bot.author),
                    seconds: backstop.borrow().limit.as_secs_f64(),
                    tick: bout.elapsed(),
                });
            }
        }
        let [l, r] = &mut sides;
        Ok(bout.finish([l, r]).expect("the loop ends when the match is over"))
    }

    fn player<'r>(&'r self, contestant: Contestant, rules: &Rules) -> Box<dyn Player + 'r> {
        match contestant {
            Contestant::Wasm(program) => Box::new(WasmBot::new(self, program, rules)),
            Contestant::Native { fighter, .. } => Box::new(fighter),
        }
    }
}

/// A player whose start and answers count towards the backstop (timed on
/// every [`Backstop::SAMPLE`]th tick).
struct Timed<'a, 'r> {
    player: Box<dyn Player + 'r>,
    side: Side,
    backstop: &'a RefCell<Backstop>,
}

impl Player for Timed<'_, '_> {
    fn start(&mut self, info: &MatchInfo, elapsed: u64) -> Result<(), Failure> {
        let timer = self.backstop.borrow().start(elapsed);
        let started = self.player.start(info, elapsed);
        self.backstop.borrow_mut().stop(timer, self.side);
        started
    }

    fn answer(&mut self, observation: &Observation, elapsed: u64) -> Answer {
        let timer = self.backstop.borrow().start(elapsed);
        let answer = self.player.answer(observation, elapsed);
        self.backstop.borrow_mut().stop(timer, self.side);
        answer
    }

    fn spent(&mut self) -> Option<u64> {
        self.player.spent()
    }

    fn drain_logs(&mut self, end: bool, line: &mut dyn FnMut(LogStream, String)) {
        self.player.drain_logs(end, line);
    }
}

/// A bot instance: its store and its exports.
struct Instance {
    store: Store<BotState>,
    tick: TickFunc,
}

/// The `tick` export, with the observation lowered by [`WireObservation`].
type TickFunc = TypedFunc<(WireObservation,), (bindings::arena::bot::types::Action,)>;

type Fault = Failure;

/// Where the match runner leaves a bot's observation and finds its answer.
#[derive(Default)]
struct Mailbox {
    /// Posted by the runner when the bot is free to take a new tick.
    observation: Cell<Option<WireObservation>>,
    /// Left by the driver when a `tick` call returns.
    answer: Cell<Option<Result<arena_sim::Action, Fault>>>,
    /// Left with the answer: the fuel the whole call spent.
    call_fuel: Cell<u64>,
}

/// An instance's whole life after `init`: it waits for an observation, makes
/// the `tick` call, leaves the answer, and waits again. It ends only after a
/// fault, which poisons the instance.
///
/// One future per instance rather than one per call: a tick pays for no
/// allocation and moves nothing, only the component call itself.
type Driver = Pin<Box<dyn Future<Output = ()>>>;

async fn drive(mut instance: Instance, mailbox: Rc<Mailbox>, limits: BotLimits) {
    let budget = limits.tick_fuel.saturating_mul(u64::from(limits.max_think_ticks));
    loop {
        let observation = std::future::poll_fn(|_| match mailbox.observation.take() {
            Some(o) => Poll::Ready(o),
            None => Poll::Pending,
        })
        .await;
        let started = instance.store.data().ledger.clock.ticks();
        instance.store.data_mut().ledger.call = Some(TickCall { started, budget, tick_fuel: limits.tick_fuel });
        let answer = match instance.store.set_fuel(budget) {
            Ok(()) => instance.tick.call_async(&mut instance.store, (observation,)).await,
            Err(e) => Err(e),
        };
        mailbox.call_fuel.set(budget.saturating_sub(instance.store.get_fuel().unwrap_or(0)));
        let answer = answer.map(|(a,)| bindings::action_from_wit(a)).map_err(|e| {
            classify(&instance.store, &e, "tick", || {
                format!(
                    "one `tick` call ran past max_think_ticks ({}) ticks of tick_fuel ({}) each; \
                     answer sooner or spread the work over several ticks (rules: \
                     limits.max_think_ticks, limits.tick_fuel)",
                    limits.max_think_ticks, limits.tick_fuel
                )
            })
        });
        let faulted = answer.is_err();
        mailbox.answer.set(Some(answer));
        if faulted {
            return;
        }
    }
}

enum Slot {
    /// A fresh instance is needed (match start, or after a fault).
    NeedsStart,
    /// A running instance, thinking for this many ticks so far on its
    /// current `tick` call (0: waiting for the next observation).
    Running(Driver, u32),
}

struct WasmBot<'r> {
    runtime: &'r Runtime,
    program: BotProgram,
    rules: Rules,
    clock: TickClock,
    log: Option<Arc<SharedLog>>,
    dropped_reported: bool,
    mailbox: Rc<Mailbox>,
    slot: Slot,
    /// The fuel spent on the tick last answered.
    spent: u64,
}

impl WasmBot<'_> {
    fn new<'r>(runtime: &'r Runtime, program: BotProgram, rules: &Rules) -> WasmBot<'r> {
        WasmBot {
            runtime,
            program,
            rules: rules.clone(),
            clock: TickClock::default(),
            log: None,
            dropped_reported: false,
            mailbox: Rc::default(),
            slot: Slot::NeedsStart,
            spent: 0,
        }
    }

    fn answer_tick(&mut self, o: &Observation, elapsed: u64) -> Answer {
        self.clock.set(elapsed);
        let tick_fuel = self.rules.limits.tick_fuel;
        // A tick the bot never reached (it could not start) spends nothing.
        self.spent = 0;
        let Slot::Running(driver, thinking) = &mut self.slot else {
            // The driver starts a player before asking it, and again after
            // every fault.
            unreachable!("a wasm bot asked to answer before it was started")
        };
        if *thinking == 0 {
            self.mailbox.observation.set(Some(WireObservation(*o)));
        }
        // The driver never waits on anything but fuel, so a no-op waker does:
        // `Pending` with no answer means the call is still thinking.
        let _ = driver.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        // A call that answers on this tick spent what its earlier ticks,
        // each a whole tick_fuel, did not.
        let rest =
            |thinking: u32| self.mailbox.call_fuel.get().saturating_sub(tick_fuel.saturating_mul(u64::from(thinking)));
        match self.mailbox.answer.take() {
            Some(Ok(action)) => {
                self.spent = rest(*thinking);
                *thinking = 0;
                Answer::Act(action)
            }
            Some(Err((kind, message))) => {
                self.spent = rest(*thinking);
                // A trap poisons the instance: the next start makes a new one.
                self.slot = Slot::NeedsStart;
                Answer::Fault(kind, message)
            }
            None if *thinking + 1 > self.rules.limits.max_think_ticks => {
                self.spent = tick_fuel;
                self.slot = Slot::NeedsStart;
                Answer::Fault(
                    FaultKind::OutOfFuel,
                    format!(
                        "one `tick` call did not answer within max_think_ticks ({}) ticks",
                        self.rules.limits.max_think_ticks
                    ),
                )
            }
            None => {
                self.spent = tick_fuel;
                *thinking += 1;
                Answer::Thinking
            }
        }
    }

    /// Starts a fresh instance (the old one, if any, is dropped) and its
    /// driver future.
    fn start_instance(&mut self, info: &MatchInfo, elapsed: u64) -> Result<(), Fault> {
        self.clock.set(elapsed);
        self.slot = Slot::NeedsStart;
        let instance = self.start(info)?;
        let limits = self.rules.limits;
        self.slot = Slot::Running(Box::pin(drive(instance, self.mailbox.clone(), limits)), 0);
        Ok(())
    }

    /// A fresh instance, through `init`, run to completion on its own budget.
    fn start(&mut self, info: &MatchInfo) -> Result<Instance, Fault> {
        let mut store = self.runtime.new_store(info.seed, self.clock.clone(), self.rules.limits.max_log_bytes);
        self.log = Some(store.data().log.clone());
        self.dropped_reported = false;
        let limits = self.rules.limits;
        let setup = store.fuel_async_yield_interval(None).and_then(|()| store.set_fuel(limits.init_fuel));
        if let Err(e) = setup {
            return Err((FaultKind::LoadFailed, root_cause(&e)));
        }
        let info = bindings::match_info_to_wit(&self.rules, info.round, info.seed);
        let program = &self.program;
        let future = async move {
            let instantiated = async {
                let instance = program.instance_pre.instantiate_async(&mut store).await?;
                let fighter = program.fighter.load(&mut store, &instance)?;
                let tick = instance.get_typed_func::<(WireObservation,), _>(&mut store, &program.tick)?;
                wasmtime::Result::Ok((fighter, tick))
            };
            let (fighter, tick) = match instantiated.await {
                Ok(f) => f,
                Err(e) => {
                    let fault = classify(&store, &e, "instantiation", || init_fuel_message(&limits));
                    let kind = if fault.0 == FaultKind::Trap { FaultKind::LoadFailed } else { fault.0 };
                    return Err((kind, fault.1));
                }
            };
            match fighter.call_init(&mut store, info).await {
                Ok(Ok(())) => {}
                Ok(Err(message)) => return Err(init_error(&message)),
                Err(e) => {
                    let (kind, message) = classify(&store, &e, "init", || init_fuel_message(&limits));
                    let kind = if kind == FaultKind::Trap { FaultKind::InitFailed } else { kind };
                    return Err((kind, message));
                }
            }
            store
                .fuel_async_yield_interval(Some(limits.tick_fuel))
                .map_err(|e| (FaultKind::LoadFailed, root_cause(&e)))?;
            Ok(Instance { store, tick })
        };
        run_to_completion(future)
            .unwrap_or_else(|| Err((FaultKind::InitFailed, "`init` waited on something that never came".to_owned())))
    }
}

impl Player for WasmBot<'_> {
    fn start(&mut self, info: &MatchInfo, elapsed: u64) -> Result<(), Failure> {
        self.start_instance(info, elapsed)
    }

    fn answer(&mut self, observation: &Observation, elapsed: u64) -> Answer {
        self.answer_tick(observation, elapsed)
    }

    fn spent(&mut self) -> Option<u64> {
        Some(std::mem::take(&mut self.spent))
    }

    fn drain_logs(&mut self, end: bool, line: &mut dyn FnMut(LogStream, String)) {
        let Some(log) = &self.log else { return };
        let Some(mut log) = log.changed(end) else { return };
        if end {
            log.flush_partial();
        }
        for (stream, text) in log.lines.drain(..) {
            line(stream, text);
        }
        if log.dropped > 0 && !self.dropped_reported {
            self.dropped_reported = true;
            let cap = self.rules.limits.max_log_bytes;
            line(
                LogStream::Stderr,
                format!("[arena: output past {cap} bytes is dropped (rules: limits.max_log_bytes)]"),
            );
        }
    }
}

fn init_fuel_message(limits: &arena_sim::BotLimits) -> String {
    format!(
        "`init` used more than init_fuel ({}) fuel; do less work at start-up (rules: limits.init_fuel)",
        limits.init_fuel
    )
}

/// Polls a future that should never wait (nothing a bot can call blocks) to
/// completion, giving up after a bounded number of polls.
fn run_to_completion<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000_000 {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return Some(out);
        }
    }
    None
}

/// Names what went wrong in a bot, in plain words.
fn classify(store: &Store<BotState>, e: &wasmtime::Error, during: &str, out_of_fuel: impl FnOnce() -> String) -> Fault {
    let refused = store.data().limiter.refused.clone();
    if let Some(trap) = e.downcast_ref::<wasmtime::Trap>() {
        return match trap {
            wasmtime::Trap::OutOfFuel => (FaultKind::OutOfFuel, out_of_fuel()),
            wasmtime::Trap::StackOverflow => (
                FaultKind::StackOverflow,
                format!(
                    "{during} overflowed the stack (deep or endless recursion?); the cap is {} bytes \
                     (rules: limits.max_stack_bytes)",
                    store.data().limiter.max_stack
                ),
            ),
            wasmtime::Trap::MemoryOutOfBounds if refused.is_none() => (
                FaultKind::Trap,
                format!(
                    "{during} trapped: {trap}; in a Rust or C bot this is usually the stack \
                     (in linear memory) overflowing from deep recursion, or a bad pointer"
                ),
            ),
            _ => match refused {
                Some(why) => (FaultKind::OutOfMemory, format!("{during} ran out of memory: {why}")),
                None => (
                    FaultKind::Trap,
                    format!("{during} trapped: {trap} (a panic's message, if any, is in the bot's log at this tick)"),
                ),
            },
        };
    }
    if e.downcast_ref::<crate::host::HostFuelExhausted>().is_some() {
        return (FaultKind::OutOfFuel, format!("{} (its host calls cost fuel too)", out_of_fuel()));
    }
    if let Some(exit) = e.downcast_ref::<crate::host::BotExit>() {
        return (FaultKind::Trap, format!("{during}: {exit}"));
    }
    if let Some(refused) = e.downcast_ref::<crate::host::HostRefused>() {
        return (FaultKind::Trap, format!("{during}: {refused}"));
    }
    if let Some(why) = refused {
        return (FaultKind::OutOfMemory, format!("{during} ran out of memory: {why}"));
    }
    let message = root_cause(e);
    if message.contains("discriminant") || message.contains("invalid") && message.contains("lift") {
        return (FaultKind::MalformedOutput, format!("{during} returned a value that is not valid: {message}"));
    }
    (FaultKind::Trap, format!("{during} failed: {message}"))
}

impl Runtime {
    /// For the benchmarks: `ticks` rounds of the two bots' `tick` calls
    /// through the match runner's own call mechanism (fuel, suspension,
    /// log capture), with a fixed observation and no simulation around them.
    /// Returns how many calls answered.
    #[doc(hidden)]
    pub fn bare_tick_calls(&self, bots: [&BotProgram; 2], rules: &Rules, ticks: u64) -> u64 {
        let mut sides = bots.map(|p| WasmBot::new(self, p.clone(), rules));
        let game = Match::new(rules.clone(), MatchKind::Normal).expect("valid rules");
        let observations = Side::BOTH.map(|side| Observation::of(&game, side));
        let info = MatchInfo { rules: rules.clone(), round: 1, seed: 1 };
        let mut answered = 0;
        for tick in 0..ticks {
            for (bot, o) in sides.iter_mut().zip(&observations) {
                if matches!(bot.slot, Slot::NeedsStart) && bot.start_instance(&info, tick).is_err() {
                    continue;
                }
                if let Answer::Act(_) = bot.answer_tick(o, tick) {
                    answered += 1;
                }
                if let Some(mut log) = bot.log.as_ref().and_then(|log| log.changed(false)) {
                    log.lines.clear();
                }
            }
        }
        answered
    }
}

/// Starts a bot once (instantiate and `init`) under `rules`, to check it
/// fits the memory and init limits.
pub(crate) fn probe(runtime: &Runtime, program: &BotProgram, rules: &Rules, match_seed: u64) -> Result<(), Fault> {
    let mut bot = WasmBot::new(runtime, program.clone(), rules);
    let info = MatchInfo { rules: rules.clone(), round: 1, seed: bot_seed(match_seed, &program.identity.sha256) };
    bot.start(&info).map(drop)
}

/// The wall-clock backstop of a match: it never decides a result, it only
/// stops a match that runs far past anything fuel allows, so that a missed
/// escape is loud. Each side's polls are timed on every
/// [`Backstop::SAMPLE`]th tick (timing every poll would cost a match a few
/// per cent), which is enough to name the bot that is slow.
struct Backstop {
    limit: std::time::Duration,
    began: std::time::Instant,
    spent: [std::time::Duration; 2],
    passed: bool,
}

impl Backstop {
    const SAMPLE: u64 = 8;

    fn new(limit: std::time::Duration) -> Self {
        Self { limit, began: std::time::Instant::now(), spent: [std::time::Duration::ZERO; 2], passed: false }
    }

    fn start(&self, tick: u64) -> Option<std::time::Instant> {
        tick.is_multiple_of(Self::SAMPLE).then(std::time::Instant::now)
    }

    fn stop(&mut self, timer: Option<std::time::Instant>, side: Side) {
        if let Some(start) = timer {
            let now = std::time::Instant::now();
            self.spent[side.index()] += now - start;
            self.passed |= now - self.began > self.limit;
        }
    }

    /// The side that spent the most, once the match is past the limit.
    fn passed(&self) -> Option<Side> {
        self.passed.then(|| if self.spent[1] > self.spent[0] { Side::Right } else { Side::Left })
    }
}
