//! What the CouchDB sync tests share: a real `pouchdb-server` (npm, pinned in
//! package-lock.json) started on 127.0.0.1 and a free port and stopped when dropped, a blocking
//! transport for the replicator, a local side (a replica with its saved checkpoints), and a tiny
//! fake server for answers a real one does not give.
//!
//! A missing `node_modules/.bin/pouchdb-server` fails the test with what to run: these tests are
//! part of `cargo test` and must not pass by skipping.

#![allow(dead_code)]

use segmentti::core::team::couch::protocol::Method;
use segmentti::core::team::couch::{
    run, Config, Direction, Progress, ReplicationLog, Replicator, Request, Response, SyncError,
};
use segmentti::core::team::replica::{Body, Policy, Replica};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A fresh, unique name (directories, session ids): the process id, a counter and the time.
pub fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{prefix}-{}-{n}-{nanos}", std::process::id())
}

/// A directory under the system's temporary directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let dir = std::env::temp_dir().join(unique("segmentti-couch"));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn pouchdb_server_bin() -> PathBuf {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/pouchdb-server");
    assert!(
        bin.exists(),
        "{} is missing: the CouchDB sync tests need pouchdb-server from package-lock.json; \
         run scripts/setup (npm ci) first",
        bin.display()
    );
    bin
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// A running pouchdb-server, killed when dropped.
pub struct Server {
    child: Option<Child>,
    pub port: u16,
    /// Where it keeps its config and log, and with `--dir` its databases.
    work: PathBuf,
    data: Option<PathBuf>,
    _temp: Option<TempDir>,
}

impl Server {
    /// In memory (`-m`): everything is gone when it stops.
    pub fn in_memory() -> Server {
        let temp = TempDir::new();
        let work = temp.0.clone();
        let mut server = Server {
            child: None,
            port: free_port(),
            work,
            data: None,
            _temp: Some(temp),
        };
        server.start();
        server
    }

    /// Keeping its databases in `dir` (`--dir`), so that it can be killed and started again
    /// on the same data.
    pub fn on_disk(dir: &Path) -> Server {
        let mut server = Server {
            child: None,
            port: free_port(),
            work: dir.to_path_buf(),
            data: Some(dir.join("data")),
            _temp: None,
        };
        server.start();
        server
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts it (again, on the same port and data).
    pub fn start(&mut self) {
        let mut command = Command::new(pouchdb_server_bin());
        command
            .current_dir(&self.work)
            .arg("-p")
            .arg(self.port.to_string())
            .arg("-o")
            .arg("127.0.0.1")
            .arg("-c")
            .arg(self.work.join("config.json"))
            .arg("-n")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(
                std::fs::File::create(self.work.join("stderr.txt")).expect("a log file"),
            ));
        match &self.data {
            Some(dir) => {
                std::fs::create_dir_all(dir).expect("the data directory");
                // pouchdb-server joins the directory and the database name as text.
                command.arg("-d").arg(format!("{}/", dir.display()));
            }
            None => {
                command.arg("-m");
            }
        }
        let mut child = command.spawn().expect("pouchdb-server starts");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(self.work.join("stderr.txt")).unwrap_or_default();
                panic!("pouchdb-server stopped at start ({status}): {log}");
            }
            if get(&format!("{}/", self.url())).is_ok_and(|r| r.status == 200) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "pouchdb-server did not answer in 60 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        self.child = Some(child);
    }

    /// The process id, to kill it from another thread.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().map(Child::id).expect("the server runs")
    }

    /// Kills the process at once (SIGKILL), as a crash or a power cut would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Creates a database and answers its address.
    pub fn create_db(&self, name: &str) {
        let response = send(&request(
            Method::Put,
            &format!("{}/{name}", self.url()),
            None,
        ));
        let status = response.expect("pouchdb-server answers").status;
        assert!(status == 201 || status == 412, "creating {name}: {status}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into()
    })
}

/// Carries one request and brings back the answer, or the words of a network failure: the
/// transport the replicator is driven with in the native tests.
pub fn send(request: &Request) -> Result<Response, String> {
    let agent = agent();
    let result = match request.method {
        Method::Get => {
            let mut builder = agent.get(&request.url);
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            builder.call()
        }
        Method::Put | Method::Post => {
            let mut builder = if request.method == Method::Put {
                agent.put(&request.url)
            } else {
                agent.post(&request.url)
            };
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            builder.send(request.body.as_deref().unwrap_or(b""))
        }
    };
    let mut response = result.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    Ok(Response { status, body })
}

pub fn request(method: Method, url: &str, body: Option<&Value>) -> Request {
    let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
    if body.is_some() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    Request {
        method,
        url: url.to_string(),
        headers,
        body: body.map(|b| b.to_string().into_bytes()),
        label: format!("{method:?} {url}"),
    }
}

pub fn get(url: &str) -> Result<Response, String> {
    send(&request(Method::Get, url, None))
}

/// GETs JSON from the server, panicking on anything else.
pub fn get_json(url: &str) -> Value {
    let response = get(url).expect("the server answers");
    serde_json::from_slice(&response.body).expect("JSON")
}

pub fn body(value: Value) -> Body {
    value.as_object().cloned().expect("an object")
}

/// One browser's side: its replica and its saved checkpoints (by replication id), as the store
/// keeps them.
pub struct Local {
    pub name: String,
    pub replica: Replica,
    pub logs: HashMap<String, ReplicationLog>,
    /// The replica as it was at the last checkpoint saved: what survives a closed tab.
    pub saved: Option<Replica>,
    /// Whether to keep `saved` (a copy of the whole replica at every checkpoint: off for the
    /// benchmark's large replicas).
    pub keep_saved: bool,
}

impl Local {
    pub fn new(name: &str) -> Local {
        Local {
            name: name.to_string(),
            replica: Replica::new(Policy::default()),
            logs: HashMap::new(),
            saved: None,
            keep_saved: true,
        }
    }

    pub fn config(&self, server: &str, database: &str) -> Config {
        Config::new(server, database, &self.name)
    }

    pub fn replicator(&self, direction: Direction, config: Config) -> Replicator {
        let probe = Replicator::new(direction, config.clone(), None, "", "");
        let log = self.logs.get(probe.replication_id()).cloned();
        Replicator::new(
            direction,
            config,
            log,
            &unique("session"),
            "2026-12-04T00:00:00Z",
        )
    }

    /// One session in `direction`, to its end, through `transport`.
    pub fn sync_with(
        &mut self,
        direction: Direction,
        config: Config,
        transport: &mut dyn FnMut(&Request) -> Result<Response, String>,
    ) -> Result<Progress, SyncError> {
        let mut replicator = self.replicator(direction, config);
        let id = replicator.replication_id().to_string();
        let logs = &mut self.logs;
        let saved = &mut self.saved;
        let keep_saved = self.keep_saved;
        run(
            &mut replicator,
            &mut self.replica,
            transport,
            &mut |replica, log| {
                logs.insert(id.clone(), log.clone());
                // A copy of the whole replica at every checkpoint makes a session quadratic in
                // the size of the replica: the benchmark turns it off.
                if keep_saved {
                    *saved = Some(replica.clone());
                }
            },
        )
    }

    pub fn pull(&mut self, server: &str, database: &str) -> Result<Progress, SyncError> {
        let config = self.config(server, database);
        self.sync_with(Direction::Pull, config, &mut send)
    }

    pub fn push(&mut self, server: &str, database: &str) -> Result<Progress, SyncError> {
        let config = self.config(server, database);
        self.sync_with(Direction::Push, config, &mut send)
    }
}

/// A fake server on 127.0.0.1 and a free port: every request gets the answer `answer` gives for
/// its method and path (with the query), until the test ends.
pub struct FakeServer {
    pub port: u16,
}

impl FakeServer {
    pub fn start(answer: fn(&str, &str) -> (u16, String)) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("an address").port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = serve_one(stream, answer);
            }
        });
        FakeServer { port }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

fn serve_one(stream: TcpStream, answer: fn(&str, &str) -> (u16, String)) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        if header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let (status, text) = answer(&method, &path);
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}
