//! An example server run as a child process and driven over real HTTP/1.1 by a tiny client on
//! `std::net::TcpStream`. The server binds `127.0.0.1:0` and prints
//! `listening on http://127.0.0.1:PORT` as its first line of standard output. A test file
//! includes this module with `#[path = "common/loopback.rs"] mod loopback;` (the shop tests do
//! so for `common/shop.rs`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running server; killed when dropped, so a failing test leaves no server behind.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Spawns `command` with `env` on top of its environment (standard input closed, standard
    /// error dropped) and waits for the port on its first line of standard output.
    pub fn spawn(mut command: Command, env: &[(&str, &str)]) -> Server {
        for (name, value) in env {
            command.env(name, value);
        }
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        // Guard before anything can panic: the child dies with the test.
        let mut server = Server { child, port: 0 };

        // Read the first line on a thread, with a timeout, and keep draining stdout there.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = tx.send(line);
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server did not print its address in time");
        let port = line
            .trim_end()
            .strip_prefix("listening on http://127.0.0.1:")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        server.port = port.parse().unwrap();
        server
    }
}

/// What the tiny client gives back.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// The header lines, lower-cased.
    pub headers: String,
    pub body: String,
}

/// One HTTP/1.1 request with `Connection: close` and these extra header lines, reading the
/// response to the end. A body (or any method but GET) gets a `Content-Length`.
pub fn request(
    port: u16,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if method != "GET" || !body.is_empty() {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("Connection: close\r\n\r\n");
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body);
    // The server may answer (413) and close before reading all of an oversized body.
    let _ = stream.write_all(&bytes);

    let mut raw = Vec::new();
    let mut chunk = [0_u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            // A reset after the response arrived (unread request body) ends it too.
            Err(e) if !raw.is_empty() => {
                eprintln!("read ended with {e}");
                break;
            }
            Err(e) => panic!("{method} {target}: no response: {e}"),
        }
    }
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no end of headers");
    let head = String::from_utf8(raw[..end].to_vec()).unwrap();
    let mut body = raw[end + 4..].to_vec();
    let status_line = head.lines().next().unwrap();
    let mut words = status_line.split(' ');
    assert_eq!(words.next(), Some("HTTP/1.1"), "{status_line}");
    let status = words.next().unwrap().parse().unwrap();
    let headers = head.to_ascii_lowercase();
    if headers.contains("\r\ntransfer-encoding: chunked") {
        body = dechunk(&body);
    } else if let Some(len) = headers
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
    {
        let len: usize = len.trim().parse().unwrap();
        assert!(body.len() >= len, "short body: {} < {len}", body.len());
        body.truncate(len);
    }
    Response {
        status,
        headers,
        body: String::from_utf8(body).unwrap(),
    }
}

/// Decodes a chunked body (no trailers expected).
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = std::str::from_utf8(&raw[..eol]).unwrap();
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap();
        raw = &raw[eol + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}
