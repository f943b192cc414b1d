//! A bot's power over the host is bounded by its fuel and its caps: host
//! calls cost fuel, memories and tables are capped for the whole bot, code
//! is bounded before it compiles, and a wall-clock backstop makes any escape
//! loud. Each class of attack has a hostile bot in `bots/hostile/`.

mod support;

use std::sync::OnceLock;

use arena_runtime::{BotProgram, Contestant, Runtime, RuntimeError};
use arena_sim::{FaultKind, IdleDummy, Input, MatchKind, Replay, Rules, Side};
use support::wasm;

/// Small budgets, so that a bot that spends all of them is quick to test:
/// 20 ticks of 500,000 fuel per `tick` call, 50 M for `init`.
fn rules() -> Rules {
    let mut rules = Rules::default();
    rules.limits.tick_fuel = 500_000;
    rules.limits.max_think_ticks = 20;
    rules.limits.init_fuel = 50_000_000;
    rules
}

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("arena-budgets-cache-{}", std::process::id()));
        Runtime::new(&rules().limits, Some(dir)).unwrap()
    })
}

fn load(name: &str) -> BotProgram {
    runtime().load(&wasm(name), name, "test").unwrap()
}

fn play(a: &str, b: &str) -> Replay {
    let replay =
        runtime().play(&rules(), 3, MatchKind::Normal, [Contestant::Wasm(load(a)), Contestant::Wasm(load(b))]).unwrap();
    replay.verify().unwrap();
    replay
}

/// The ticks at which the left bot was thinking, per round.
fn thinking_ticks(replay: &Replay) -> Vec<usize> {
    replay
        .rounds
        .iter()
        .map(|r| (0..r.inputs.len()).filter_map(|t| r.inputs_at(t)).filter(|i| i[0] == Input::Thinking).count())
        .collect()
}

/// `hostile` floods the host with work from inside `tick` and never answers:
/// its host calls must be charged like wasm, so it is suspended on every tick
/// and faults out of fuel when a bot that only computes does (or one tick
/// sooner: a call that costs more than the fuel left ends the budget at
/// once, where wasm would use up the rest), and the opponent plays on
/// untouched.
///
/// With `host_spends_last`, the budget must run out in a host call (its
/// cost is what ends the bot); `poll-flood` also spends much in wasm (the
/// answer lists it lowers and frees), so either may end it there.
fn check_host_flood(hostile: &str, host_spends_last: bool) {
    let flood = play(hostile, "rusher");
    let compute = play("infinite-loop", "rusher");
    let faults: Vec<_> = flood.faults.iter().filter(|f| f.side == Side::Left).collect();
    assert!(!faults.is_empty(), "{hostile} should fault");
    for f in &faults {
        assert_eq!(f.kind, FaultKind::OutOfFuel, "{hostile}: {}", f.message);
        // Its host calls, not its wasm, spent the budget.
        if host_spends_last {
            assert!(f.message.contains("its host calls cost fuel too"), "{hostile}: {}", f.message);
        }
    }
    let at =
        |r: &Replay| r.faults.iter().filter(|f| f.side == Side::Left).map(|f| (f.round, f.tick)).collect::<Vec<_>>();
    let (flood_at, compute_at) = (at(&flood), at(&compute));
    assert_eq!(flood_at.len(), compute_at.len(), "{hostile}: one fault a round, as the computing bot");
    for ((round, tick), (compute_round, compute_tick)) in flood_at.iter().zip(&compute_at) {
        assert_eq!(round, compute_round);
        assert!(
            *tick == *compute_tick || *tick + 1 == *compute_tick,
            "{hostile} ran out of fuel at tick {tick} of round {round}; a computing bot does at {compute_tick}"
        );
    }
    for (flood_thinking, compute_thinking) in thinking_ticks(&flood).into_iter().zip(thinking_ticks(&compute)) {
        assert!(
            flood_thinking + 1 >= compute_thinking && flood_thinking <= compute_thinking,
            "{hostile} must be suspended tick by tick: {flood_thinking} ticks, a computing bot {compute_thinking}"
        );
    }
    assert!(flood.faults.iter().all(|f| f.side == Side::Left), "the opponent must not fault: {:?}", flood.faults);
    assert_eq!(flood.outcome.winner, Some(Side::Right), "{hostile}");
    // The same bytes every time: host calls are deterministic.
    assert_eq!(flood.to_bytes(), play(hostile, "rusher").to_bytes(), "{hostile}");
}

#[test]
fn random_bytes_cost_fuel() {
    check_host_flood("random-flood", true);
}

#[test]
fn stream_writes_cost_fuel() {
    check_host_flood("stream-flood", true);
}

#[test]
fn polling_many_pollables_costs_fuel() {
    check_host_flood("poll-flood", false);
}

#[test]
fn the_cheapest_host_call_costs_fuel() {
    check_host_flood("clock-spin", true);
}

#[test]
fn host_calls_cost_fuel_in_init_too() {
    let replay = play("init-flood", "rusher");
    let faults: Vec<_> = replay.faults.iter().filter(|f| f.side == Side::Left).collect();
    assert_eq!(faults.len(), replay.rounds.len(), "every round's `init` must run out: {faults:?}");
    for f in faults {
        assert_eq!(f.kind, FaultKind::OutOfFuel, "{}", f.message);
        assert_eq!(f.tick, 0);
        assert!(f.message.contains("init_fuel") && f.message.contains("host calls"), "{}", f.message);
    }
}

#[test]
fn a_bot_cannot_hold_handles_without_end() {
    let replay = play("handle-flood", "rusher");
    let faults: Vec<_> = replay.faults.iter().filter(|f| f.side == Side::Left).collect();
    assert!(!faults.is_empty());
    for f in faults {
        assert_eq!(f.kind, FaultKind::Trap, "{}", f.message);
        assert!(f.message.contains("handle limit"), "{}", f.message);
        // Taking 4,096 handles costs about 8 M fuel: the cap is reached
        // within the call's budget (10 M), before it could run out of fuel.
        assert!(f.tick < rules().limits.max_think_ticks as i32, "{}", f.message);
    }
}

/// A bot whose memories (or tables) are each under the cap but together over
/// it cannot start: the cap is for the whole bot.
fn check_whole_bot_cap(hostile: &str, part: &str) {
    let replay = play(hostile, "rusher");
    let faults: Vec<_> = replay.faults.iter().filter(|f| f.side == Side::Left).collect();
    assert!(!faults.is_empty(), "{hostile} must not start");
    for f in faults {
        assert_eq!(f.kind, FaultKind::OutOfMemory, "{hostile}: {}", f.message);
        assert_eq!(f.tick, 0);
        assert!(f.message.contains(part), "{hostile}: `{}` should mention `{part}`", f.message);
    }
    let v = runtime().validate(&wasm(hostile), hostile, "test", &rules());
    let failure = v.failure().expect("validation must fail");
    assert_eq!(failure.check, arena_runtime::Check::Limits, "{}", failure.message);
    assert!(failure.message.contains(part), "{}", failure.message);
}

#[test]
fn many_memories_share_one_memory_cap() {
    check_whole_bot_cap("many-memories", "limits.max_memory_bytes");
}

#[test]
fn many_tables_share_one_table_cap() {
    check_whole_bot_cap("many-tables", "limits.max_table_elements");
}

#[test]
fn a_bot_just_within_its_caps_plays_and_many_copies_start_at_once() {
    // 24 instances of a bot with 49 memories each, alive at once: a shared
    // pool of 1,000 memories would have run dry here.
    let program = load("pool-hungry");
    let replays: Vec<Replay> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..12)
            .map(|seed| {
                let program = program.clone();
                s.spawn(move || {
                    runtime()
                        .play(
                            &rules(),
                            seed,
                            MatchKind::Normal,
                            [Contestant::Wasm(program.clone()), Contestant::Wasm(program)],
                        )
                        .unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in &replays {
        assert!(r.faults.is_empty(), "{:?}", r.faults);
    }
    let v = runtime().validate(&wasm("pool-hungry"), "pool-hungry", "test", &rules());
    assert!(v.passed(), "{:?}", v.checks);
}

#[test]
fn a_match_past_the_backstop_is_a_host_error_naming_the_bot() {
    let strict = Runtime::new(&rules().limits, None).unwrap().with_backstop(std::time::Duration::ZERO);
    let bot = strict.load(&wasm("rusher"), "rusher", "someone").unwrap();
    let err = strict
        .play(&rules(), 1, MatchKind::Normal, [Contestant::Wasm(bot), Contestant::native("dummy", IdleDummy)])
        .unwrap_err();
    let RuntimeError::Backstop { bot, .. } = &err else { panic!("{err}") };
    assert!(bot.contains("rusher") || bot.contains("dummy"), "{bot}");
    assert!(err.to_string().contains("No result was recorded"), "{err}");
    // Validation comes back with the same error as a failed check.
    let v = strict.validate(&wasm("rusher"), "rusher", "someone", &rules());
    assert!(v.failure().unwrap().message.contains("backstop"), "{:?}", v.checks);
}

/// A component of one core module with the given functions (each a body of
/// `body_bytes` bytes of `nop` and `locals` locals).
fn component_with(functions: u32, body_bytes: usize, locals: u32) -> Vec<u8> {
    fn leb(mut n: u64, out: &mut Vec<u8>) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }
    fn section(id: u8, body: &[u8], out: &mut Vec<u8>) {
        out.push(id);
        leb(body.len() as u64, out);
        out.extend_from_slice(body);
    }
    let mut module = b"\0asm\x01\0\0\0".to_vec();
    section(1, &[1, 0x60, 0, 0], &mut module);
    let mut funcs = Vec::new();
    leb(u64::from(functions), &mut funcs);
    funcs.extend(std::iter::repeat_n(0, functions as usize));
    section(3, &funcs, &mut module);
    let mut body = Vec::new();
    if locals > 0 {
        body.push(1);
        leb(u64::from(locals), &mut body);
        body.push(0x7f);
    } else {
        body.push(0);
    }
    body.extend(std::iter::repeat_n(0x01, body_bytes));
    body.push(0x0b);
    let mut code = Vec::new();
    leb(u64::from(functions), &mut code);
    for _ in 0..functions {
        leb(body.len() as u64, &mut code);
        code.extend_from_slice(&body);
    }
    section(10, &code, &mut module);
    let mut component = b"\0asm\x0d\0\x01\0".to_vec();
    section(1, &module, &mut component);
    component
}

fn load_error(wasm: &[u8]) -> String {
    match runtime().load(wasm, "crafted", "test") {
        Err(RuntimeError::BadBot { kind, message }) => {
            assert_eq!(kind, FaultKind::LoadFailed, "{message}");
            message
        }
        other => panic!("a crafted module must be refused: {other:?}"),
    }
}

#[test]
fn code_that_would_take_too_long_to_compile_is_refused_before_compiling() {
    use arena_runtime::static_limits::{MAX_FUNCTION_BYTES, MAX_FUNCTIONS, MAX_LOCALS};
    let huge_function = load_error(&component_with(1, MAX_FUNCTION_BYTES as usize + 10, 0));
    assert!(huge_function.contains("largest function"), "{huge_function}");
    let many_functions = load_error(&component_with(MAX_FUNCTIONS as u32 + 1, 1, 0));
    assert!(many_functions.contains("number of functions"), "{many_functions}");
    let many_locals = load_error(&component_with(1, 1, MAX_LOCALS as u32 + 1));
    assert!(many_locals.contains("locals") || many_locals.contains("valid"), "{many_locals}");
    // The same shape within the limits gets past these checks (and fails
    // later, for not being a fighter).
    let small = runtime().load(&component_with(10, 100, 10), "small", "test").unwrap_err();
    assert!(small.to_string().contains("`fighter` world"), "{small}");
}

#[test]
fn real_bots_are_far_within_the_code_limits() {
    for name in ["py-kicker", "champion", "sneaky"] {
        let shape = arena_runtime::static_limits::check(&wasm(name), rules().limits.max_memory_bytes).unwrap();
        assert!(shape.functions < arena_runtime::static_limits::MAX_FUNCTIONS / 4, "{name}: {shape:?}");
        assert!(
            shape.largest_function_bytes < arena_runtime::static_limits::MAX_FUNCTION_BYTES / 4,
            "{name}: {shape:?}"
        );
    }
}
