//! Bot pictures: a bot's own PNG, or an identicon drawn from its SHA-256.

use sha2::{Digest, Sha256};

/// Side of an identicon in cells.
pub const IDENTICON_CELLS: u32 = 5;
/// Side of an identicon image in pixels (cells plus a one-cell margin).
pub const IDENTICON_PIXELS: u32 = IDENTICON_CELLS + 2;

/// An identicon: a symmetric 5×5 pattern in one bright colour on a dark
/// ground, with a margin, as RGBA pixels (7×7). The same hash always gives
/// the same picture; `seed` is any text (normally the bot's SHA-256 in hex).
pub fn identicon(seed: &str) -> Vec<u8> {
    let hash = Sha256::digest(seed.as_bytes());
    let hue = f32::from(u16::from_le_bytes([hash[0], hash[1]])) / 65536.0 * 360.0;
    let fg = hsl_to_rgb(hue, 0.75, 0.6);
    let bg = [24u8, 30, 46];
    let n = IDENTICON_PIXELS as usize;
    let mut px = vec![0u8; n * n * 4];
    for y in 0..n {
        for x in 0..n {
            let on = if (1..=5).contains(&x) && (1..=5).contains(&y) {
                let cx = x - 1;
                let cy = y - 1;
                // Mirror columns 3 and 4 onto 1 and 0.
                let col = if cx > 2 { 4 - cx } else { cx };
                let bit = cy * 3 + col;
                hash[2 + bit / 8] >> (bit % 8) & 1 == 1
            } else {
                false
            };
            let c = if on { fg } else { bg };
            let i = (y * n + x) * 4;
            px[i..i + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }
    px
}

fn hsl_to_rgb(h: f32, s: f32, l: f32) -> [u8; 3] {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let hp = h / 60.0;
    let x = c * (1.0 - (hp % 2.0 - 1.0).abs());
    let (r, g, b) = match hp as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    [r, g, b].map(|v| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identicons_are_stable_symmetric_and_differ_by_hash() {
        let a = identicon("aaaa");
        assert_eq!(a, identicon("aaaa"));
        assert_ne!(a, identicon("bbbb"));
        let n = IDENTICON_PIXELS as usize;
        for y in 0..n {
            for x in 0..n {
                let l = (y * n + x) * 4;
                let r = (y * n + (n - 1 - x)) * 4;
                assert_eq!(a[l..l + 4], a[r..r + 4]);
            }
        }
    }
}
