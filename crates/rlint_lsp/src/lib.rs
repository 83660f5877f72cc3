//! rlint's language server: `rlint lsp`, tower-lsp on tokio over stdio.
//!
//! Features: push and pull diagnostics, code actions (`actions`), hover (`hover`), symbols,
//! folding and keyword/stage completion (`outline`), completion of directives, rule names,
//! variables, flags and flag values plus signature help (`complete`), formatting, range and
//! on-type formatting (`formatting`), semantic tokens full/range/delta (`semantic`),
//! definition, references, rename, highlight, image links and ARG inlay hints (`navigation`),
//! and per-document `rlint` settings from `workspace/configuration` (`config`).
//!
//! Invariants:
//! - Document state lives behind one `std::sync::Mutex`; a `didChange` applies its content
//!   changes in order, synchronously, inside the lock and before any `.await`, so concurrent
//!   handlers always see whole versions. Only `Send` data is stored: text, version, the green
//!   tree and the line index; red nodes and the semantic model are rebuilt inside synchronous
//!   work and never held across an `.await`.
//! - Positions cross the protocol boundary only through [`document::Document`], in the encoding
//!   negotiated at `initialize` (UTF-8 when the client offers it, else UTF-16); an out-of-range
//!   position is clamped, never a panic.
//! - Diagnostics are pushed only to clients that cannot pull them (`textDocument/diagnostic`);
//!   a pulling client gets `workspace/diagnostic/refresh` when its settings change.
//! - Pushed diagnostics carry the document version; a computation whose version is no longer
//!   current is dropped, and at most one computation per document runs at a time.
//! - Every synchronous piece of work runs under `catch_unwind`: a panic becomes an internal
//!   error answer or a log line, never the end of the server.
//! - Nothing is written to stdout except protocol messages: tower-lsp's, and the answers that
//!   grow with the document, which the server serialises itself ([`direct`]); logs go to
//!   stderr.
//! - A malformed message is dropped with a log line before tower-lsp sees it
//!   ([`transport`]), so one bad frame never ends the session.

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod actions;
mod complete;
mod config;
mod convert;
pub mod direct;
pub mod document;
mod formatting;
mod hover;
mod navigation;
mod outline;
mod semantic;
mod server;
pub mod transport;

use std::io::Write;

/// Writes one log line to stderr (the client shows it in its server log).
pub(crate) fn log(message: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "[rlint lsp] {message}");
}

/// Threads for the document work (linting, requests on a snapshot). Each thread that allocates
/// keeps its own allocator pages, so they are few; stdin and stdout have threads of their own.
const BLOCKING_THREADS: usize = 2;

/// Runs the server on stdin/stdout until the client sends `exit` or closes stdin.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(BLOCKING_THREADS)
        .enable_all()
        .build()?;
    let handle = runtime.handle().clone();
    let (stdout, stdout_done) = stdout_pipe(handle.clone());
    runtime.block_on(async {
        let (to_server, from_guard) = tokio::io::duplex(1 << 20);
        tokio::spawn(transport::forward_valid_frames(
            stdin_pipe(handle.clone()),
            to_server,
        ));
        // tower-lsp writes into a pipe; the output task merges that with the answers the
        // server writes itself (see `direct`) and owns stdout.
        let (from_server, to_output) = tokio::io::duplex(1 << 20);
        let (direct_sender, direct_receiver) = tokio::sync::mpsc::unbounded_channel();
        let output = tokio::spawn(direct::forward_output(to_output, direct_receiver, stdout));
        let (service, socket) = tower_lsp::LspService::build(|client| {
            server::Server::with_direct_output(client, direct_sender)
        })
        .custom_method(direct::DIRECT_METHOD, server::Server::direct)
        .finish();
        tower_lsp::Server::new(from_guard, from_server, socket)
            .serve(service)
            .await;
        // The service and the pipe are dropped: the output task ends once it has written all.
        let _ = output.await;
    });
    // The last answers (to `shutdown`) may still be on their way to stdout; a client that no
    // longer reads them does not keep the server alive for long.
    let _ = stdout_done.recv_timeout(std::time::Duration::from_secs(2));
    // Do not wait for the thread blocked reading stdin.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(())
}

/// Stdin as an async reader, read by a thread of its own. Tokio's stdin reads on the blocking
/// pool, where a read waiting for the client held one of its threads, and tokio's stdout copied
/// every answer there too: each thread that touches the data keeps its own allocator pages.
fn stdin_pipe(handle: tokio::runtime::Handle) -> tokio::io::DuplexStream {
    use tokio::io::AsyncWriteExt;
    let (mut writer, reader) = tokio::io::duplex(1 << 20);
    std::thread::spawn(move || {
        use std::io::Read;
        let mut stdin = std::io::stdin().lock();
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let n = match stdin.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            if handle.block_on(writer.write_all(&buffer[..n])).is_err() {
                break;
            }
        }
        // Dropping the writer ends the server's input.
    });
    reader
}

/// Stdout as an async writer, written by a thread of its own (see [`stdin_pipe`]), which says
/// on the returned channel when the writer is dropped and all is written. When the client is
/// gone the thread ends, and writes to the pipe fail as writes to stdout did.
fn stdout_pipe(
    handle: tokio::runtime::Handle,
) -> (tokio::io::DuplexStream, std::sync::mpsc::Receiver<()>) {
    use tokio::io::AsyncReadExt;
    let (writer, mut reader) = tokio::io::duplex(1 << 20);
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut stdout = std::io::stdout().lock();
        let mut buffer = vec![0u8; 256 * 1024];
        loop {
            let n = match handle.block_on(reader.read(&mut buffer)) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if stdout
                .write_all(&buffer[..n])
                .and_then(|()| stdout.flush())
                .is_err()
            {
                break;
            }
        }
        let _ = done.send(());
    });
    (writer, finished)
}
