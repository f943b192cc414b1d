//! Text widths estimated from the faces' metrics, so layout can keep text
//! inside its box without a font system; and names cut to fit.

/// Advance widths (in em) of printable ASCII in NanumSquare Bold, from the
/// font's `hmtx` table (Bold is the wider face, so the estimate is safe for
/// both).
const ASCII_EM: [f32; 95] = [
    0.250, 0.300, 0.387, 0.614, 0.628, 0.893, 0.677, 0.228, 0.337, 0.337, 0.469, 0.600, 0.294, 0.420, 0.294, 0.437,
    0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.610, 0.354, 0.354, 0.610, 0.610, 0.610, 0.542,
    0.993, 0.673, 0.635, 0.644, 0.688, 0.598, 0.568, 0.671, 0.697, 0.263, 0.472, 0.655, 0.546, 0.850, 0.701, 0.706,
    0.617, 0.698, 0.645, 0.616, 0.571, 0.684, 0.673, 0.975, 0.655, 0.625, 0.613, 0.389, 0.959, 0.389, 0.524, 0.500,
    0.610, 0.552, 0.596, 0.509, 0.596, 0.562, 0.386, 0.596, 0.599, 0.259, 0.276, 0.561, 0.253, 0.899, 0.599, 0.588,
    0.596, 0.596, 0.417, 0.498, 0.389, 0.595, 0.522, 0.765, 0.525, 0.526, 0.493, 0.449, 0.294, 0.449, 0.600,
];

/// A text's width at `size`: NanumSquare's advances for ASCII, 0.91 em for
/// Hangul and other wide characters, 0.7 em for anything else.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| match c as u32 {
            0x20..=0x7E => ASCII_EM[(c as u32 - 0x20) as usize],
            _ if is_wide(c) => 0.91,
            _ => 0.7,
        })
        .sum::<f32>()
        * size
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60)
}

/// `text`, cut with an ellipsis to fit `max_width` at `size`.
pub fn fit(text: &str, size: f32, max_width: f32) -> String {
    if text_width(text, size) <= max_width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        let next = format!("{out}{c}…");
        if text_width(&next, size) > max_width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_long_names_with_an_ellipsis() {
        assert_eq!(fit("Zoner", 30.0, 1000.0), "Zoner");
        let cut = fit("A very long bot name indeed", 30.0, 200.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 30.0) <= 200.0);
        let hangul = fit("번개주먹번개주먹번개주먹", 30.0, 150.0);
        assert!(text_width(&hangul, 30.0) <= 150.0, "{hangul}");
    }
}
