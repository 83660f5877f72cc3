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

/// Runs the server on stdin/stdout until the client sends `exit` or closes stdin.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Each blocking thread keeps its own malloc arena: few threads, less retained memory.
        .max_blocking_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (to_server, from_guard) = tokio::io::duplex(1 << 20);
        tokio::spawn(transport::forward_valid_frames(
            tokio::io::stdin(),
            to_server,
        ));
        // tower-lsp writes into a pipe; the output task merges that with the answers the
        // server writes itself (see `direct`) and owns stdout.
        let (from_server, to_output) = tokio::io::duplex(1 << 20);
        let (direct_sender, direct_receiver) = tokio::sync::mpsc::unbounded_channel();
        let output = tokio::spawn(direct::forward_output(
            to_output,
            direct_receiver,
            tokio::io::stdout(),
        ));
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
    // Do not wait for the thread blocked reading stdin.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(())
}
