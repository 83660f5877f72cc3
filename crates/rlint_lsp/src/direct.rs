//! Large responses written straight to the output, without tower-lsp's JSON value tree.
//!
//! tower-lsp turns every result into a `serde_json::Value` before writing it. For the answers
//! that grow with the file (pulled diagnostics, document symbols, semantic tokens) that tree
//! cost more than the work itself on a 20,000-line file: 4,967 diagnostics took 4.5 ms to
//! become a value and 5.4 ms to become bytes, against 1.9 ms serialised directly, and the
//! symbol tree peaked at 64 MB of heap.
//!
//! So, for the requests of [`Direct`]:
//! 1. the input guard ([`crate::transport`]) renames the request to [`DIRECT_METHOD`] and
//!    moves its id and method into its params;
//! 2. the server's handler for that method ([`crate::server::Server::direct`]) runs the usual
//!    handler, serialises the response itself and hands its pieces to [`forward_output`];
//! 3. tower-lsp answers the renamed request with the tiny [`SENT`] marker, which
//!    [`forward_output`] drops.
//!
//! Everything else tower-lsp keeps doing: ordering, cancellation (a cancelled request gets
//! tower-lsp's error answer and no direct one), and the initialize/shutdown states.

use bytes::Bytes;
use serde_json::{Map, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp::jsonrpc::Id;

/// The method a direct request is renamed to.
pub const DIRECT_METHOD: &str = "rlint/direct";

/// What tower-lsp answers a direct request with once the real answer is written.
pub const SENT: &str = "rlint/direct: answered by the server";

/// A message the server writes itself, in pieces. A pulled report's items are megabytes on a
/// large file and are kept for the next request's `unchanged` check: they go out as a shared
/// piece, between the envelope's, instead of being copied into one buffer first.
pub type Pieces = Vec<Bytes>;

/// The requests answered directly: those whose answers grow with the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direct {
    Diagnostic,
    DocumentSymbol,
    SemanticTokensFull,
}

impl Direct {
    /// Every variant: the input guard renames only the requests listed here.
    const ALL: [Direct; 3] = [
        Direct::Diagnostic,
        Direct::DocumentSymbol,
        Direct::SemanticTokensFull,
    ];

    /// The LSP method name.
    pub fn method(self) -> &'static str {
        use tower_lsp::lsp_types::request::{
            DocumentDiagnosticRequest, DocumentSymbolRequest, Request, SemanticTokensFullRequest,
        };
        match self {
            Direct::Diagnostic => DocumentDiagnosticRequest::METHOD,
            Direct::DocumentSymbol => DocumentSymbolRequest::METHOD,
            Direct::SemanticTokensFull => SemanticTokensFullRequest::METHOD,
        }
    }

    /// The request answered directly that `method` names, if any.
    pub fn from_method(method: &str) -> Option<Direct> {
        Direct::ALL.into_iter().find(|d| d.method() == method)
    }
}

/// The params of a renamed request: the original id, method and params.
#[derive(Debug, serde::Deserialize, serde::Serialize)]
pub struct DirectParams {
    pub id: Id,
    pub method: String,
    #[serde(default)]
    pub params: Value,
}

/// Renames `message` to [`DIRECT_METHOD`] if it is a request [`Direct`] names; returns
/// whether it did.
pub fn wrap_request(message: &mut Map<String, Value>) -> bool {
    let direct = message
        .get("method")
        .and_then(Value::as_str)
        .is_some_and(|method| Direct::from_method(method).is_some());
    let Some(id) = message.get("id").filter(|id| !id.is_null()).cloned() else {
        return false;
    };
    if !direct {
        return false;
    }
    let method = message.insert("method".into(), DIRECT_METHOD.into());
    let params = message.remove("params").unwrap_or(Value::Null);
    let mut wrapped = Map::new();
    wrapped.insert("id".into(), id);
    wrapped.insert("method".into(), method.unwrap_or(Value::Null));
    wrapped.insert("params".into(), params);
    message.insert("params".into(), Value::Object(wrapped));
    true
}

/// The JSON-RPC response for `id`, serialised from `result` without an intermediate value.
pub fn response<T: serde::Serialize>(id: &Id, result: &T) -> serde_json::Result<Pieces> {
    #[derive(serde::Serialize)]
    struct Response<'a, T> {
        jsonrpc: &'static str,
        id: &'a Id,
        result: &'a T,
    }
    let body = serde_json::to_vec(&Response {
        jsonrpc: "2.0",
        id,
        result,
    })?;
    Ok(vec![Bytes::from(body)])
}

/// The JSON-RPC response for `id` carrying a full pulled diagnostics report whose `items`
/// are already JSON (see `convert::diagnostics_json`): the same message as [`response`]
/// would write for the `lsp_types` report, with the items neither parsed nor copied (they go
/// out as a shared piece).
pub fn full_diagnostic_report(
    id: &Id,
    result_id: &str,
    items: &Bytes,
) -> serde_json::Result<Pieces> {
    let mut head = Vec::with_capacity(96);
    head.extend_from_slice(br#"{"jsonrpc":"2.0","id":"#);
    serde_json::to_writer(&mut head, id)?;
    head.extend_from_slice(br#","result":{"kind":"full","resultId":"#);
    serde_json::to_writer(&mut head, result_id)?;
    head.extend_from_slice(br#","items":"#);
    Ok(vec![
        Bytes::from(head),
        items.clone(),
        Bytes::from_static(b"}}"),
    ])
}

/// The `textDocument/publishDiagnostics` notification for `uri` with `items`, a JSON array
/// of LSP diagnostics: the message tower-lsp's client would write for the same values.
pub fn publish_diagnostics(
    uri: &tower_lsp::lsp_types::Url,
    version: Option<i32>,
    items: Vec<u8>,
) -> serde_json::Result<Pieces> {
    let mut head = Vec::with_capacity(uri.as_str().len() + 96);
    head.extend_from_slice(
        br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
    );
    serde_json::to_writer(&mut head, uri.as_str())?;
    head.extend_from_slice(br#","diagnostics":"#);
    let mut tail = Vec::with_capacity(32);
    if let Some(version) = version {
        tail.extend_from_slice(br#","version":"#);
        serde_json::to_writer(&mut tail, &version)?;
    }
    tail.extend_from_slice(b"}}");
    Ok(vec![
        Bytes::from(head),
        Bytes::from(items),
        Bytes::from(tail),
    ])
}

/// Writes to `output` every message tower-lsp writes to `from_server` (except its [`SENT`]
/// markers) and every body received on `direct`, each framed, until both have ended.
pub async fn forward_output(
    mut from_server: impl AsyncRead + Unpin,
    mut direct: mpsc::UnboundedReceiver<Pieces>,
    mut output: impl AsyncWrite + Unpin,
) {
    let mut buffer = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let (mut server_open, mut direct_open) = (true, true);
    // Once the client is gone, output is still read and dropped, so tower-lsp never blocks
    // on a full pipe and the server ends when its input does.
    let mut client_gone = false;
    while server_open || direct_open {
        let body = tokio::select! {
            read = from_server.read(&mut chunk), if server_open => {
                match read {
                    Ok(0) | Err(_) => server_open = false,
                    Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                }
                None
            }
            body = direct.recv(), if direct_open => {
                if body.is_none() {
                    direct_open = false;
                }
                body
            }
        };
        let mut bodies: Vec<Pieces> = body.into_iter().collect();
        while let Some(frame) = crate::transport::take_frame(&mut buffer) {
            match frame {
                Ok(body) if !is_sent_marker(&body) => bodies.push(vec![Bytes::from(body)]),
                Ok(_) => {}
                Err(reason) => crate::log(&format!("internal error: bad output frame: {reason}")),
            }
        }
        for body in bodies {
            if client_gone {
                break;
            }
            let length: usize = body.iter().map(|piece| piece.len()).sum();
            let header = format!("Content-Length: {length}\r\n\r\n");
            let written = async {
                output.write_all(header.as_bytes()).await?;
                for piece in &body {
                    output.write_all(piece).await?;
                }
                output.flush().await
            };
            client_gone = written.await.is_err();
        }
    }
}

/// tower-lsp's answer to a direct request: [`SENT`] as its result. Only messages that contain
/// the marker's text are parsed to make sure; its size says nothing, as the id can be a string
/// of any length.
fn is_sent_marker(body: &[u8]) -> bool {
    memchr::memmem::find(body, SENT.as_bytes()).is_some()
        && serde_json::from_slice::<Value>(body)
            .is_ok_and(|message| message.get("result").and_then(Value::as_str) == Some(SENT))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn joined(pieces: &[Bytes]) -> Vec<u8> {
        pieces
            .iter()
            .map(|piece| &piece[..])
            .collect::<Vec<_>>()
            .concat()
    }

    #[test]
    fn a_full_diagnostic_report_is_the_lsp_types_message() {
        use tower_lsp::lsp_types::*;
        let items = vec![Diagnostic {
            range: Range::new(Position::new(1, 2), Position::new(1, 5)),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String("DL3008".into())),
            source: Some("rlint".into()),
            message: "pin \"it\" é".into(),
            ..Diagnostic::default()
        }];
        let report = DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some("7".into()),
                    items: items.clone(),
                },
            },
        ));
        for id in [Id::Number(3), Id::String("a\"b".into())] {
            let shared = Bytes::from(serde_json::to_vec(&items).unwrap());
            let written = full_diagnostic_report(&id, "7", &shared).unwrap();
            let expected = response(&id, &report).unwrap();
            let parse = |b: Pieces| serde_json::from_slice::<Value>(&joined(&b)).unwrap();
            assert_eq!(parse(written), parse(expected));
        }
    }

    #[test]
    fn a_publish_is_the_lsp_types_notification() {
        use tower_lsp::lsp_types::*;
        let uri = Url::parse("file:///w/a%20b/Dockerfile").unwrap();
        let items = vec![Diagnostic {
            range: Range::new(Position::new(0, 0), Position::new(0, 4)),
            message: "x".into(),
            ..Diagnostic::default()
        }];
        for version in [Some(4), None] {
            let params = PublishDiagnosticsParams::new(uri.clone(), items.clone(), version);
            let expected = json!({
                "jsonrpc": "2.0",
                "method": "textDocument/publishDiagnostics",
                "params": params,
            });
            let written =
                publish_diagnostics(&uri, version, serde_json::to_vec(&items).unwrap()).unwrap();
            let written = serde_json::from_slice::<Value>(&joined(&written)).unwrap();
            assert_eq!(written, expected);
        }
    }

    #[test]
    fn direct_requests_are_the_three_that_grow_with_the_document() {
        let methods: Vec<&str> = Direct::ALL.iter().map(|d| d.method()).collect();
        assert_eq!(
            methods,
            [
                "textDocument/diagnostic",
                "textDocument/documentSymbol",
                "textDocument/semanticTokens/full"
            ]
        );
        for direct in Direct::ALL {
            assert_eq!(Direct::from_method(direct.method()), Some(direct));
        }
        assert_eq!(
            Direct::from_method("textDocument/semanticTokens/range"),
            None
        );
    }

    #[test]
    fn only_requests_for_direct_methods_are_wrapped() {
        let mut request = json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/diagnostic",
            "params": {"textDocument": {"uri": "file:///a"}}});
        assert!(wrap_request(request.as_object_mut().unwrap()));
        assert_eq!(
            request,
            json!({"jsonrpc": "2.0", "id": 7, "method": DIRECT_METHOD, "params": {
                "id": 7, "method": "textDocument/diagnostic",
                "params": {"textDocument": {"uri": "file:///a"}}}})
        );
        let params: DirectParams = serde_json::from_value(request["params"].clone()).unwrap();
        assert_eq!(params.id, Id::Number(7));

        for mut other in [
            json!({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/diagnostic", "params": {}}),
            json!({"jsonrpc": "2.0", "id": 2, "result": null}),
        ] {
            let before = other.clone();
            assert!(!wrap_request(other.as_object_mut().unwrap()));
            assert_eq!(other, before);
        }
    }

    #[tokio::test]
    async fn output_keeps_server_messages_and_direct_answers_and_drops_markers() {
        let framed = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let marker = format!(r#"{{"jsonrpc":"2.0","result":"{SENT}","id":3}}"#);
        let from_server = format!(
            "{}{}",
            framed(r#"{"jsonrpc":"2.0","result":null,"id":1}"#),
            framed(&marker)
        );
        let (sender, receiver) = mpsc::unbounded_channel();
        // Written in pieces, framed as one message.
        sender
            .send(vec![
                Bytes::from_static(br#"{"jsonrpc":"2.0","#),
                Bytes::from(br#""id":3,"#.to_vec()),
                Bytes::from(r#""result":["é"]}"#.as_bytes().to_vec()),
            ])
            .unwrap();
        drop(sender);
        let mut output = Vec::new();
        forward_output(from_server.as_bytes(), receiver, &mut output).await;
        let output = String::from_utf8(output).unwrap();
        assert!(output.contains(&framed(r#"{"jsonrpc":"2.0","result":null,"id":1}"#)));
        // Content-Length counts bytes: `é` is two.
        assert!(output.contains(&framed(r#"{"jsonrpc":"2.0","id":3,"result":["é"]}"#)));
        assert!(!output.contains(SENT), "{output}");
    }

    /// A writer whose client has gone: every write fails.
    struct Gone;

    impl AsyncWrite for Gone {
        fn poll_write(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
            _: &[u8],
        ) -> std::task::Poll<std::io::Result<usize>> {
            std::task::Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into()))
        }

        fn poll_flush(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            std::task::Poll::Ready(Ok(()))
        }

        fn poll_shutdown(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            std::task::Poll::Ready(Ok(()))
        }
    }

    /// When the client is gone, the server's output is still drained (so tower-lsp never
    /// blocks on a full pipe) and the task ends when both inputs have.
    #[tokio::test]
    async fn output_is_drained_after_the_client_is_gone() {
        let (mut to_output, from_server) = tokio::io::duplex(64);
        let (sender, receiver) = mpsc::unbounded_channel::<Pieces>();
        let task = tokio::spawn(forward_output(from_server, receiver, Gone));
        let body = r#"{"jsonrpc":"2.0","method":"window/logMessage","params":{}}"#;
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let session = async {
            // Far more than the pipe holds: this only completes if the task keeps reading.
            for _ in 0..200 {
                to_output.write_all(frame.as_bytes()).await.unwrap();
            }
            drop(to_output);
            drop(sender);
            task.await.unwrap();
        };
        tokio::time::timeout(std::time::Duration::from_secs(10), session)
            .await
            .expect("the output was drained and the task ended");
    }

    #[test]
    fn a_response_is_serialised_with_its_id() {
        let body = response(&Id::String("x".into()), &vec![1, 2]).unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(&joined(&body)).unwrap(),
            json!({"jsonrpc": "2.0", "id": "x", "result": [1, 2]})
        );
    }
}
