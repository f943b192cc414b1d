//! A replay file from anywhere (a download, a damaged disk): read it, and
//! re-simulate what was read. Neither may panic, hang or allocate by a
//! size it has not checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(replay) = arena_sim::Replay::from_bytes(data) {
        let _ = replay.verify();
    }
});
