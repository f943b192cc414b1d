//! The faces: NanumSquare, and DejaVu Sans as the fallback for the
//! scripts NanumSquare lacks.

use bevy::prelude::*;
use bevy::text::FontCx;

/// The regular and bold faces (NanumSquare: Latin and all of Hangul).
pub(super) static FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NanumSquareR.ttf");
pub(super) static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/NanumSquareB.ttf");
/// The fallback for what NanumSquare lacks (accented Latin, Greek, Cyrillic,
/// Hebrew, Arabic…). NanumSquare itself covers Hangul, kana and the common
/// CJK ideographs.
pub(super) static FALLBACK_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(super) static FALLBACK_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The fallback's family name, as its files name it.
const FALLBACK_FAMILY: &str = "DejaVu Sans";
/// The scripts the fallback serves.
const FALLBACK_SCRIPTS: [[u8; 4]; 8] = [*b"Latn", *b"Grek", *b"Cyrl", *b"Armn", *b"Geor", *b"Hebr", *b"Arab", *b"Zyyy"];

/// Once the fonts are in Bevy's font collection, makes DejaVu Sans the
/// fallback for the scripts NanumSquare lacks, and lays text out again.
pub(super) fn register_fallback(mut font_cx: ResMut<FontCx>, mut texts: Query<&mut TextFont>, mut done: Local<bool>) {
    if *done {
        return;
    }
    let Some(id) = font_cx.collection.family_id(FALLBACK_FAMILY) else {
        return;
    };
    for script in FALLBACK_SCRIPTS {
        let key = fontique::FallbackKey::new(fontique::Script::from_bytes(script), None);
        font_cx.collection.append_fallbacks(key, std::iter::once(id));
    }
    for mut t in &mut texts {
        t.set_changed();
    }
    *done = true;
}
