//! The submission form: which fields a submission sends, how big each may
//! be, and what is wrong when one is missing or over its cap.
//!
//! The server feeds it a `multipart/form-data` body field by field, chunk
//! by chunk, as the bytes arrive; nothing is kept past a field's cap, so a
//! hostile form costs at most the caps in memory. The first problem is
//! kept and the rest of the form is read and dropped, so that the answer
//! reaches a client that is still sending.

use thiserror::Error;

use crate::MAX_AVATAR_BYTES;

/// Longest text field (`name`, `author`) read, in bytes; the registry's
/// own limit on names ([`crate::MAX_NAME_CHARS`] characters) is checked
/// after.
pub const MAX_TEXT_FIELD: usize = 4 << 10;

/// What is wrong with a submission form, in words for its sender.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormProblem {
    /// A field the form does not have.
    #[error("the form has a field `{0}` this server does not know: send name, author, wasm and (optionally) avatar")]
    UnknownField(String),
    /// The `name` or `author` field is over [`MAX_TEXT_FIELD`].
    #[error("the name or author field is too long")]
    TextTooLong,
    /// The `name` or `author` field is not UTF-8.
    #[error("the {0} is not UTF-8 text")]
    NotText(&'static str),
    /// The `wasm` field is over the module size cap.
    #[error(
        "the bot is over the module size cap of {cap} bytes (rules: limits.max_module_bytes); build in release mode, \
         strip debug info (`strip = true` in your Cargo profile), and drop unused dependencies"
    )]
    WasmTooBig {
        /// The cap, in bytes.
        cap: u64,
    },
    /// The `avatar` field is over [`MAX_AVATAR_BYTES`].
    #[error("the avatar is over the cap of {MAX_AVATAR_BYTES} bytes; use a smaller image (256×256 is plenty)")]
    AvatarTooBig,
    /// A required field is missing.
    #[error("{}", missing(.0))]
    Missing(&'static str),
}

fn missing(field: &str) -> &'static str {
    match field {
        "name" => "the bot's name is missing: add a `name` field to the form",
        "author" => "the author's handle is missing: add an `author` field to the form",
        _ => "the upload is empty: the form has no `wasm` field; send your bot's .wasm file in it",
    }
}

impl FormProblem {
    /// Whether the problem is a size over a cap (HTTP 413) rather than a
    /// malformed form (400).
    pub fn is_too_large(&self) -> bool {
        matches!(self, Self::TextTooLong | Self::WasmTooBig { .. } | Self::AvatarTooBig)
    }
}

/// A submission as received, before any check of its contents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Upload {
    /// The bot's name.
    pub name: String,
    /// Its author's handle.
    pub author: String,
    /// The component's bytes.
    pub wasm: Vec<u8>,
    /// A PNG avatar, if one was sent.
    pub avatar: Option<Vec<u8>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    Author,
    Wasm,
    Avatar,
    Unknown,
}

/// A submission form being read.
#[derive(Debug)]
pub struct Form {
    max_wasm_bytes: u64,
    name: Option<String>,
    author: Option<String>,
    wasm: Option<Vec<u8>>,
    avatar: Option<Vec<u8>>,
    field: Field,
    bytes: Vec<u8>,
    over: bool,
    problem: Option<FormProblem>,
}

impl Form {
    /// An empty form whose `wasm` may be up to `max_wasm_bytes`.
    pub fn new(max_wasm_bytes: u64) -> Self {
        Self {
            max_wasm_bytes,
            name: None,
            author: None,
            wasm: None,
            avatar: None,
            field: Field::Unknown,
            bytes: Vec::new(),
            over: false,
            problem: None,
        }
    }

    /// The most bytes a whole form may carry: the module cap, an avatar,
    /// and room for the text fields and the form's own framing.
    pub fn max_bytes(max_wasm_bytes: u64) -> u64 {
        max_wasm_bytes.saturating_add(MAX_AVATAR_BYTES as u64).saturating_add(64 << 10)
    }

    /// Begins the field called `name`.
    pub fn start_field(&mut self, name: &str) {
        self.field = match name {
            "name" => Field::Name,
            "author" => Field::Author,
            "wasm" => Field::Wasm,
            "avatar" => Field::Avatar,
            other => {
                self.problem.get_or_insert_with(|| FormProblem::UnknownField(other.escape_debug().to_string()));
                Field::Unknown
            }
        };
        self.bytes = Vec::new();
        self.over = false;
    }

    fn cap(&self) -> u64 {
        match self.field {
            Field::Name | Field::Author => MAX_TEXT_FIELD as u64,
            Field::Wasm => self.max_wasm_bytes,
            Field::Avatar => MAX_AVATAR_BYTES as u64,
            Field::Unknown => 0,
        }
    }

    /// Adds the next bytes of the current field.
    pub fn push(&mut self, chunk: &[u8]) {
        if self.over || self.problem.is_some() {
            return;
        }
        if self.bytes.len() as u64 + chunk.len() as u64 > self.cap() {
            self.over = true;
            self.bytes = Vec::new();
            return;
        }
        self.bytes.extend_from_slice(chunk);
    }

    /// Ends the current field.
    pub fn end_field(&mut self) {
        let bytes = std::mem::take(&mut self.bytes);
        if self.problem.is_some() {
            return;
        }
        if self.over {
            self.problem = Some(match self.field {
                Field::Wasm => FormProblem::WasmTooBig { cap: self.max_wasm_bytes },
                Field::Avatar => FormProblem::AvatarTooBig,
                _ => FormProblem::TextTooLong,
            });
            return;
        }
        match self.field {
            Field::Name | Field::Author => {
                let what = if self.field == Field::Name { "name" } else { "author" };
                match String::from_utf8(bytes) {
                    Ok(text) if self.field == Field::Name => self.name = Some(text),
                    Ok(text) => self.author = Some(text),
                    Err(_) => self.problem = Some(FormProblem::NotText(what)),
                }
            }
            Field::Wasm => self.wasm = Some(bytes),
            Field::Avatar => self.avatar = Some(bytes),
            Field::Unknown => {}
        }
    }

    /// The upload, or the first problem found.
    pub fn finish(self) -> Result<Upload, FormProblem> {
        if let Some(p) = self.problem {
            return Err(p);
        }
        Ok(Upload {
            name: self.name.ok_or(FormProblem::Missing("name"))?,
            author: self.author.ok_or(FormProblem::Missing("author"))?,
            wasm: self.wasm.ok_or(FormProblem::Missing("wasm"))?,
            avatar: self.avatar,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `fields` (name, bytes) in chunks of 3 bytes.
    fn check(fields: &[(&str, &[u8])], expected: Result<Upload, FormProblem>) {
        let mut form = Form::new(16);
        for (name, bytes) in fields {
            form.start_field(name);
            for chunk in bytes.chunks(3) {
                form.push(chunk);
            }
            form.end_field();
        }
        assert_eq!(form.finish(), expected, "{fields:?}");
    }

    fn upload(avatar: Option<&[u8]>) -> Upload {
        Upload {
            name: "rusher".into(),
            author: "ada".into(),
            wasm: b"\0asm".to_vec(),
            avatar: avatar.map(<[u8]>::to_vec),
        }
    }

    #[test]
    fn forms_are_read_field_by_field() {
        let good: [(&str, &[u8]); 3] = [("name", b"rusher"), ("author", b"ada"), ("wasm", b"\0asm")];
        check(&good, Ok(upload(None)));
        check(&[good[2], good[1], good[0], ("avatar", b"png")], Ok(upload(Some(b"png"))));
        check(&good[..2], Err(FormProblem::Missing("wasm")));
        check(&good[1..], Err(FormProblem::Missing("name")));
        check(&[good[0], good[2]], Err(FormProblem::Missing("author")));
        check(&[("wasm", &[0; 17]), good[0], good[1]], Err(FormProblem::WasmTooBig { cap: 16 }));
        check(&[("name", &[b'x'; MAX_TEXT_FIELD + 1]), good[1], good[2]], Err(FormProblem::TextTooLong));
        check(&[("author", b"\xff\xfe"), good[0], good[2]], Err(FormProblem::NotText("author")));
        check(&[("tokne", b"x"), good[0], good[1], good[2]], Err(FormProblem::UnknownField("tokne".into())));
        // The first problem is the one answered.
        check(&[("a\nb", b""), ("wasm", &[0; 17])], Err(FormProblem::UnknownField("a\\nb".into())));
    }

    #[test]
    fn a_field_over_its_cap_is_not_kept() {
        let mut form = Form::new(16);
        form.start_field("avatar");
        for _ in 0..1000 {
            form.push(&[0; 4096]);
        }
        assert!(form.bytes.capacity() <= MAX_AVATAR_BYTES, "{}", form.bytes.capacity());
        form.end_field();
        assert!(form.finish().unwrap_err().is_too_large());
    }
}
