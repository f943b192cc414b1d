//! Deterministic randomness: every random choice of a tournament is drawn
//! from SHA-256 of (purpose, tournament seed, match id) and ChaCha, so it
//! depends on nothing else (not on thread count, completion order or time).

use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

/// SHA-256 of a purpose tag, the tournament seed and a match id.
fn digest(purpose: &[u8], tournament_seed: u64, match_id: &str, extra: u64) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update((purpose.len() as u64).to_le_bytes());
    h.update(purpose);
    h.update(tournament_seed.to_le_bytes());
    h.update((match_id.len() as u64).to_le_bytes());
    h.update(match_id.as_bytes());
    h.update(extra.to_le_bytes());
    h.finalize().into()
}

/// A ChaCha20 generator keyed by (purpose, tournament seed, match id).
pub(crate) fn chacha_for(purpose: &[u8], tournament_seed: u64, match_id: &str) -> ChaCha20Rng {
    ChaCha20Rng::from_seed(digest(purpose, tournament_seed, match_id, 0))
}

/// A uniform integer in `0..n` (`n > 0`), without modulo bias.
pub(crate) fn uniform_below(rng: &mut ChaCha20Rng, n: u64) -> u64 {
    debug_assert!(n > 0);
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let v = rng.next_u64();
        if v < zone {
            return v % n;
        }
    }
}

/// The seed of game `game` (from 1) of match `match_id`: SHA-256 of
/// ("arena game seed", tournament seed, match id, game number), first eight
/// bytes little-endian.
pub fn game_seed(tournament_seed: u64, match_id: &str, game: u32) -> u64 {
    let d = digest(b"arena game seed", tournament_seed, match_id, u64::from(game));
    u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// The coin that breaks a knockout series still level after every other
/// tie-break: ChaCha20 keyed by SHA-256 of ("arena coin", tournament seed,
/// match id). `false` means the entrant in slot A wins, `true` slot B.
pub fn coin_flip(tournament_seed: u64, match_id: &str) -> bool {
    let mut rng = chacha_for(b"arena coin", tournament_seed, match_id);
    rng.next_u32() & 1 == 1
}
