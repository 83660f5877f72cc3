//! The `LanguageServer` implementation: document lifecycle, diagnostics (push and pull) and
//! request dispatch to the feature modules.

use crate::config::{ConfigCache, InitOptions};
use crate::convert;
use crate::direct::Direct;
use crate::document::{Document, Encoding};
use rlint_linter::{Diagnostic, InstructionCache, Model, Settings};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::{mpsc, watch};
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

/// The code action kind of "fix everything safe".
pub const FIX_ALL_KIND: &str = "source.fixAll.rlint";

pub struct Server {
    client: Client,
    state: Arc<Mutex<State>>,
    /// Where answers written without tower-lsp go ([`crate::direct`]); `None` when the server
    /// runs without that output (tests that call handlers directly).
    direct_output: Option<mpsc::UnboundedSender<crate::direct::Pieces>>,
}

#[derive(Default)]
struct State {
    encoding: Option<Encoding>,
    documents: HashMap<Url, DocState>,
    config: ConfigCache,
    watch_dynamic: bool,
    /// The last full semantic tokens sent per document, for delta requests.
    semantic_tokens: HashMap<Url, (String, Vec<SemanticToken>)>,
    /// The last diagnostics report pulled per document (its result id and its items as JSON),
    /// so an identical one is answered `unchanged` (a large file's report is megabytes the
    /// client would parse again).
    diagnostic_reports: HashMap<Url, (String, bytes::Bytes)>,
    /// The client accepts snippet completions.
    snippets: bool,
    /// The client answers `workspace/configuration`.
    client_configuration: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so pushing them too would
    /// only lint, convert and send every version twice.
    client_pulls: bool,
    /// The client accepts `workspace/diagnostic/refresh` (re-pull after a settings change).
    diagnostic_refresh: bool,
    next_result_id: u64,
}

struct DocState {
    doc: Document,
    settings: Arc<Settings>,
    /// Diagnostics of `doc.version`, once computed.
    cache: Option<Arc<Vec<Diagnostic>>>,
    /// Wakes the document's diagnostics worker; dropping it stops the worker.
    trigger: watch::Sender<i32>,
    /// The findings kept across the document's edits; held while linting it, so a pull request
    /// waits for the push worker's result instead of linting the same version again.
    lint_cache: Arc<Mutex<InstructionCache>>,
    /// The client's `rlint` settings for this document (`workspace/configuration`).
    client_options: Option<InitOptions>,
}

/// A consistent view of one document for synchronous work off the async path.
pub struct Snapshot {
    pub uri: Url,
    pub doc: Document,
    pub settings: Arc<Settings>,
    pub encoding: Encoding,
    cache: Option<Arc<Vec<Diagnostic>>>,
    lint_cache: Arc<Mutex<InstructionCache>>,
    state: Arc<Mutex<State>>,
}

impl Snapshot {
    /// The diagnostics of this version: computed once per version, reusing what the
    /// document's lint cache kept of the previous versions.
    pub fn diagnostics(&self) -> Arc<Vec<Diagnostic>> {
        if let Some(cached) = &self.cache {
            return cached.clone();
        }
        // As the CLI refuses such a file; opening it or growing it past the limit says why
        // there are no diagnostics.
        if over_size_limit(&self.doc) {
            return Arc::default();
        }
        let mut lint_cache = self
            .lint_cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // A settings change keeps the version, so the settings must match too.
        let same = |entry: &DocState| {
            entry.doc.version == self.doc.version && Arc::ptr_eq(&entry.settings, &self.settings)
        };
        let cached = lock(&self.state)
            .documents
            .get(&self.uri)
            .filter(|entry| same(entry))
            .and_then(|entry| entry.cache.clone());
        if let Some(cached) = cached {
            return cached;
        }
        let model = self.model_with(&mut lint_cache);
        let diagnostics = Arc::new(rlint_linter::lint_model_cached(
            &self.doc.parse,
            &model,
            &self.settings,
            &mut lint_cache,
        ));
        // Freed after the answer has gone out.
        crate::blocking::drop_later(model);
        let mut state = lock(&self.state);
        if let Some(entry) = state.documents.get_mut(&self.uri) {
            if same(entry) && entry.cache.is_none() {
                entry.cache = Some(diagnostics.clone());
            }
        }
        diagnostics
    }

    /// The semantic model of this version. RUN analyses come from the document's lint cache
    /// when their instruction and context are unchanged (`Model::new_cached`), which on a
    /// 20,000-line file is most of the cost of hover, completion and navigation. Freed after
    /// the answer has gone out, as the diagnostics' model is. `None` for a document over the
    /// size limit: it is not linted (the user was told why), and the features built on the
    /// model would analyse every RUN of it for one hover.
    pub fn model(&self) -> Option<crate::blocking::DropLater<Model>> {
        if over_size_limit(&self.doc) {
            return None;
        }
        let mut lint_cache = self
            .lint_cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Some(crate::blocking::DropLater::new(
            self.model_with(&mut lint_cache),
        ))
    }

    /// The model of this version, built with `lint_cache` (the document's, locked).
    fn model_with(&self, lint_cache: &mut InstructionCache) -> Model {
        Model::new_cached(&self.doc.parse, lint_cache).with_text(self.doc.text.clone())
    }

    /// This version's LSP diagnostics as a JSON array (see `convert::diagnostics_json`).
    pub fn diagnostics_json(&self, diagnostics: &[Diagnostic]) -> Vec<u8> {
        convert::diagnostics_json(&self.uri, &self.doc, diagnostics, self.encoding)
    }
}

/// The `lsp_types` form of a pulled report.
fn report_result(report: PulledReport) -> Result<DocumentDiagnosticReportResult> {
    let report = match report {
        PulledReport::Unchanged { result_id } => {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
        }
        PulledReport::Full { result_id, items } => {
            let items = serde_json::from_slice(&items).map_err(|error| {
                let mut failure = Error::internal_error();
                failure.message = format!("rlint: diagnostics: {error}").into();
                failure
            })?;
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items,
                },
            })
        }
    };
    Ok(DocumentDiagnosticReportResult::Report(report))
}

/// A pulled diagnostics report: the same as the one the client has, or a new one.
enum PulledReport {
    Unchanged {
        result_id: String,
    },
    /// `items` is the JSON array of LSP diagnostics, shared with the record of the last
    /// report (a large file's is megabytes).
    Full {
        result_id: String,
        items: bytes::Bytes,
    },
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

fn snapshot_of(state: &Arc<Mutex<State>>, uri: &Url) -> Option<Snapshot> {
    let guard = lock(state);
    let entry = guard.documents.get(uri)?;
    Some(Snapshot {
        uri: uri.clone(),
        doc: entry.doc.clone(),
        settings: entry.settings.clone(),
        encoding: guard.encoding.unwrap_or(Encoding::Utf16),
        cache: entry.cache.clone(),
        lint_cache: entry.lint_cache.clone(),
        state: state.clone(),
    })
}

/// Whether `doc` is over the size the server lints.
fn over_size_limit(doc: &Document) -> bool {
    doc.text.len() as u64 > rlint_linter::DEFAULT_MAX_FILE_SIZE
}

/// What the user is told about a document over the size limit.
fn too_large_message(uri: &Url) -> String {
    format!(
        "rlint: {uri} is larger than {} MiB, the most rlint lints: no diagnostics for it",
        rlint_linter::DEFAULT_MAX_FILE_SIZE >> 20
    )
}

fn current_version(state: &Mutex<State>, uri: &Url) -> Option<i32> {
    lock(state).documents.get(uri).map(|e| e.doc.version)
}

/// Computes the diagnostics to publish for the current version (as the JSON array of LSP
/// diagnostics), or `None` when the document is gone or a newer version arrived meanwhile.
fn publishable(state: &Arc<Mutex<State>>, uri: &Url) -> Option<(Vec<u8>, i32)> {
    let snapshot = snapshot_of(state, uri)?;
    let version = snapshot.doc.version;
    let computed = catch_unwind(AssertUnwindSafe(|| {
        let diagnostics = snapshot.diagnostics();
        snapshot.diagnostics_json(&diagnostics)
    }));
    match computed {
        Ok(items) => (current_version(state, uri) == Some(version)).then_some((items, version)),
        Err(panic) => {
            crate::log(&format!(
                "internal error: linting {uri} panicked: {}",
                panic_message(&*panic)
            ));
            None
        }
    }
}

/// The publish message for the direct output; `None` (logged) if it cannot be written.
fn publish_body(uri: &Url, version: Option<i32>, items: Vec<u8>) -> Option<crate::direct::Pieces> {
    crate::direct::publish_diagnostics(uri, version, items)
        .map_err(|error| crate::log(&format!("internal error: publishing {uri}: {error}")))
        .ok()
}

/// Writes the publish of `items` for `version` unless the document changed or closed since.
/// The check and the write happen under the state lock, which `did_change` and `did_close`
/// take to update or remove the document: a close's empty publish then always comes after
/// (checking first and writing after releasing the lock let a stale list follow it).
fn publish_if_current(
    state: &Mutex<State>,
    output: &mpsc::UnboundedSender<crate::direct::Pieces>,
    uri: &Url,
    items: Vec<u8>,
    version: i32,
) {
    let Some(body) = publish_body(uri, Some(version), items) else {
        return;
    };
    let state = lock(state);
    if state.documents.get(uri).map(|e| e.doc.version) == Some(version) {
        // The receiver lives as long as the output task; if it is gone, so is the client.
        drop(output.send(body));
    }
}

/// Sends `textDocument/publishDiagnostics` with `items` (a JSON array of LSP diagnostics):
/// written directly when the server has its direct output, so that all publishes keep their
/// order there; through tower-lsp otherwise.
async fn publish(
    client: &Client,
    direct_output: Option<&mpsc::UnboundedSender<crate::direct::Pieces>>,
    uri: Url,
    items: Vec<u8>,
    version: Option<i32>,
) {
    match direct_output {
        Some(output) => {
            if let Some(body) = publish_body(&uri, version, items) {
                // The receiver lives as long as the output task; if it is gone, so is the client.
                drop(output.send(body));
            }
        }
        None => match serde_json::from_slice(&items) {
            Ok(diagnostics) => client.publish_diagnostics(uri, diagnostics, version).await,
            Err(error) => crate::log(&format!("internal error: publishing {uri}: {error}")),
        },
    }
}

impl Server {
    pub fn new(client: Client) -> Server {
        Server {
            client,
            state: Arc::new(Mutex::new(State::default())),
            direct_output: None,
        }
    }

    /// A server that writes the answers of the [`crate::direct::Direct`] requests to `output`.
    pub fn with_direct_output(
        client: Client,
        output: mpsc::UnboundedSender<crate::direct::Pieces>,
    ) -> Server {
        Server {
            direct_output: Some(output),
            ..Server::new(client)
        }
    }

    /// Answers a request renamed by the input guard ([`crate::direct`]): runs its usual
    /// handler and writes the response itself. An error goes back through tower-lsp.
    pub async fn direct(&self, request: crate::direct::DirectParams) -> Result<&'static str> {
        fn params<P: serde::de::DeserializeOwned>(params: serde_json::Value) -> Result<P> {
            serde_json::from_value(params).map_err(|error| Error::invalid_params(error.to_string()))
        }
        let Some(output) = &self.direct_output else {
            return Err(Error::method_not_found());
        };
        let id = &request.id;
        let Some(method) = Direct::from_method(&request.method) else {
            return Err(Error::method_not_found());
        };
        let body = match method {
            Direct::Diagnostic => match self.pull_report(params(request.params)?).await? {
                PulledReport::Full { result_id, items } => {
                    crate::direct::full_diagnostic_report(id, &result_id, &items)
                }
                unchanged => crate::direct::response(id, &report_result(unchanged)?),
            },
            Direct::DocumentSymbol => {
                let result = self.document_symbol(params(request.params)?).await?;
                crate::direct::response(id, &result)
            }
            Direct::SemanticTokensFull => {
                let result = self.semantic_tokens_full(params(request.params)?).await?;
                crate::direct::response(id, &result)
            }
        };
        let body = body.map_err(|error| {
            let mut failure = Error::internal_error();
            failure.message = format!("rlint: {}: {error}", request.method).into();
            failure
        })?;
        // The receiver lives as long as the output task; if it is gone, so is the client.
        let _ = output.send(body);
        Ok(crate::direct::SENT)
    }

    /// Starts the worker that publishes a document's diagnostics whenever it is triggered. At
    /// most one computation per document runs at a time, and triggers that arrive meanwhile
    /// collapse into one.
    fn spawn_worker(&self, uri: Url, mut receiver: watch::Receiver<i32>) {
        let state = self.state.clone();
        let client = self.client.clone();
        // A weak handle: the worker lives as long as its document, and a strong one would keep
        // the output open (and the server running) after the client said `exit`.
        let direct_output = self.direct_output.as_ref().map(|o| o.downgrade());
        tokio::spawn(async move {
            loop {
                let state_for_task = state.clone();
                let uri_for_task = uri.clone();
                let result =
                    crate::blocking::run(move || publishable(&state_for_task, &uri_for_task)).await;
                if let Some(Some((items, version))) = result {
                    match &direct_output {
                        Some(weak) => {
                            let Some(output) = weak.upgrade() else {
                                break; // the server is shutting down
                            };
                            publish_if_current(&state, &output, &uri, items, version);
                        }
                        None => {
                            if current_version(&state, &uri) == Some(version) {
                                publish(&client, None, uri.clone(), items, Some(version)).await;
                            }
                        }
                    }
                }
                if receiver.changed().await.is_err() {
                    break;
                }
            }
        });
    }

    /// The diagnostics report for a `textDocument/diagnostic` request, as JSON items:
    /// `unchanged` when the client's previous report (by result id) has the same items.
    async fn pull_report(&self, params: DocumentDiagnosticParams) -> Result<PulledReport> {
        let uri = params.text_document.uri;
        let items = self
            .with_snapshot("textDocument/diagnostic", &uri, |snapshot| {
                let diagnostics = snapshot.diagnostics();
                snapshot.diagnostics_json(&diagnostics)
            })
            .await?
            .unwrap_or_else(|| b"[]".to_vec());
        let mut state = lock(&self.state);
        if let Some((result_id, reported)) = state.diagnostic_reports.get(&uri) {
            if params.previous_result_id.as_ref() == Some(result_id) && reported[..] == items[..] {
                return Ok(PulledReport::Unchanged {
                    result_id: result_id.clone(),
                });
            }
        }
        state.next_result_id += 1;
        let result_id = state.next_result_id.to_string();
        let items = bytes::Bytes::from(items);
        state
            .diagnostic_reports
            .insert(uri, (result_id.clone(), items.clone()));
        Ok(PulledReport::Full { result_id, items })
    }

    /// Runs `work` on a snapshot of `uri` on the blocking pool, with panics turned into an
    /// internal error. `None` when the document is not open.
    async fn with_snapshot<T: Send + 'static>(
        &self,
        method: &'static str,
        uri: &Url,
        work: impl FnOnce(&Snapshot) -> T + Send + 'static,
    ) -> Result<Option<T>> {
        let Some(snapshot) = snapshot_of(&self.state, uri) else {
            return Ok(None);
        };
        let joined = crate::blocking::run(move || {
            catch_unwind(AssertUnwindSafe(|| work(&snapshot))).map_err(|p| panic_message(&*p))
        })
        .await;
        match joined {
            Some(Ok(value)) => Ok(Some(value)),
            Some(Err(message)) => {
                crate::log(&format!("internal error: {method} panicked: {message}"));
                let mut error = Error::internal_error();
                error.message = format!("rlint: {method} failed: {message}").into();
                Err(error)
            }
            None => {
                crate::log(&format!(
                    "internal error: {method}: the work did not finish"
                ));
                Err(Error::internal_error())
            }
        }
    }

    async fn log_to_client(&self, message: String) {
        crate::log(&message);
        self.client.log_message(MessageType::WARNING, message).await;
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("rlint".to_string()),
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(FIX_ALL_KIND),
            ]),
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["=", "$", "{", "-", ","].map(str::to_string).to_vec()),
            ..CompletionOptions::default()
        }),
        signature_help_provider: Some(SignatureHelpOptions {
            trigger_characters: Some(vec![" ".to_string()]),
            retrigger_characters: None,
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        document_on_type_formatting_provider: Some(DocumentOnTypeFormattingOptions {
            first_trigger_character: "\n".to_string(),
            more_trigger_character: None,
        }),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: crate::semantic::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            },
        )),
        ..ServerCapabilities::default()
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offers_utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|encodings| encodings.contains(&PositionEncodingKind::UTF8));
        let encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let init = match params.initialization_options {
            Some(value) => match serde_json::from_value::<InitOptions>(value) {
                Ok(init) => init,
                Err(error) => {
                    crate::log(&format!("ignoring invalid initializationOptions: {error}"));
                    InitOptions::default()
                }
            },
            None => InitOptions::default(),
        };
        let client_configuration = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.configuration)
            .unwrap_or(false);
        let snippets = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.snippet_support)
            .unwrap_or(false);
        let client_pulls = params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let diagnostic_refresh = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostic.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        let watch_dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        {
            let mut state = lock(&self.state);
            state.encoding = Some(encoding);
            state.config.init = init;
            state.watch_dynamic = watch_dynamic;
            state.snippets = snippets;
            state.client_configuration = client_configuration;
            state.client_pulls = client_pulls;
            state.diagnostic_refresh = diagnostic_refresh;
        }
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "rlint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if !lock(&self.state).watch_dynamic {
            return;
        }
        let watchers = rlint_workspace::CONFIG_NAMES
            .iter()
            .map(|name| format!("**/{name}"))
            .chain(rlint_workspace::dockerignore::WATCH_GLOBS.map(str::to_string))
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "rlint-watched-files".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(error) = self.client.register_capability(vec![registration]).await {
            crate::log(&format!(
                "cannot watch config and .dockerignore files: {error}"
            ));
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let uri = item.uri.clone();
        let opened = catch_unwind(AssertUnwindSafe(|| {
            let mut state = lock(&self.state);
            let (settings, config_error) = state.config.settings_for(&uri);
            let doc = Document::new(item.text, item.version);
            let too_large = over_size_limit(&doc);
            let (trigger, receiver) = watch::channel(item.version);
            state.documents.insert(
                uri.clone(),
                DocState {
                    doc,
                    settings,
                    cache: None,
                    trigger,
                    lint_cache: Arc::default(),
                    client_options: None,
                },
            );
            (receiver, config_error, too_large)
        }));
        match opened {
            Ok((receiver, config_error, too_large)) => {
                // A pulling client asks for diagnostics itself; pushing them too would lint,
                // convert and send every version twice.
                if !lock(&self.state).client_pulls {
                    self.spawn_worker(uri.clone(), receiver);
                }
                let too_large = too_large.then(|| too_large_message(&uri));
                self.fetch_client_settings(vec![uri]);
                if let Some(error) = config_error {
                    self.log_to_client(format!("config error (defaults used): {error}"))
                        .await;
                }
                if let Some(message) = too_large {
                    self.client
                        .show_message(MessageType::WARNING, message)
                        .await;
                }
            }
            Err(panic) => {
                crate::log(&format!(
                    "internal error: opening {uri} panicked: {}",
                    panic_message(&*panic)
                ));
            }
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Everything happens before the first `.await`, under the lock, in order.
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let changed = catch_unwind(AssertUnwindSafe(|| {
            let mut state = lock(&self.state);
            let encoding = state.encoding.unwrap_or(Encoding::Utf16);
            let entry = state.documents.get_mut(&uri)?;
            let mut doc = entry.doc.clone();
            for change in params.content_changes {
                doc.apply_change(change.range, change.text, encoding);
            }
            let was_linted = !over_size_limit(&entry.doc);
            doc.version = version;
            entry.doc = doc;
            entry.cache = None;
            let _ = entry.trigger.send(version);
            Some(was_linted && over_size_limit(&entry.doc))
        }));
        match changed {
            Ok(Some(false)) => {}
            Ok(Some(true)) => {
                // Its diagnostics are about to disappear: say why, as opening such a file does.
                self.client
                    .show_message(MessageType::WARNING, too_large_message(&uri))
                    .await;
            }
            Ok(None) => crate::log(&format!("ignoring a change to {uri}, which is not open")),
            Err(panic) => crate::log(&format!(
                "internal error: applying a change to {uri} panicked: {}",
                panic_message(&*panic)
            )),
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = {
            let mut state = lock(&self.state);
            state.semantic_tokens.remove(&uri);
            state.diagnostic_reports.remove(&uri);
            state.documents.remove(&uri).is_some()
        };
        if removed {
            let output = self.direct_output.as_ref();
            publish(&self.client, output, uri, b"[]".to_vec(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let (uris, pull) = {
            let state = lock(&self.state);
            let uris: Vec<Url> = state.documents.keys().cloned().collect();
            (uris, state.client_configuration)
        };
        if pull {
            self.fetch_client_settings(uris);
            return;
        }
        // Clients without `workspace/configuration` push `{ "rlint": { .. } }` here.
        let Some(value) = params.settings.get("rlint").cloned() else {
            return;
        };
        match serde_json::from_value::<InitOptions>(value) {
            Ok(options) => {
                let changed = {
                    let mut state = lock(&self.state);
                    let mut changed = false;
                    for uri in uris {
                        changed |= apply_client_options(&mut state, &uri, options.clone());
                    }
                    changed
                };
                if changed {
                    refresh_pulled_diagnostics(&self.client, &self.state).await;
                }
            }
            Err(error) => {
                self.log_to_client(format!("ignoring invalid rlint settings: {error}"))
                    .await
            }
        }
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        let errors = {
            let mut guard = lock(&self.state);
            let state = &mut *guard;
            state.config.reset();
            let mut errors = Vec::new();
            for (uri, entry) in &mut state.documents {
                let (settings, error) = state
                    .config
                    .settings_with(uri, entry.client_options.as_ref());
                errors.extend(error);
                entry.settings = settings;
                entry.cache = None;
                let _ = entry.trigger.send(entry.doc.version);
            }
            errors.sort();
            errors.dedup();
            errors
        };
        for error in errors {
            self.log_to_client(format!("config error (defaults used): {error}"))
                .await;
        }
        refresh_pulled_diagnostics(&self.client, &self.state).await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        report_result(self.pull_report(params).await?)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        Ok(self
            .with_snapshot("textDocument/codeAction", &uri, move |snapshot| {
                crate::actions::code_actions(snapshot, &params)
            })
            .await?
            .flatten())
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params.position;
        let uri = params.text_document_position_params.text_document.uri;
        Ok(self
            .with_snapshot("textDocument/hover", &uri, move |snapshot| {
                crate::hover::hover(snapshot, position)
            })
            .await?
            .flatten())
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        Ok(self
            .with_snapshot("textDocument/documentSymbol", &uri, |snapshot| {
                DocumentSymbolResponse::Nested(crate::outline::symbols(snapshot))
            })
            .await?)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let uri = params.text_document.uri;
        self.with_snapshot("textDocument/foldingRange", &uri, crate::outline::folding)
            .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position.position;
        let uri = params.text_document_position.text_document.uri;
        let snippets = lock(&self.state).snippets;
        Ok(self
            .with_snapshot("textDocument/completion", &uri, move |snapshot| {
                crate::complete::completion(snapshot, position)
                    .or_else(|| crate::outline::completion(snapshot, position))
                    .map(|items| {
                        if snippets {
                            crate::complete::with_snippets(items)
                        } else {
                            items
                        }
                    })
            })
            .await?
            .flatten()
            .map(CompletionResponse::Array))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params.position;
        let uri = params.text_document_position_params.text_document.uri;
        Ok(self
            .with_snapshot("textDocument/definition", &uri, move |snapshot| {
                crate::navigation::definition(snapshot, position)
            })
            .await?
            .flatten()
            .map(GotoDefinitionResponse::Array))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position.position;
        let uri = params.text_document_position.text_document.uri;
        let include = params.context.include_declaration;
        Ok(self
            .with_snapshot("textDocument/references", &uri, move |snapshot| {
                crate::navigation::references(snapshot, position, include)
            })
            .await?
            .flatten())
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let position = params.text_document_position_params.position;
        let uri = params.text_document_position_params.text_document.uri;
        Ok(self
            .with_snapshot("textDocument/documentHighlight", &uri, move |snapshot| {
                crate::navigation::highlight(snapshot, position)
            })
            .await?
            .flatten())
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let position = params.position;
        let uri = params.text_document.uri;
        Ok(self
            .with_snapshot("textDocument/prepareRename", &uri, move |snapshot| {
                crate::navigation::prepare_rename(snapshot, position)
            })
            .await?
            .flatten())
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position.position;
        let uri = params.text_document_position.text_document.uri;
        let new_name = params.new_name;
        match self
            .with_snapshot("textDocument/rename", &uri, move |snapshot| {
                crate::navigation::rename(snapshot, position, &new_name)
            })
            .await?
        {
            None => Ok(None),
            Some(Ok(edit)) => Ok(edit),
            Some(Err(message)) => Err(Error::invalid_params(message)),
        }
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let uri = params.text_document.uri;
        self.with_snapshot("textDocument/documentLink", &uri, crate::navigation::links)
            .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let uri = params.text_document.uri;
        let range = params.range;
        self.with_snapshot("textDocument/inlayHint", &uri, move |snapshot| {
            crate::navigation::inlay_hints(snapshot, range)
        })
        .await
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let position = params.text_document_position_params.position;
        let uri = params.text_document_position_params.text_document.uri;
        Ok(self
            .with_snapshot("textDocument/signatureHelp", &uri, move |snapshot| {
                crate::complete::signature_help(snapshot, position)
            })
            .await?
            .flatten())
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let options = params.options;
        self.with_snapshot("textDocument/formatting", &uri, move |snapshot| {
            crate::formatting::formatting(snapshot, &options)
        })
        .await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let range = params.range;
        let options = params.options;
        self.with_snapshot("textDocument/rangeFormatting", &uri, move |snapshot| {
            crate::formatting::range_formatting(snapshot, range, &options)
        })
        .await
    }

    async fn on_type_formatting(
        &self,
        params: DocumentOnTypeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let position = params.text_document_position.position;
        let uri = params.text_document_position.text_document.uri;
        let options = params.options;
        self.with_snapshot("textDocument/onTypeFormatting", &uri, move |snapshot| {
            crate::formatting::on_type_formatting(snapshot, position, &options)
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(self
            .full_tokens(&params.text_document.uri)
            .await?
            .map(|(result_id, data)| {
                SemanticTokensResult::Tokens(SemanticTokens {
                    result_id: Some(result_id),
                    data,
                })
            }))
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let previous = lock(&self.state).semantic_tokens.get(&uri).cloned();
        let Some((result_id, data)) = self.full_tokens(&uri).await? else {
            return Ok(None);
        };
        Ok(Some(match previous {
            Some((previous_id, old)) if previous_id == params.previous_result_id => {
                SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                    result_id: Some(result_id),
                    edits: crate::semantic::delta(&old, &data),
                })
            }
            _ => SemanticTokensFullDeltaResult::Tokens(SemanticTokens {
                result_id: Some(result_id),
                data,
            }),
        }))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let uri = params.text_document.uri;
        let range = params.range;
        Ok(self
            .with_snapshot("textDocument/semanticTokens/range", &uri, move |snapshot| {
                let range = snapshot.doc.text_range(range, snapshot.encoding);
                crate::semantic::tokens(&snapshot.doc, snapshot.encoding, Some(range))
            })
            .await?
            .map(|data| {
                SemanticTokensRangeResult::Tokens(SemanticTokens {
                    result_id: None,
                    data,
                })
            }))
    }
}

/// Tells a pulling client to pull again after settings changed (it cannot see the change);
/// pushing clients get new diagnostics from the documents' workers instead.
async fn refresh_pulled_diagnostics(client: &Client, state: &Mutex<State>) {
    let wanted = {
        let state = lock(state);
        state.client_pulls && state.diagnostic_refresh
    };
    if wanted {
        if let Err(error) = client.workspace_diagnostic_refresh().await {
            crate::log(&format!("workspace/diagnostic/refresh failed: {error}"));
        }
    }
}

/// Sets a document's client settings and relints it; returns whether they changed (the
/// settings fetched for every opened document are usually the ones already in effect).
fn apply_client_options(state: &mut State, uri: &Url, options: InitOptions) -> bool {
    let current = match state.documents.get(uri) {
        None => return false,
        Some(entry) => entry.client_options.as_ref().unwrap_or(&state.config.init),
    };
    if *current == options {
        return false;
    }
    let (settings, _) = state.config.settings_with(uri, Some(&options));
    let Some(entry) = state.documents.get_mut(uri) else {
        return false;
    };
    entry.client_options = Some(options);
    entry.settings = settings;
    entry.cache = None;
    let _ = entry.trigger.send(entry.doc.version);
    true
}

impl Server {
    /// Asks the client for the `rlint` settings of each document (when it supports
    /// `workspace/configuration`), then relints the documents whose settings it gave.
    fn fetch_client_settings(&self, uris: Vec<Url>) {
        if uris.is_empty() || !lock(&self.state).client_configuration {
            return;
        }
        let client = self.client.clone();
        let state = self.state.clone();
        tokio::spawn(async move {
            let items = uris
                .iter()
                .map(|uri| ConfigurationItem {
                    scope_uri: Some(uri.clone()),
                    section: Some("rlint".to_string()),
                })
                .collect();
            let values = match client.configuration(items).await {
                Ok(values) => values,
                Err(error) => {
                    crate::log(&format!("workspace/configuration failed: {error}"));
                    return;
                }
            };
            let mut errors = Vec::new();
            let mut changed = false;
            {
                let mut guard = lock(&state);
                let state = &mut *guard;
                for (uri, value) in uris.iter().zip(values) {
                    if value.is_null() {
                        continue;
                    }
                    let options = match serde_json::from_value::<InitOptions>(value) {
                        Ok(options) => options,
                        Err(error) => {
                            errors.push(format!("ignoring invalid rlint settings: {error}"));
                            continue;
                        }
                    };
                    changed |= apply_client_options(state, uri, options);
                }
            }
            for error in errors {
                crate::log(&error);
            }
            if changed {
                refresh_pulled_diagnostics(&client, &state).await;
            }
        });
    }

    /// Full semantic tokens of `uri`, remembered for the next delta request.
    async fn full_tokens(&self, uri: &Url) -> Result<Option<(String, Vec<SemanticToken>)>> {
        let Some(data) = self
            .with_snapshot("textDocument/semanticTokens/full", uri, |snapshot| {
                crate::semantic::tokens(&snapshot.doc, snapshot.encoding, None)
            })
            .await?
        else {
            return Ok(None);
        };
        let mut state = lock(&self.state);
        state.next_result_id += 1;
        let result_id = state.next_result_id.to_string();
        state
            .semantic_tokens
            .insert(uri.clone(), (result_id.clone(), data.clone()));
        Ok(Some((result_id, data)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Opens `text` as a Dockerfile in `server`; returns its URI.
    async fn open(server: &Server, text: &str) -> Url {
        let uri = Url::parse("file:///nonexistent/rlint-test/Dockerfile").expect("uri");
        server
            .did_open(DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(
                    uri.clone(),
                    "dockerfile".to_string(),
                    1,
                    text.to_string(),
                ),
            })
            .await;
        uri
    }

    #[tokio::test]
    async fn diagnostics_of_old_settings_are_not_kept_after_a_settings_change() {
        let (service, _socket) = tower_lsp::LspService::new(Server::new);
        let server = service.inner();
        let uri = open(server, "FROM ubuntu\n").await;
        // A lint that started before the settings changed (same document version) ...
        let stale = snapshot_of(&server.state, &uri).expect("open");
        {
            let mut state = lock(&server.state);
            let entry = state.documents.get_mut(&uri).expect("open");
            entry.settings = Arc::new(Settings {
                ignore: vec![rlint_linter::Selector("DL3006".to_string())],
                ..Settings::default()
            });
            entry.cache = None;
        }
        let old = stale.diagnostics();
        assert!(old.iter().any(|d| d.code == "DL3006"));
        // ... must not become the diagnostics of the new settings.
        assert!(lock(&server.state).documents[&uri].cache.is_none());
        let fresh = snapshot_of(&server.state, &uri)
            .expect("open")
            .diagnostics();
        assert!(fresh.iter().all(|d| d.code != "DL3006"), "{fresh:?}");
    }

    #[tokio::test]
    async fn a_panic_in_a_request_becomes_an_internal_error() {
        let (service, _socket) = tower_lsp::LspService::new(Server::new);
        let server = service.inner();
        let uri = open(server, "FROM alpine:3.19\n").await;
        let failed = server
            .with_snapshot("test/panic", &uri, |_| -> () { panic!("boom") })
            .await;
        let error = failed.expect_err("a panic is an error answer");
        assert_eq!(error.code, tower_lsp::jsonrpc::ErrorCode::InternalError);
        assert!(error.message.contains("boom"), "{}", error.message);
        // The document and the server are still usable.
        let hover = server
            .hover(HoverParams {
                text_document_position_params: TextDocumentPositionParams::new(
                    TextDocumentIdentifier::new(uri),
                    Position::new(0, 1),
                ),
                work_done_progress_params: WorkDoneProgressParams::default(),
            })
            .await
            .expect("hover answers");
        assert!(hover.is_some());
    }
}
