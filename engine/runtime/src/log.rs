//! Capturing what a bot prints: capped, split into lines, tick-stamped by
//! the match runner.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use arena_sim::LogStream;

/// The bytes a bot printed, shared by its two streams, with a cap on the
/// total kept per match.
#[derive(Debug, Default)]
pub(crate) struct LogBuffer {
    /// Complete lines not yet handed to the replay.
    pub(crate) lines: Vec<(LogStream, String)>,
    partial: [Vec<u8>; 2],
    kept: usize,
    cap: usize,
    /// Bytes dropped past the cap.
    pub(crate) dropped: u64,
}

impl LogBuffer {
    pub(crate) fn new(cap: usize) -> Self {
        Self { cap, ..Self::default() }
    }

    fn write(&mut self, stream: LogStream, bytes: &[u8]) {
        let room = self.cap.saturating_sub(self.kept);
        let (kept, dropped) = bytes.split_at(bytes.len().min(room));
        self.kept += kept.len();
        self.dropped += dropped.len() as u64;
        let partial = &mut self.partial[stream as usize];
        for &b in kept {
            if b == b'\n' {
                let line = String::from_utf8_lossy(partial).trim_end_matches('\r').to_owned();
                partial.clear();
                self.lines.push((stream, line));
            } else {
                partial.push(b);
            }
        }
    }

    /// Ends any unfinished lines (at the end of a match or a bot instance).
    pub(crate) fn flush_partial(&mut self) {
        for stream in [LogStream::Stdout, LogStream::Stderr] {
            let partial = &mut self.partial[stream as usize];
            if !partial.is_empty() {
                let line = String::from_utf8_lossy(partial).into_owned();
                partial.clear();
                self.lines.push((stream, line));
            }
        }
    }
}

/// A bot's [`LogBuffer`], shared by its two streams and the match runner.
#[derive(Debug)]
pub(crate) struct SharedLog {
    buffer: Mutex<LogBuffer>,
    /// Set by every write. Most ticks a bot prints nothing, and the runner
    /// looks here before it takes the lock.
    written: AtomicBool,
}

impl SharedLog {
    pub(crate) fn new(cap: usize) -> Self {
        Self { buffer: Mutex::new(LogBuffer::new(cap)), written: AtomicBool::new(false) }
    }

    /// Past the cap, output is dropped rather than refused: a bot that
    /// prints too much keeps playing.
    pub(crate) fn write(&self, stream: LogStream, bytes: &[u8]) {
        self.buffer.lock().expect("log buffer lock").write(stream, bytes);
        self.written.store(true, Ordering::Release);
    }

    /// The buffer if anything was written since the last call, or always
    /// with `force`.
    pub(crate) fn changed(&self, force: bool) -> Option<MutexGuard<'_, LogBuffer>> {
        let written = self.written.swap(false, Ordering::Acquire);
        (written || force).then(|| self.buffer.lock().expect("log buffer lock"))
    }
}
