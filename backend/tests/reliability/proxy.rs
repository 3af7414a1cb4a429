//! A TCP proxy between the server and PostgreSQL that the test can cut: the database "goes
//! away" for the server (every connection dropped, new ones refused) without disturbing anyone
//! else using the same PostgreSQL.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::JoinHandle;

pub struct Proxy {
    pub port: u16,
    target: SocketAddr,
    inner: Arc<Mutex<Tasks>>,
}

#[derive(Default)]
struct Tasks {
    accept: Option<JoinHandle<()>>,
    connections: Vec<JoinHandle<()>>,
}

impl Proxy {
    /// Listens on a free port of 127.0.0.1 and forwards to `target`.
    pub async fn start(target: SocketAddr) -> Proxy {
        let listener = try_bind(0).expect("proxy listens");
        let port = listener.local_addr().expect("proxy address").port();
        let proxy = Proxy {
            port,
            target,
            inner: Arc::new(Mutex::new(Tasks::default())),
        };
        proxy.serve(listener);
        proxy
    }

    fn serve(&self, listener: TcpListener) {
        let inner = self.inner.clone();
        let target = self.target;
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let forward = tokio::spawn(forward(client, target));
                let mut tasks = inner.lock().expect("proxy lock");
                tasks.connections.retain(|t| !t.is_finished());
                tasks.connections.push(forward);
            }
        });
        self.inner.lock().expect("proxy lock").accept = Some(accept);
    }

    /// The outage begins: the listener closes (new connections are refused) and every open
    /// connection is closed under the server's feet.
    pub fn cut(&self) {
        let mut tasks = self.inner.lock().expect("proxy lock");
        if let Some(accept) = tasks.accept.take() {
            accept.abort();
        }
        for connection in tasks.connections.drain(..) {
            connection.abort();
        }
    }

    /// Every open connection is closed; new ones are still let through.
    pub fn drop_connections(&self) {
        let mut tasks = self.inner.lock().expect("proxy lock");
        for connection in tasks.connections.drain(..) {
            connection.abort();
        }
    }

    /// The database is back, on the same port.
    pub async fn restore(&self) {
        // The aborted accept task drops its listener at its next poll; wait until the port is
        // free again rather than racing it.
        for _ in 0..100 {
            if let Ok(listener) = try_bind(self.port) {
                self.serve(listener);
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("the proxy could not listen on port {} again", self.port);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.cut();
    }
}

async fn forward(mut client: TcpStream, target: SocketAddr) {
    if let Ok(mut server) = TcpStream::connect(target).await {
        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
    }
}

fn try_bind(port: u16) -> std::io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    // Closed connections in TIME_WAIT must not keep the port from being reused.
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from(([127, 0, 0, 1], port)))?;
    socket.listen(1024)
}

/// `postgres://user@host:port/db` → the `host:port` part, resolved.
pub fn target_of(url: &str) -> SocketAddr {
    let authority = url
        .split_once('@')
        .map_or(url, |(_, rest)| rest)
        .split('/')
        .next()
        .expect("host and port");
    let authority = if authority.contains(':') {
        authority.to_owned()
    } else {
        format!("{authority}:5432")
    };
    std::net::ToSocketAddrs::to_socket_addrs(&authority)
        .ok()
        .and_then(|mut a| a.next())
        .unwrap_or_else(|| panic!("cannot resolve {authority}"))
}

/// The same URL, through the proxy.
pub fn via(url: &str, port: u16) -> String {
    let (scheme_user, rest) = url.split_once('@').expect("postgres://user@host…");
    let (_, path) = rest.split_once('/').expect("…/database");
    format!("{scheme_user}@127.0.0.1:{port}/{path}")
}
