//! A loopback HTTP/1.1 server that serves the shop's pages and stands in for the platform: it
//! keeps the raw bytes of every form posted to it. One request per connection, nothing more.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// The title of the page the stand-in answers a POST with.
pub const RECEIVED_TITLE: &str = "stand-in platform received the form";

/// A page to serve on GET.
#[derive(Clone)]
pub struct Page {
    pub html: String,
    /// The `Content-Security-Policy` header, if any.
    pub csp: Option<String>,
}

/// A form the browser posted.
#[derive(Clone, Debug)]
pub struct Post {
    pub path: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    pages: Vec<(String, Page)>,
    posts: Vec<Post>,
}

/// The server; stopped when dropped.
pub struct StandIn {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl StandIn {
    pub fn start() -> StandIn {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (shared, stop) = (Arc::clone(&shared), Arc::clone(&stop));
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        let shared = Arc::clone(&shared);
                        thread::spawn(move || handle(stream, &shared));
                    }
                }
            })
        };
        StandIn {
            addr,
            shared,
            stop,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`, the origin for `Platform::Custom`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves `page` at `path`.
    pub fn serve(&self, path: &str, page: Page) {
        self.shared
            .lock()
            .unwrap()
            .pages
            .push((path.to_string(), page));
    }

    /// The forms posted so far.
    pub fn posts(&self) -> Vec<Post> {
        self.shared.lock().unwrap().posts.clone()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// Reads one request and answers it. Connections that send nothing (Chromium opens spare ones)
/// time out quietly.
fn handle(mut stream: TcpStream, shared: &Mutex<Shared>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_string();
    let path = request_line.next().unwrap_or_default().to_string();
    let header = |name: &str| {
        head.split("\r\n").skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    let length: usize = header("content-length").map_or(0, |v| v.parse().unwrap());
    assert!(length <= 1 << 20, "a {length}-byte body");
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
        }
    }
    body.truncate(length);

    let (status, csp, html) = match method.as_str() {
        "GET" => {
            let page = shared
                .lock()
                .unwrap()
                .pages
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, page)| page.clone());
            match page {
                Some(page) => ("200 OK", page.csp, page.html),
                None => (
                    "404 Not Found",
                    None,
                    "<!DOCTYPE html><title>404</title>".into(),
                ),
            }
        }
        "POST" => {
            shared.lock().unwrap().posts.push(Post {
                path,
                content_type: header("content-type"),
                body,
            });
            let html =
                format!("<!DOCTYPE html><html><head><title>{RECEIVED_TITLE}</title></head></html>");
            ("200 OK", None, html)
        }
        _ => ("405 Method Not Allowed", None, String::new()),
    };
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n",
        html.len()
    );
    if let Some(csp) = csp {
        response.push_str(&format!("Content-Security-Policy: {csp}\r\n"));
    }
    response.push_str("\r\n");
    response.push_str(&html);
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}
