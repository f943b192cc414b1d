//! The blocking client of the submission server (`arena submit --server`,
//! `arena bots --server`).

use std::fmt::Write as _;
use std::time::Duration;

use serde::de::DeserializeOwned;
use thiserror::Error;
use ureq::Agent;
use ureq::http::Response;

use crate::api::{CloseAnswer, ErrorAnswer, Health, PREFIX, SubmitAnswer, ValidationAnswer, encode_segment};

/// Largest answer the client reads (a replay, an index), in bytes.
const MAX_ANSWER_BYTES: u64 = 512 << 20;

/// What can go wrong talking to a server.
#[derive(Debug, Error)]
pub enum ClientError {
    /// The address is not one the client can use.
    #[error("`{url}` is not a server address the client can use: {reason}; write it like http://192.168.1.20:8080")]
    BadUrl {
        /// The address given.
        url: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// No answer: wrong address, server down, network trouble, timeout.
    #[error(
        "cannot reach the submission server at {url}: {message}; check the address with the organiser and that you are on the event's network"
    )]
    Unreachable {
        /// The server.
        url: String,
        /// What happened.
        message: String,
    },
    /// The server answered with an error; its message says what to do.
    #[error("{message}")]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// The server answered something that is not this API.
    #[error("the server at {url} answered something that is not Arena's API ({message}); check the address")]
    BadAnswer {
        /// The server.
        url: String,
        /// What was wrong with the answer.
        message: String,
    },
}

/// A client of one submission server.
#[derive(Debug)]
pub struct Client {
    base: String,
    token: Option<String>,
    agent: Agent,
    patient: Agent,
}

impl Client {
    /// A client of the server at `url` (`http://HOST:PORT`; `http://` may be
    /// left out), sending `token` when given.
    pub fn new(url: &str, token: Option<&str>) -> Result<Self, ClientError> {
        let trimmed = url.trim().trim_end_matches('/');
        let bad = |reason| ClientError::BadUrl { url: url.to_owned(), reason };
        let base = match trimmed.split_once("://") {
            Some(("http", rest)) if !rest.is_empty() => trimmed.to_owned(),
            Some(("https", _)) => return Err(bad("this client speaks plain http only (the server does too)")),
            Some(_) => return Err(bad("it must start with http://")),
            None if !trimmed.is_empty() => format!("http://{trimmed}"),
            None => return Err(bad("it is empty")),
        };
        let agent = |total: Duration| {
            Agent::config_builder()
                .http_status_as_error(false)
                .timeout_connect(Some(Duration::from_secs(10)))
                .timeout_global(Some(total))
                .build()
                .new_agent()
        };
        Ok(Self {
            base,
            token: token.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned),
            agent: agent(Duration::from_secs(60)),
            // A submission may wait behind others for a validation worker.
            patient: agent(Duration::from_secs(30 * 60)),
        })
    }

    /// The server's address.
    pub fn url(&self) -> &str {
        &self.base
    }

    fn unreachable(&self, e: &ureq::Error) -> ClientError {
        let message = match e {
            ureq::Error::Timeout(_) => "it did not answer in time".to_owned(),
            ureq::Error::HostNotFound => "no such host".to_owned(),
            ureq::Error::Io(io) => io.to_string(),
            other => other.to_string(),
        };
        ClientError::Unreachable { url: self.base.clone(), message }
    }

    fn get(&self, path: &str) -> Result<Response<ureq::Body>, ClientError> {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        request.call().map_err(|e| self.unreachable(&e))
    }

    fn bytes(&self, response: &mut Response<ureq::Body>) -> Result<Vec<u8>, ClientError> {
        response.body_mut().with_config().limit(MAX_ANSWER_BYTES).read_to_vec().map_err(|e| self.unreachable(&e))
    }

    fn json<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, ClientError> {
        serde_json::from_slice(bytes)
            .map_err(|e| ClientError::BadAnswer { url: self.base.clone(), message: e.to_string() })
    }

    /// The error a non-success answer carries.
    fn refused(&self, status: u16, bytes: &[u8]) -> ClientError {
        match serde_json::from_slice::<ErrorAnswer>(bytes) {
            Ok(e) => ClientError::Refused { status, message: e.error },
            Err(_) => {
                let text = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).trim().to_owned();
                ClientError::BadAnswer { url: self.base.clone(), message: format!("status {status}: {text}") }
            }
        }
    }

    /// GETs `path` and reads the JSON answer.
    fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        let mut response = self.get(path)?;
        let status = response.status().as_u16();
        let bytes = self.bytes(&mut response)?;
        if status != 200 {
            return Err(self.refused(status, &bytes));
        }
        self.json(&bytes)
    }

    /// Whether the server is up, open, and its limits.
    pub fn health(&self) -> Result<Health, ClientError> {
        self.get_json(&format!("{PREFIX}/health"))
    }

    /// Every entrant and version on the server.
    pub fn bots(&self) -> Result<arena_registry::Index, ClientError> {
        self.get_json(&format!("{PREFIX}/bots"))
    }

    /// The validation result of `name` or `name@N`.
    pub fn validation(&self, reference: &str) -> Result<ValidationAnswer, ClientError> {
        self.get_json(&format!("{PREFIX}/bots/{}/validation", encode_segment(reference)))
    }

    /// The validation replay of `name` or `name@N`.
    pub fn replay(&self, reference: &str) -> Result<Vec<u8>, ClientError> {
        self.fetch(&format!("{PREFIX}/bots/{}/replay", encode_segment(reference)))
    }

    /// The bytes at a path the server gave (a [`SubmitAnswer::replay`]).
    pub fn fetch(&self, path: &str) -> Result<Vec<u8>, ClientError> {
        let mut response = self.get(path)?;
        let status = response.status().as_u16();
        let bytes = self.bytes(&mut response)?;
        if status != 200 {
            return Err(self.refused(status, &bytes));
        }
        Ok(bytes)
    }

    /// Submits a bot. `Ok` once it was validated: stored when
    /// [`SubmitAnswer::passed`], else the failed check says why. `Err` when
    /// the server refused it before validation (closed, token, size, …).
    pub fn submit(
        &self,
        name: &str,
        author: &str,
        wasm: &[u8],
        avatar: Option<&[u8]>,
    ) -> Result<SubmitAnswer, ClientError> {
        let boundary = format!("arena-{}", boundary_token());
        let body = form(&boundary, name, author, wasm, avatar);
        let mut request = self
            .patient
            .post(format!("{}{PREFIX}/submissions", self.base))
            .header("Content-Type", format!("multipart/form-data; boundary={boundary}"))
            // Refusals that do not need the upload (closed, token, rate)
            // come back before it is sent.
            .header("Expect", "100-continue");
        if let Some(t) = &self.token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        let mut response = request.send(&body[..]).map_err(|e| self.unreachable(&e))?;
        let status = response.status().as_u16();
        let bytes = self.bytes(&mut response)?;
        match status {
            200 | 422 => self.json(&bytes),
            _ => Err(self.refused(status, &bytes)),
        }
    }

    /// Closes submissions and locks the registry (the client's token must
    /// be the organiser's).
    pub fn close_submissions(&self) -> Result<CloseAnswer, ClientError> {
        let mut request = self.agent.post(format!("{}{PREFIX}/admin/close", self.base));
        if let Some(t) = &self.token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        let mut response = request.send_empty().map_err(|e| self.unreachable(&e))?;
        let status = response.status().as_u16();
        let bytes = self.bytes(&mut response)?;
        if status != 200 {
            return Err(self.refused(status, &bytes));
        }
        self.json(&bytes)
    }
}

/// A `multipart/form-data` body with the fields the server reads.
fn form(boundary: &str, name: &str, author: &str, wasm: &[u8], avatar: Option<&[u8]>) -> Vec<u8> {
    let mut body = Vec::with_capacity(wasm.len() + avatar.map_or(0, <[u8]>::len) + 1024);
    let text = |body: &mut Vec<u8>, field: &str, value: &str| {
        let _ = write!(
            Bytes(body),
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{value}\r\n"
        );
    };
    text(&mut body, "name", name);
    text(&mut body, "author", author);
    let file = |body: &mut Vec<u8>, field: &str, filename: &str, content_type: &str, bytes: &[u8]| {
        let _ = write!(
            Bytes(body),
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    };
    file(&mut body, "wasm", "bot.wasm", "application/wasm", wasm);
    if let Some(png) = avatar {
        file(&mut body, "avatar", "avatar.png", "image/png", png);
    }
    let _ = write!(Bytes(&mut body), "--{boundary}--\r\n");
    body
}

/// `fmt::Write` into a byte vector.
struct Bytes<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Bytes<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// A random multipart boundary (a fixed one if the system has no random
/// numbers: a boundary only has to be absent from the body).
fn boundary_token() -> String {
    let mut bytes = [0u8; 8];
    match getrandom::fill(&mut bytes) {
        Ok(()) => hex::encode(bytes),
        Err(_) => "7d41c9e25f1703ce".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_or_refused() {
        assert_eq!(Client::new("127.0.0.1:8080/", None).unwrap().url(), "http://127.0.0.1:8080");
        assert_eq!(Client::new("http://h:1", None).unwrap().url(), "http://h:1");
        assert!(Client::new("https://h", None).unwrap_err().to_string().contains("plain http"));
        assert!(Client::new("ftp://h", None).unwrap_err().to_string().contains("http://"));
        assert!(Client::new(" ", None).is_err());
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_segment("rusher@2"), "rusher@2");
        assert_eq!(encode_segment("김 봇"), "%EA%B9%80%20%EB%B4%87");
        assert_eq!(encode_segment("a?b#c%"), "a%3Fb%23c%25");
    }

    #[test]
    fn the_form_has_each_field() {
        let body = form("B", "rusher", "ada", b"\0asm", Some(b"PNG"));
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with("--B\r\nContent-Disposition: form-data; name=\"name\""));
        assert!(text.contains("name=\"author\""));
        assert!(text.contains("name=\"wasm\"; filename=\"bot.wasm\""));
        assert!(text.contains("name=\"avatar\"; filename=\"avatar.png\""));
        assert!(text.ends_with("--B--\r\n"));
    }
}
