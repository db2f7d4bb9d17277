//! The progress line on standard error, drawn only when standard error is a terminal: records
//! done, records/s, and, when the input's size is known, the share read and the time left.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

/// How often the line is redrawn.
const EVERY: Duration = Duration::from_millis(200);

/// The progress line.
#[derive(Debug)]
pub struct Progress {
    started: Instant,
    last: Instant,
    /// The input's size in bytes, when known (a file).
    size: Option<u64>,
    drawn: bool,
}

impl Progress {
    /// A progress line, or `None` when standard error is not a terminal.
    pub fn on_terminal(size: Option<u64>) -> Option<Progress> {
        if !io::stderr().is_terminal() {
            return None;
        }
        let now = Instant::now();
        Some(Progress {
            started: now,
            last: now,
            size: size.filter(|s| *s > 0),
            drawn: false,
        })
    }

    /// Redraws the line if it is time: `records` written, `read` bytes of the input read.
    pub fn tick(&mut self, records: u64, read: u64) {
        let now = Instant::now();
        if now.duration_since(self.last) < EVERY {
            return;
        }
        self.last = now;
        let seconds = now.duration_since(self.started).as_secs_f64();
        // Display only: the figures need not be exact.
        #[allow(clippy::cast_precision_loss)]
        let rate = if seconds > 0.0 {
            records as f64 / seconds
        } else {
            0.0
        };
        let mut line = format!("\r\x1b[Kshasign audit: {records} records, {rate:.0} records/s");
        if let Some(size) = self.size {
            #[allow(clippy::cast_precision_loss)]
            let done = (read as f64 / size as f64).clamp(0.0, 1.0);
            line.push_str(&format!(", {:.0}%", done * 100.0));
            if done > 0.0 {
                let left = seconds * (1.0 - done) / done;
                line.push_str(&format!(", ETA {}", clock(left)));
            }
        }
        let _ = io::stderr().write_all(line.as_bytes());
        self.drawn = true;
    }

    /// Clears the line (before the summary).
    pub fn clear(&mut self) {
        if self.drawn {
            let _ = io::stderr().write_all(b"\r\x1b[K");
            self.drawn = false;
        }
    }
}

/// `m:ss`, or `h:mm:ss` past an hour.
fn clock(seconds: f64) -> String {
    // Whole seconds of a display: truncation and saturation are what is wanted.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let total = seconds.max(0.0).round() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clock() {
        assert_eq!(super::clock(0.4), "0:00");
        assert_eq!(super::clock(83.0), "1:23");
        assert_eq!(super::clock(3725.0), "1:02:05");
    }
}
