//! Hostile bot `wrong-world`: a valid component, but of another world. It
//! exports `tock: func() -> u32` and neither `init` nor `tick`, so the host
//! must refuse it and name what is missing.

#![allow(unsafe_code)]

#[allow(missing_docs)]
mod bindings {
    wit_bindgen::generate!({
        path: "wit",
        world: "clock",
    });
}

/// Answers `tock`.
pub struct Clock;

impl bindings::Guest for Clock {
    fn tock() -> u32 {
        42
    }
}

bindings::export!(Clock with_types_in bindings);
