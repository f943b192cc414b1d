//! Hostile bot `memory-hog`: on its first `tick` it allocates 1 MiB blocks,
//! touching every page, and keeps them until an allocation fails (in the
//! sandbox: the memory cap refuses `memory.grow`, Rust aborts, the host
//! records an out-of-memory fault).

use arena_sdk::prelude::*;

/// Grabs memory until it dies.
#[derive(Debug, Default)]
pub struct MemoryHog {
    hoard: Vec<Vec<u8>>,
}

impl Bot for MemoryHog {
    fn tick(&mut self, _: &Observation) -> Action {
        loop {
            let mut block = vec![0u8; 1 << 20];
            for page in block.chunks_mut(4096) {
                page[0] = 1;
            }
            self.hoard.push(std::hint::black_box(block));
        }
    }
}

arena_sdk::export_bot!(MemoryHog);
