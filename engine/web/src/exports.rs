//! The module's interface to the page's script: C-ABI functions over one
//! shared byte buffer.
//!
//! The script asks for a buffer of N bytes (`arena_buffer`), writes its
//! input there (replay bytes, an address, a hash) and calls a function;
//! answers (a display list, a status, an error, pixels) come back in the
//! same buffer, read from `arena_output_ptr` for the returned length. No
//! pointer ever crosses the boundary except into that buffer, so the Rust
//! side needs no unsafe code beyond the export attributes.
// `#[unsafe(no_mangle)]` is the only unsafe here: it names the exports.
#![allow(unsafe_code)]

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::Duration;

use arena_scene::avatar::identicon;
use arena_scene::display::to_json;

use crate::player::{Command, Player};

/// The largest input the script may hand over: the replay cap of arena-sim
/// is far below it.
const MAX_INPUT: u32 = 256 << 20;

thread_local! {
    static PLAYER: RefCell<Player> = RefCell::new(Player::default());
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn input() -> Vec<u8> {
    BUFFER.with_borrow(Clone::clone)
}

/// Leaves `bytes` in the buffer and returns their length.
fn answer(bytes: Vec<u8>) -> u32 {
    let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
    BUFFER.with_borrow_mut(|b| *b = bytes);
    len
}

/// Makes the buffer `len` bytes (zeroed) and returns where it starts, for
/// the script to write its input; 0 when `len` is over the cap.
#[unsafe(no_mangle)]
pub extern "C" fn arena_buffer(len: u32) -> *mut u8 {
    if len > MAX_INPUT {
        return std::ptr::null_mut();
    }
    BUFFER.with_borrow_mut(|b| {
        *b = vec![0; len as usize];
        b.as_mut_ptr()
    })
}

/// Where the last answer starts.
#[unsafe(no_mangle)]
pub extern "C" fn arena_output_ptr() -> *const u8 {
    BUFFER.with_borrow(|b| b.as_ptr())
}

/// Loads the replay in the buffer: 1 when it plays, else 0 with the
/// reason (UTF-8) left in the buffer, its length from `arena_output_len`.
#[unsafe(no_mangle)]
pub extern "C" fn arena_load() -> u32 {
    let bytes = input();
    match PLAYER.with_borrow_mut(|p| p.load(&bytes)) {
        Ok(()) => {
            answer(Vec::new());
            1
        }
        Err(e) => {
            answer(e.into_bytes());
            0
        }
    }
}

/// The length of what the buffer holds now.
#[unsafe(no_mangle)]
pub extern "C" fn arena_output_len() -> u32 {
    BUFFER.with_borrow(|b| u32::try_from(b.len()).unwrap_or(u32::MAX))
}

/// Sets side `side`'s picture to the address in the buffer (empty: its
/// identicon).
#[unsafe(no_mangle)]
pub extern "C" fn arena_set_avatar(side: u32) {
    let url = String::from_utf8_lossy(&input()).into_owned();
    PLAYER.with_borrow_mut(|p| {
        if let Some(slot) = p.decor.avatars.get_mut(side as usize) {
            *slot = (!url.is_empty()).then(|| PathBuf::from(url));
        }
    });
}

/// Sets the caption over the fight to the text in the buffer (empty:
/// none).
#[unsafe(no_mangle)]
pub extern "C" fn arena_set_caption() {
    let text = String::from_utf8_lossy(&input()).into_owned();
    PLAYER.with_borrow_mut(|p| p.decor.caption = (!text.is_empty()).then_some(text));
}

/// Moves playback on by `ms` milliseconds; returns the ticks moved.
#[unsafe(no_mangle)]
pub extern "C" fn arena_advance(ms: f64) -> u32 {
    let dt = Duration::from_secs_f64((ms / 1000.0).clamp(0.0, 1.0));
    PLAYER.with_borrow_mut(|p| p.advance(dt))
}

/// Applies control `code` (see [`Command::from_code`]) with `arg`.
#[unsafe(no_mangle)]
pub extern "C" fn arena_command(code: u32, arg: f64) {
    if let Some(c) = Command::from_code(code, arg) {
        PLAYER.with_borrow_mut(|p| p.command(c));
    }
}

/// Leaves this frame's display list (JSON, see
/// `arena_scene::display::Shape::to_json`) in the buffer; returns its
/// length.
#[unsafe(no_mangle)]
pub extern "C" fn arena_frame() -> u32 {
    answer(to_json(&PLAYER.with_borrow(Player::frame)).into_bytes())
}

/// Leaves the status (JSON, see [`Player::status`]) in the buffer; returns
/// its length.
#[unsafe(no_mangle)]
pub extern "C" fn arena_status() -> u32 {
    answer(PLAYER.with_borrow(Player::status).into_bytes())
}

/// Leaves the identicon of the hash in the buffer (7×7 RGBA); returns its
/// length.
#[unsafe(no_mangle)]
pub extern "C" fn arena_identicon() -> u32 {
    let seed = String::from_utf8_lossy(&input()).into_owned();
    answer(identicon(&seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The script's side of the buffer protocol, natively.
    fn hand_over(bytes: &[u8]) {
        let _ = arena_buffer(u32::try_from(bytes.len()).unwrap());
        BUFFER.with_borrow_mut(|b| b.copy_from_slice(bytes));
    }

    fn output() -> String {
        BUFFER.with_borrow(|b| String::from_utf8(b.clone()).unwrap())
    }

    #[test]
    fn a_replay_handed_over_plays_and_answers_in_the_buffer() {
        let replay = arena_sim::play_match(
            &arena_sim::Rules::default(),
            1,
            [&mut arena_sim::Approacher::walker_puncher(), &mut arena_sim::Guarder],
            [arena_sim::native_identity("left"), arena_sim::native_identity("right")],
        )
        .unwrap();
        hand_over(b"not a replay");
        assert_eq!(arena_load(), 0);
        assert!(!output().is_empty(), "the reason is in the buffer");
        hand_over(&replay.to_bytes());
        assert_eq!(arena_load(), 1);
        assert_eq!(arena_advance(500.0), 30);
        arena_command(1, 5.0);
        let len = arena_status();
        assert_eq!(len as usize, output().len());
        assert!(output().contains(r#""tick":35"#), "{}", output());
        let len = arena_frame();
        assert!(len > 1000 && output().starts_with("[[\"quad\""), "{len}");
        hand_over(b"ab");
        assert_eq!(arena_identicon(), 7 * 7 * 4);
        assert!(arena_buffer(MAX_INPUT + 1).is_null(), "a size over the cap allocates nothing");
    }
}
