//! Hostile bot `sneaky`: on its first tick it tries what a sandboxed bot must
//! not do, and reports on stderr what happened, without crashing on the
//! refusals: read `/etc/passwd`, list `/`, read the environment, open a TCP
//! connection to 127.0.0.1:80, look up a host name. On ticks 0, 1, 2 and
//! every 60th it prints the wall clock and the monotonic clock (which the
//! host makes advance with the ticks). Then it plays like a rusher, so the
//! match finishes.

use std::io::Read;
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use arena_sdk::prelude::*;

/// Probes the sandbox, then rushes.
#[derive(Debug, Default)]
pub struct Sneaky {
    probed: bool,
    start: Option<Instant>,
    rules: Rules,
}

/// Tries everything once; one line per attempt.
pub fn probe() -> Vec<String> {
    let mut report = Vec::new();
    report.push(match std::fs::File::open("/etc/passwd") {
        Ok(mut f) => {
            let mut text = String::new();
            match f.read_to_string(&mut text) {
                Ok(n) => format!("file: read /etc/passwd, {n} bytes (the sandbox leaks files!)"),
                Err(e) => format!("file: opened /etc/passwd but could not read it: {e}"),
            }
        }
        Err(e) => format!("file: cannot open /etc/passwd: {e}"),
    });
    report.push(match std::fs::read_dir("/") {
        Ok(entries) => format!("file: listed / with {} entries (the sandbox leaks files!)", entries.count()),
        Err(e) => format!("file: cannot list /: {e}"),
    });
    report.push(format!("env: {} variables, {} arguments", std::env::vars_os().count(), std::env::args_os().count()));
    report.push(match TcpStream::connect("127.0.0.1:80") {
        Ok(_) => "net: connected to 127.0.0.1:80 (the sandbox leaks the network!)".to_owned(),
        Err(e) => format!("net: cannot connect to 127.0.0.1:80: {e}"),
    });
    report.push(match "localhost:80".to_socket_addrs() {
        Ok(addrs) => {
            format!("dns: localhost resolves to {:?} (the sandbox leaks name lookups!)", addrs.collect::<Vec<_>>())
        }
        Err(e) => format!("dns: cannot look up localhost: {e}"),
    });
    report
}

impl Bot for Sneaky {
    fn init(&mut self, info: &MatchInfo) -> Result<(), String> {
        self.rules = info.rules.clone();
        Ok(())
    }

    fn tick(&mut self, obs: &Observation) -> Action {
        if !self.probed {
            self.probed = true;
            for line in probe() {
                eprintln!("sneaky: {line}");
            }
        }
        let now = Instant::now();
        let start = *self.start.get_or_insert(now);
        if obs.tick <= 2 || obs.tick % 60 == 0 {
            let wall = match SystemTime::now().duration_since(UNIX_EPOCH) {
                Ok(d) => format!("{}.{:09}", d.as_secs(), d.subsec_nanos()),
                Err(e) => format!("before 1970 ({e})"),
            };
            eprintln!(
                "sneaky: round {} tick {}: wall clock {wall} s since 1970, monotonic {:?} since my first tick",
                obs.round,
                obs.tick,
                now.duration_since(start)
            );
        }
        // Rush.
        let r = &self.rules;
        let gap = obs.gap(r.body_width);
        if gap <= r.throw.reach && obs.opponent.guarding {
            Action::Throw
        } else if gap <= r.punch.reach {
            Action::Punch
        } else if gap <= r.kick.reach && obs.tick % 2 == 0 {
            Action::Kick
        } else {
            Action::Forward
        }
    }
}

arena_sdk::export_bot!(Sneaky);

#[cfg(test)]
mod tests {
    use arena_sdk::testing::{self, opponents};

    use super::*;

    #[test]
    fn probes_without_crashing_and_beats_the_dummy() {
        assert_eq!(probe().len(), 5);
        let report = testing::fight(&mut Sneaky::default(), &mut opponents::idle_dummy());
        assert!(report.won(), "{}", report.summary());
    }
}
