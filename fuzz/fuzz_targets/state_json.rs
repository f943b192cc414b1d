//! A `state.json` as the viewer and `arena tournament show` read it while
//! the runner rewrites it (or after someone edited it).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(state) = arena_live::parse(data) {
        // What readers do next with a state that parsed.
        let _ = state.tournament.standings();
        for game in state.games.values().flatten() {
            let _ = state.tournament.entrants().get(game.left.0 as usize);
        }
    }
});
