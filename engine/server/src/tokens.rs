//! Participants' tokens: the file the organiser writes (or `arena tokens
//! new` generates), one `TOKEN HANDLE` a line.
//!
//! ```text
//! # Arena submission tokens: one `TOKEN HANDLE` a line.
//! 1f0c…9ab2 @admin
//! 7d41…03ce ada
//! c9e2…5f17 김철수
//! ```
//!
//! The token comes first and has no spaces; the rest of the line is the
//! author handle that token may submit under (handles may hold spaces and
//! letters of any script). The handle `@admin` (which no participant can
//! have, since `@` is not allowed in handles) marks the organiser's token,
//! which may close submissions. Blank lines and lines starting with `#`
//! are skipped.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::ServerError;

/// The handle that marks an organiser's token in a tokens file.
pub const ADMIN: &str = "@admin";

/// Who a token belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    /// A participant, who submits under this handle.
    Participant(String),
    /// The organiser.
    Admin,
}

/// The tokens the server accepts. Tokens are kept hashed, and looked up by
/// their hash, so a lookup takes no longer for a nearly right token than
/// for a wrong one.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    by_hash: HashMap<[u8; 32], Holder>,
}

impl Tokens {
    /// Reads a tokens file.
    pub fn load(path: &Path) -> Result<Self, ServerError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| ServerError::TokensIo { path: path.to_owned(), source })?;
        Self::parse(&text).map_err(|(line, message)| ServerError::BadTokens { path: path.to_owned(), line, message })
    }

    /// Parses the text of a tokens file; an error names the line (from 1).
    pub fn parse(text: &str) -> Result<Self, (usize, String)> {
        let mut tokens = Self::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((token, handle)) = line.split_once(char::is_whitespace) else {
                return Err((i + 1, format!("`{line}` has a token but no handle; write `TOKEN HANDLE`")));
            };
            let handle = handle.trim();
            if token.len() < 16 {
                return Err((
                    i + 1,
                    "the token is shorter than 16 characters; `arena tokens new` makes good ones".into(),
                ));
            }
            let holder = if handle == ADMIN {
                Holder::Admin
            } else {
                arena_registry::check_name("author", handle).map_err(|e| (i + 1, e.to_string()))?;
                Holder::Participant(handle.to_owned())
            };
            if tokens.by_hash.insert(hash(token), holder).is_some() {
                return Err((i + 1, "this token is already on an earlier line; each token must be different".into()));
            }
        }
        Ok(tokens)
    }

    /// Adds a token (used for the admin token the server makes when the
    /// file has none).
    pub fn insert(&mut self, token: &str, holder: Holder) {
        self.by_hash.insert(hash(token), holder);
    }

    /// Who holds `token`, if anyone.
    pub fn holder(&self, token: &str) -> Option<&Holder> {
        self.by_hash.get(&hash(token))
    }

    /// How many participants' tokens there are.
    pub fn participants(&self) -> usize {
        self.by_hash.values().filter(|h| matches!(h, Holder::Participant(_))).count()
    }

    /// Whether an organiser's token is among them.
    pub fn has_admin(&self) -> bool {
        self.by_hash.values().any(|h| *h == Holder::Admin)
    }
}

fn hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// A new random token: 128 bits from the operating system, in hex.
pub fn generate_token() -> Result<String, ServerError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ServerError::Random(e.to_string()))?;
    Ok(hex::encode(bytes))
}

/// The text of a new tokens file: an organiser's token and one token per
/// handle.
pub fn tokens_file(handles: &[String]) -> Result<String, ServerError> {
    for h in handles {
        arena_registry::check_name("author", h)?;
    }
    let mut text = String::from(
        "# Arena submission tokens: one `TOKEN HANDLE` a line.\n\
         # Give each participant their own line; they submit with\n\
         #   arena submit BOT.wasm --name NAME --author HANDLE --server URL --token TOKEN\n\
         # The @admin token is the organiser's: it closes submissions\n\
         #   (curl -X POST -H 'Authorization: Bearer TOKEN' URL/api/v1/admin/close).\n",
    );
    let _ = writeln!(text, "{} {ADMIN}", generate_token()?);
    for h in handles {
        let _ = writeln!(text, "{} {h}", generate_token()?);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_file_parses_back() {
        let handles = vec!["ada".to_owned(), "김철수 봇".to_owned()];
        let text = tokens_file(&handles).unwrap();
        let tokens = Tokens::parse(&text).unwrap();
        assert_eq!(tokens.participants(), 2);
        assert!(tokens.has_admin());
        let line = text.lines().find(|l| l.ends_with("김철수 봇")).unwrap();
        let token = line.split_whitespace().next().unwrap();
        assert_eq!(tokens.holder(token), Some(&Holder::Participant("김철수 봇".into())));
        assert_eq!(tokens.holder("0123456789abcdef0123456789abcdef"), None);
    }

    #[test]
    fn generated_tokens_differ() {
        let a = generate_token().unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, generate_token().unwrap());
    }

    #[test]
    fn bad_lines_are_named() {
        let err = |t: &str| Tokens::parse(t).unwrap_err();
        assert_eq!(err("# c\n0123456789abcdef0\n").0, 2);
        assert!(err("short ada").1.contains("shorter than 16"));
        assert!(err("0123456789abcdef0 a/b").1.contains("not allowed"));
        let dup = err("0123456789abcdef0 ada\n0123456789abcdef0 bob");
        assert_eq!(dup.0, 2);
        assert!(dup.1.contains("already on an earlier line"));
    }

    #[test]
    fn bad_handles_are_refused_when_generating() {
        assert!(tokens_file(&["../x".to_owned()]).is_err());
    }
}
