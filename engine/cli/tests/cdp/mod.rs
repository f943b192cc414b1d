//! Headless Chromium driven over the DevTools protocol (a websocket and
//! JSON), enough for the pages' tests: open a page, run script, press keys,
//! hand a file to a file input, take a screenshot.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// The longest one wait may take.
const PATIENCE: Duration = Duration::from_secs(120);

/// Debian's Chromium, as `cargo xtask test` installs it.
pub fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find(|p| {
        std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(p).is_file()))
    })
}

/// One headless browser with one page, closed when dropped.
pub struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next: u64,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts the browser with a page of `width`×`height` CSS pixels.
    pub fn launch(program: &str, width: u32, height: u32) -> Self {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                // Containers often give /dev/shm only 64 MB.
                "--disable-dev-shm-usage",
                "--remote-debugging-port=0",
                &format!("--user-data-dir={}", profile.path().display()),
                &format!("--window-size={width},{height}"),
                "about:blank",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let url = rx.recv_timeout(PATIENCE).expect("the browser never said where its DevTools listen");
        let (ws, _) = tungstenite::connect(url.as_str()).expect("cannot reach the browser's DevTools");
        let mut b = Self { child, ws, next: 0, session: String::new(), _profile: profile };
        let target = b.call_browser("Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().unwrap().to_owned();
        let attached = b.call_browser("Target.attachToTarget", json!({ "targetId": target, "flatten": true }));
        b.session = attached["sessionId"].as_str().unwrap().to_owned();
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        );
        b
    }

    fn send(&mut self, method: &str, params: Value, session: Option<String>) -> Value {
        self.next += 1;
        let id = self.next;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        self.ws.send(Message::text(message.to_string())).unwrap();
        loop {
            let Message::Text(text) = self.ws.read().unwrap() else { continue };
            let answer: Value = serde_json::from_str(text.as_str()).unwrap();
            if answer["id"] == json!(id) {
                if let Some(e) = answer.get("error") {
                    panic!("{method} failed: {e}");
                }
                return answer["result"].clone();
            }
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, None)
    }

    /// A command to the page.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(method, params, Some(session))
    }

    /// Opens `url` and waits until the page has loaded.
    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for(
            "document.readyState === 'complete' && location.href !== 'about:blank'",
            &format!("{url} to load"),
        );
    }

    /// The value of the script `js` (awaited when it is a promise).
    pub fn eval(&mut self, js: &str) -> Value {
        let r = self.call("Runtime.evaluate", json!({ "expression": js, "returnByValue": true, "awaitPromise": true }));
        if let Some(e) = r.get("exceptionDetails") {
            panic!("the script `{js}` threw: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until the script `js` gives a truthy value, and returns it.
    pub fn wait_for(&mut self, js: &str, what: &str) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let r = self.call("Runtime.evaluate", json!({ "expression": js, "returnByValue": true }));
            let v = r["result"]["value"].clone();
            if !(v.is_null() || v == json!(false) || v == json!(0) || v == json!("")) {
                return v;
            }
            assert!(Instant::now() < deadline, "waited {PATIENCE:?} for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses and releases a key (`key` as the DOM names it, its
    /// Windows key code), with shift held when asked.
    pub fn press(&mut self, key: &str, code: &str, key_code: u32, shift: bool) {
        let modifiers = if shift { 8 } else { 0 };
        for kind in ["keyDown", "keyUp"] {
            let mut p = json!({ "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code, "modifiers": modifiers });
            if kind == "keyDown" && key.chars().count() == 1 {
                p["text"] = json!(key);
            }
            self.call("Input.dispatchKeyEvent", p);
        }
    }

    /// Hands `file` to the file input `selector`.
    pub fn set_file(&mut self, selector: &str, file: &Path) {
        // The browser reads the file when the form is sent, and cannot
        // read through `..`.
        let file = file.canonicalize().unwrap();
        let doc = self.call("DOM.getDocument", json!({}));
        let node = self.call("DOM.querySelector", json!({ "nodeId": doc["root"]["nodeId"], "selector": selector }));
        self.call("DOM.setFileInputFiles", json!({ "nodeId": node["nodeId"], "files": [file.to_str().unwrap()] }));
    }

    /// The page as a PNG.
    pub fn screenshot(&mut self) -> Vec<u8> {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        base64::engine::general_purpose::STANDARD.decode(shot["data"].as_str().unwrap()).unwrap()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A PNG's pixels: width, height, RGBA.
pub fn pixels(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf.chunks(3).flat_map(|c| [c[0], c[1], c[2], 255]).collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, rgba)
}
