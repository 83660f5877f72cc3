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
mod blocking;
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
    // Stdin and stdout are read and written on threads of their own, each running the loop
    // that checks what passes (tokio's stdin and stdout would do it on the blocking pool,
    // where a read waiting for the client held one of the two threads, and copy every answer).
    let (to_server, from_guard) = tokio::io::duplex(1 << 20);
    let handle = runtime.handle().clone();
    std::thread::spawn(move || {
        let stdin = Blocking(std::io::stdin().lock());
        handle.block_on(transport::forward_valid_frames(stdin, to_server));
    });
    // tower-lsp writes into a pipe; the output thread merges that with the answers the server
    // writes itself (see `direct`) and owns stdout.
    let (from_server, to_output) = tokio::io::duplex(1 << 20);
    let (direct_sender, direct_receiver) = tokio::sync::mpsc::unbounded_channel();
    let (output_done, output_finished) = std::sync::mpsc::channel();
    let handle = runtime.handle().clone();
    std::thread::spawn(move || {
        let stdout = Blocking(std::io::stdout().lock());
        handle.block_on(direct::forward_output(to_output, direct_receiver, stdout));
        let _ = output_done.send(());
    });
    runtime.block_on(async {
        let (service, socket) = tower_lsp::LspService::build(|client| {
            server::Server::with_direct_output(client, direct_sender)
        })
        .custom_method(direct::DIRECT_METHOD, server::Server::direct)
        .finish();
        tower_lsp::Server::new(from_guard, from_server, socket)
            .serve(service)
            .await;
    });
    // The service and its pipe are dropped: the output ends once it has written all, the last
    // answers (to `shutdown`) included; a client that no longer reads them does not keep the
    // server alive for long.
    let _ = output_finished.recv_timeout(std::time::Duration::from_secs(2));
    // Do not wait for a lint still running on the blocking pool.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(())
}

/// A blocking reader or writer used as an async one, on a thread that does nothing else
/// (`stdin` and `stdout` above): each call blocks that thread, as the thread is there for.
struct Blocking<T>(T);

impl<R: std::io::Read + Unpin> tokio::io::AsyncRead for Blocking<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let read = loop {
            match self.0.read(buf.initialize_unfilled()) {
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        std::task::Poll::Ready(read.map(|n| buf.advance(n)))
    }
}

impl<W: std::io::Write + Unpin> tokio::io::AsyncWrite for Blocking<W> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        data: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::task::Poll::Ready(self.0.write(data))
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(self.0.flush())
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}
