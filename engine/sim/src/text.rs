//! Text from a bot (its log, its `init` error, its name in a replay) on its
//! way to a terminal: control characters would let a bot move the cursor,
//! clear the organiser's screen or forge lines, so they are escaped.

use std::borrow::Cow;

/// `text` with every control character (newlines and escape sequences
/// included) and every bidirectional override written as a visible escape
/// such as `\n` or `\u{1b}`; text without them comes back borrowed.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::printable;

    fn check(input: &str, expected: &str) {
        assert_eq!(printable(input), expected, "{input:?}");
    }

    #[test]
    fn control_characters_are_escaped_and_the_rest_is_kept() {
        check("plain text, 한국어, émoji 🥊", "plain text, 한국어, émoji 🥊");
        check("two\nlines", "two\\nlines");
        check("\u{1b}[2J\u{1b}[Hcleared", "\\u{1b}[2J\\u{1b}[Hcleared");
        check("tab\there\r", "tab\\there\\r");
        check("abc\u{202e}fed", "abc\\u{202e}fed");
        check("nul\0", "nul\\u{0}");
    }
}
