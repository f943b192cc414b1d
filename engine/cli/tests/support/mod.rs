//! What the tests of `arena serve` share: the bots, the `arena` command,
//! a running server, raw HTTP. Each test file uses part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use arena_server::Client;

/// The longest any one wait in these tests may take.
pub const PATIENCE: Duration = Duration::from_secs(240);

pub fn bot(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bots");
    let path = [root.join(format!("{name}.wasm")), root.join("hostile").join(format!("{name}.wasm"))]
        .into_iter()
        .find(|p| p.exists());
    path.unwrap_or_else(|| panic!("target/bots/{name}.wasm is missing: run `cargo xtask bots` first"))
}

pub fn cache_dir() -> PathBuf {
    std::env::temp_dir().join("arena-cli-test-cache")
}

pub fn command(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_arena"));
    c.current_dir(dir)
        .env("ARENA_CACHE_DIR", cache_dir())
        .env_remove("ARENA_REGISTRY")
        .env_remove("ARENA_SERVER")
        .env_remove("ARENA_TOKEN");
    c
}

/// Runs `arena ARGS` in `dir` and returns its output.
pub fn arena(dir: &Path, args: &[&str]) -> Output {
    command(dir).args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A running `arena serve`, killed when dropped.
pub struct Served {
    pub child: Child,
    pub addr: String,
    pub url: String,
    pub out: Receiver<String>,
    pub err: Receiver<String>,
}

impl Served {
    /// Starts `arena serve --registry REGISTRY --bind 127.0.0.1:0 EXTRA…` and
    /// waits for the line that says where it listens.
    pub fn start(dir: &Path, registry: &Path, extra: &[&str]) -> Self {
        let mut child = command(dir)
            .args(["serve", "--registry", path(registry), "--bind", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = lines(child.stdout.take().unwrap());
        let err = lines(child.stderr.take().unwrap());
        let mut served = Self { child, addr: String::new(), url: String::new(), out, err };
        let line = served.wait_out(|l| l.starts_with("arena serve: listening on http://"));
        served.addr = line.trim_start_matches("arena serve: listening on http://").to_owned();
        served.url = format!("http://{}", served.addr);
        served
    }

    /// Waits for a line of standard output that `pred` accepts.
    pub fn wait_out(&mut self, pred: impl Fn(&str) -> bool) -> String {
        wait_line(&self.out, pred, &mut self.child)
    }

    /// Waits for a line of standard error (the server's log) that `pred`
    /// accepts.
    pub fn wait_err(&mut self, pred: impl Fn(&str) -> bool) -> String {
        wait_line(&self.err, pred, &mut self.child)
    }

    pub fn client(&self, token: Option<&str>) -> Client {
        Client::new(&self.url, token).unwrap()
    }

    pub fn is_up(&self) -> bool {
        self.client(None).health().is_ok_and(|h| h.ok)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Forwards each line of `stream` to a channel.
pub fn lines(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

pub fn wait_line(rx: &Receiver<String>, pred: impl Fn(&str) -> bool, child: &mut Child) -> String {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if pred(&line) => return line,
            Ok(line) => seen.push(line),
            Err(e) => {
                let status = child.try_wait().ok().flatten();
                panic!("no such line from the server ({e}; exit status {status:?}); it printed:\n{}", seen.join("\n"));
            }
        }
    }
}

/// The tokens of a file that `arena tokens new` wrote: (token, handle).
pub fn read_tokens(file: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (t, h) = l.split_once(' ').unwrap();
            (t.to_owned(), h.to_owned())
        })
        .collect()
}

pub fn token_of<'a>(tokens: &'a [(String, String)], handle: &str) -> &'a str {
    &tokens.iter().find(|(_, h)| h == handle).unwrap().0
}

/// One raw HTTP/1.1 exchange (the request says `Connection: close`):
/// the status and the body of the answer.
pub fn http(addr: &str, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    parse_answer(&buf)
}

pub fn parse_answer(buf: &[u8]) -> (u16, String) {
    let text = String::from_utf8_lossy(buf);
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not an HTTP answer: {text:?}"));
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    (status, body)
}

/// A `multipart/form-data` request to submit `fields` (name, filename,
/// bytes).
pub fn form_request(fields: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, filename, bytes) in fields {
        body.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"");
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(b"\"");
        if let Some(f) = filename {
            body.extend_from_slice(format!("; filename=\"{f}\"").as_bytes());
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"--XyZ--\r\n");
    let mut request = format!(
        "POST /api/v1/submissions HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    request
}

pub fn error_of(body: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"));
    v["error"].as_str().unwrap_or_else(|| panic!("no error message: {body}")).to_owned()
}

/// Runs a four-bot single-elimination tournament ("Booth cup": rusher,
/// zoner, turtle, dummy; best of 1) in `dir` and returns its output folder.
pub fn small_tournament(dir: &Path) -> PathBuf {
    let bots = bot("rusher").parent().unwrap().to_owned();
    let file = dir.join("cup.toml");
    let entrant = |n: &str| {
        format!("[[entrants]]\nwasm = \"{}\"\nauthor = \"arena\"\n", bots.join(format!("{n}.wasm")).display())
    };
    std::fs::write(
        &file,
        format!(
            "name = \"Booth cup\"\noutput = \"out\"\nseed = 7\nbest_of = 1\n[format]\ntype = \"single-elimination\"\n{}{}{}{}",
            entrant("rusher"),
            entrant("zoner"),
            entrant("turtle"),
            entrant("dummy")
        ),
    )
    .unwrap();
    let run = arena(dir, &["tournament", "run", path(&file), "--threads", "1"]);
    assert!(run.status.success(), "{}", stderr(&run));
    dir.join("out")
}
