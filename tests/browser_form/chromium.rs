//! Headless Chromium, run once per page: `--dump-dom` with a virtual time budget lets the page's
//! script submit the form and waits for the navigation, then prints the final DOM and exits.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long one page may take, wall clock, before the test fails (it takes well under a second).
const TIMEOUT: Duration = Duration::from_secs(10);

/// Set to `1` to skip the browser tests where Chromium cannot be installed. CI never sets it.
const SKIP_VAR: &str = "OGONE_SKIP_BROWSER";

/// An installed Chromium.
pub struct Chromium {
    path: PathBuf,
}

impl Chromium {
    /// The `chromium` on `PATH` (or `/usr/bin/chromium`); `None` only when the skip variable is
    /// set. Panics when Chromium is missing: a browser test that silently passes proves nothing.
    pub fn find() -> Option<Chromium> {
        if std::env::var_os(SKIP_VAR).is_some_and(|v| v == "1") {
            eprintln!("{SKIP_VAR}=1: skipping the browser test");
            return None;
        }
        let on_path = std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join("chromium"))
                .find(|p| p.is_file())
        });
        let path = on_path
            .or_else(|| Some(PathBuf::from("/usr/bin/chromium")).filter(|p| p.is_file()))
            .unwrap_or_else(|| {
                panic!(
                    "Chromium not found (no `chromium` on PATH, no /usr/bin/chromium): install \
                     the Debian package `chromium` (`apt-get install --no-install-recommends \
                     chromium`, which .ci/run does), or set {SKIP_VAR}=1 to skip the browser tests"
                )
            });
        Some(Chromium { path })
    }

    /// Loads `url`, lets its scripts run and any navigation finish, and returns the final DOM.
    /// Panics after [`TIMEOUT`] or when Chromium fails; the process is killed and its profile
    /// removed in every case.
    pub fn load(&self, url: &str) -> String {
        let dir = TempDir::new();
        let dom_path = dir.path.join("dom.html");
        let log_path = dir.path.join("chromium.log");
        let child = Command::new(&self.path)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // Containers often have a small /dev/shm.
                "--disable-dev-shm-usage",
                // Virtual time stops while a request is pending, so the budget outlasts the
                // form submission and the navigation it starts; idle time is skipped.
                "--virtual-time-budget=5000",
                "--dump-dom",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path.join("profile").display()
            ))
            .arg(url)
            // Keep ~/.pki, ~/.config and ~/.cache out of the real home.
            .env("HOME", &dir.path)
            .env("XDG_CONFIG_HOME", dir.path.join("config"))
            .env("XDG_CACHE_HOME", dir.path.join("cache"))
            .stdin(Stdio::null())
            .stdout(File::create(&dom_path).unwrap())
            .stderr(File::create(&log_path).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.path.display()));
        // Declared after `dir`, so dropped (killed and waited for) before the folder is removed.
        let mut run = Running(child);
        let status = run.wait(TIMEOUT).unwrap_or_else(|| {
            panic!(
                "Chromium did not finish loading {url} within {TIMEOUT:?}\n{}",
                log_tail(&log_path)
            )
        });
        assert!(
            status.success(),
            "Chromium failed ({status}) on {url}\n{}",
            log_tail(&log_path)
        );
        fs::read_to_string(&dom_path).unwrap()
    }
}

/// The last lines of Chromium's log, for a failure message.
fn log_tail(path: &Path) -> String {
    let log = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    let tail = lines.len().saturating_sub(15);
    format!("Chromium's log ends with:\n{}", lines[tail..].join("\n"))
}

/// A Chromium process, killed when dropped (Chromium's helper processes exit with it).
struct Running(Child);

impl Running {
    fn wait(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

/// A fresh folder under the system's temporary folder, removed when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "ogone-browser-form-{}-{}-{nanos}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        // create_dir, not create_dir_all: fails rather than reuse someone else's folder.
        fs::create_dir(&path).unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        TempDir { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}
