//! A registry's `index.json`, damaged or tampered with: it must be refused
//! or confined to the registry's folders.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(index) = arena_registry::Index::parse(text) {
        for entrant in &index.entrants {
            for v in &entrant.versions {
                for path in [Some(&v.wasm), v.avatar.as_ref(), v.validation_replay.as_ref()].into_iter().flatten() {
                    assert!(!path.contains("..") && !path.starts_with('/'), "{path}");
                }
                let reference = format!("{}@{}", entrant.name, v.version);
                assert!(index.find(&reference).is_some(), "{reference}");
            }
        }
    }
});
