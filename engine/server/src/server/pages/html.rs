//! The frame every page shares (head, navigation, style), text made safe
//! for HTML, and the page that says what went wrong.

use std::fmt::Write as _;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// `text` with HTML's special characters escaped, for element content and
/// quoted attributes alike.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A bot's name is shown, never obeyed: control characters
            // become visible escapes.
            c if c.is_control() && c != '\n' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A whole page: `title`, then `body` (already HTML) under the navigation.
pub(super) fn page(title: &str, body: &str) -> Html<String> {
    let nav = r#"<nav><a class="home" href="/">Arena</a> <a href="/">Entrants</a> <a href="/submit">Submit</a> <a href="/play">Playground</a> <a href="/live">Live</a></nav>"#;
    frame(title, &format!("{nav}\n<main>\n<h1>{}</h1>\n{body}\n</main>", escape(title)))
}

/// A page to show inside another (the playground's match): `body` alone.
pub(super) fn embedded(title: &str, body: &str) -> Html<String> {
    frame(title, &format!(r#"<main class="embedded">{body}</main>"#))
}

fn frame(title: &str, content: &str) -> Html<String> {
    Html(format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Arena</title>
<link rel="stylesheet" href="/web/style.css">
</head>
<body>
{content}
</body>
</html>
"#,
        title = escape(title),
    ))
}

/// A page that answers a bad request: what is wrong and what to do, with
/// the status that says so. Never a stack trace.
#[derive(Debug)]
pub(in crate::server) struct PageError {
    pub(super) status: StatusCode,
    pub(super) message: String,
}

impl PageError {
    pub(in crate::server) fn not_found(message: impl Into<String>) -> Self {
        Self { status: StatusCode::NOT_FOUND, message: message.into() }
    }
}

impl From<super::super::ApiError> for PageError {
    fn from(e: super::super::ApiError) -> Self {
        Self { status: e.status, message: e.message }
    }
}

impl From<arena_registry::RegistryError> for PageError {
    fn from(e: arena_registry::RegistryError) -> Self {
        super::super::ApiError::from(e).into()
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = if self.status == StatusCode::NOT_FOUND { "Not found" } else { "Something is wrong" };
        let body = format!(
            r#"<p class="error" id="error">{}</p><p><a href="/">All entrants</a> · <a href="/submit">Submit a bot</a></p>"#,
            escape(&self.message)
        );
        (self.status, page(title, &body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cannot_become_markup() {
        assert_eq!(escape(r#"<script>"a"&'b'</script>"#), "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;");
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("김 봇"), "김 봇");
    }
}
