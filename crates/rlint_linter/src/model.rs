//! The semantic model of a Dockerfile: stages and the graph between them, ARG/ENV scopes with
//! value resolution, effective SHELL, and the shell commands of every RUN, with every shell
//! word mapped back to its exact source range.
//!
//! Built once per file from a parse; rules only read it. Follows BuildKit's semantics
//! (`shared/design/reference/buildkit.md` section 8): global ARGs before the first FROM are
//! visible only to FROM lines unless redeclared in a stage; stage names compare lower-cased;
//! `ENV` wins over `ARG`; a stage built `FROM` another inherits its ARGs, ENVs and SHELL.

use crate::incremental::{ByNode, InstructionCache};
use rlint_shell::Script;
use rlint_syntax::ast::{self, AstNode, Command, ImageRef, Instruction, LogicalText};
use rlint_syntax::expand::{self, ExpandOptions};
use rlint_syntax::{Parse, SyntaxKind, TextRange, TextSize};
use std::collections::HashMap;
use std::ops::Range;

/// The platform the BuildKit reference data was checked for (`docker build --check` on
/// linux/amd64).
pub(crate) const TARGET_PLATFORM: &str = "linux/amd64";

/// Values of the automatic platform ARGs for a linux/amd64 build on a linux/amd64 host.
const AUTOMATIC_VALUES: &[(&str, &str)] = &[
    ("TARGETPLATFORM", TARGET_PLATFORM),
    ("TARGETOS", "linux"),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("BUILDPLATFORM", TARGET_PLATFORM),
    ("BUILDOS", "linux"),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
    ("TARGETSTAGE", "default"),
];

/// Expands `text` with `env` like BuildKit's `ProcessWordWithMatches`.
pub(crate) fn expand_with(
    text: &str,
    env: &impl expand::Env,
    escape: char,
) -> Option<expand::Expansion> {
    expand::process_word(
        text,
        env,
        ExpandOptions {
            escape,
            case_insensitive: false,
        },
    )
    .ok()
}

/// The sources and the destination of a local `COPY` or `ADD` (see [`Model::local_copy`]).
pub type LocalCopy = (Vec<String>, String);

/// See [`Model::local_copy`].
fn local_copy_of(instruction: &Instruction) -> Option<LocalCopy> {
    let mut paths = match instruction {
        Instruction::Copy(copy) if instruction.flag("--from").is_none() => copy.paths(),
        Instruction::Add(add) => add.paths(),
        _ => return None,
    };
    let (destination, _) = paths.pop()?;
    let sources = paths.into_iter().map(|(s, _)| s).collect::<Vec<_>>();
    (!sources.is_empty()).then_some((sources, destination))
}

/// The chain of parents above stage `idx`, nearest first, by `parent_of`. Parents are earlier
/// stages, so the walk descends; checking that (rather than searching the chain for a cycle)
/// keeps a long chain linear.
fn walk_parents(idx: usize, parent_of: impl Fn(usize) -> Option<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut below = idx;
    let mut current = parent_of(idx);
    while let Some(i) = current {
        if i >= below {
            break;
        }
        out.push(i);
        below = i;
        current = parent_of(i);
    }
    out
}

/// ARGs BuildKit defines without a declaration (their values depend on the build).
pub const AUTOMATIC_ARGS: &[&str] = &[
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "TARGETOSVERSION",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "BUILDOSVERSION",
    "TARGETSTAGE",
];

/// The value of a variable at some point of the file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// Known from the Dockerfile alone.
    Known(String),
    /// Declared, but its value depends on the build (an ARG without default, an automatic ARG,
    /// or a value built from unknown parts).
    Unknown,
}

impl Value {
    pub fn known(&self) -> Option<&str> {
        match self {
            Value::Known(v) => Some(v),
            Value::Unknown => None,
        }
    }
}

/// Variables in scope: ARGs and ENVs by name.
///
/// The model keeps a scope per instruction. The map is persistent (a hash trie whose nodes the
/// versions share): a copy is O(1) and an ARG or ENV copies only the path to its entry, where
/// a copy-on-write `HashMap` copied every variable, quadratic in a stage's ARG/ENV count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Shared names and bindings: a write copies the map's nodes on its path, and a node holds
    /// many entries, which are then reference counts to bump rather than strings to copy.
    vars: Vars,
    /// A hash of the names, values and kinds in scope (not where they were declared), kept up
    /// to date by `set`: equal variables give equal hashes wherever they are in the file.
    hash: u64,
}

/// The map behind [`Scope`]. Its hasher only places entries (the content hash that caches
/// rely on is computed separately), so the cheaper FxHash serves instead of SipHash.
type Vars = imbl::GenericHashMap<
    std::sync::Arc<str>,
    // With its share of the content hash, so replacing it needs no hashing of the old one.
    (std::sync::Arc<Binding>, u64),
    std::hash::BuildHasherDefault<rustc_hash::FxHasher>,
    imbl::shared_ptr::DefaultSharedPtr,
>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub value: Value,
    pub is_env: bool,
    /// Where it was declared.
    pub range: TextRange,
}

impl Scope {
    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.vars.get(name).map(|(b, _)| &**b)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.vars.get(name).and_then(|(b, _)| b.value.known())
    }

    pub fn contains(&self, name: &str) -> bool {
        self.vars.contains_key(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars.keys().map(|name| &**name)
    }

    fn set(&mut self, name: String, binding: Binding) {
        let hash = variable_hash(&name, &binding);
        self.set_hashed(name.into(), std::sync::Arc::new(binding), hash);
    }

    /// [`Scope::set`] with the variable's [`variable_hash`] worked out.
    fn set_hashed(
        &mut self,
        name: std::sync::Arc<str>,
        binding: std::sync::Arc<Binding>,
        hash: u64,
    ) {
        let old = self.vars.get(&*name);
        // ENV of the same name wins over ARG.
        if !binding.is_env && old.is_some_and(|(b, _)| b.is_env) {
            return;
        }
        // The hash is a sum over the variables, so one can be replaced without rehashing all.
        let removed = old.map_or(0, |(_, hash)| *hash);
        self.vars.insert(name, (binding, hash));
        self.hash = self.hash.wrapping_add(hash).wrapping_sub(removed);
    }

    /// Identifies the variables in scope (names, values, ARG or ENV) for caches: equal scopes
    /// have equal hashes.
    pub fn content_hash(&self) -> u64 {
        self.hash
    }

    /// Expands `text` (BuildKit word rules); unknown variables make the result unknown.
    pub fn expand(&self, text: &str, escape: char) -> Value {
        struct Lookup<'a>(&'a Scope);
        impl expand::Env for Lookup<'_> {
            fn get(&self, name: &str) -> Option<&str> {
                self.0.value(name)
            }
        }
        match expand::process_word(
            text,
            &Lookup(self),
            ExpandOptions {
                escape,
                case_insensitive: false,
            },
        ) {
            Ok(expansion) if expansion.unmatched.is_empty() => Value::Known(expansion.value),
            _ => Value::Unknown,
        }
    }
}

/// The `from=` values of a `--mount` value.
fn mount_sources(mount: &str) -> impl Iterator<Item = &str> {
    mount
        .split(',')
        .filter_map(|field| match field.split_once('=') {
            Some(("from", value)) => Some(value),
            _ => None,
        })
}

/// [`Model::context_hash`] of one instruction, from its scope and [`shell_context`].
/// `in_stage` is false before the first FROM, where BuildKit and several rules treat
/// instructions differently.
fn context_hash(scope: &Scope, shell: u64, in_stage: bool) -> u64 {
    (scope.content_hash() ^ shell.rotate_left(32) ^ u64::from(in_stage))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The SHELL in effect and the escape character, hashed once per change.
fn shell_context(shell: Option<&[String]>, escape: char) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    shell.hash(&mut hasher);
    escape.hash(&mut hasher);
    hasher.finish()
}

/// Whether `text` references variable `name` as `$name` or `${name`.
pub fn references_variable(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = text[from..].find('$') {
        let at = from + pos + 1;
        let rest = &text[at..];
        let rest = rest.strip_prefix('{').unwrap_or(rest);
        if let Some(after) = rest.strip_prefix(name) {
            let next = after.bytes().next();
            if !next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return true;
            }
        }
        from = at;
        if from >= bytes.len() {
            break;
        }
    }
    false
}

/// A `COPY --from` or `RUN --mount=from=` value of a stage.
#[derive(Debug)]
struct FromReference {
    /// Its instruction's index in [`Model::instructions`].
    instruction: usize,
    /// The value as written.
    written: String,
    /// The stage it names as written ([`Model::stage_ref`]).
    names: Option<usize>,
}

/// Whether any token of `node` contains `c` (without building red nodes).
fn green_contains(node: &rowan::GreenNodeData, c: char) -> bool {
    node.children().any(|child| match child {
        rowan::NodeOrToken::Node(node) => green_contains(node, c),
        rowan::NodeOrToken::Token(token) => token.text().contains(c),
    })
}

/// Whether a stage's image is a Windows one (Server Core, Nano Server).
fn windows_image(stage: &Stage) -> bool {
    let image = match &stage.image {
        Some(image) => format!(
            "{}:{}",
            image.repository,
            image.tag.as_deref().unwrap_or("")
        ),
        None => stage.image_text.clone(),
    }
    .to_ascii_lowercase();
    ["windows", "nanoserver", "servercore"]
        .iter()
        .any(|it| image.contains(it))
}

/// A USER instruction's share of the context hash of the instructions after it: its first
/// argument and the variables it is expanded with, which decide the user in effect.
fn user_context(user: &Instruction, scope: &Scope) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    user.arguments()
        .next()
        .map(|a| a.text().text)
        .hash(&mut hasher);
    scope.content_hash().hash(&mut hasher);
    hasher.finish() | 1
}

/// One variable's share of [`Scope::content_hash`]: its name, value and kind, not its place.
fn variable_hash(name: &str, binding: &Binding) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    name.hash(&mut hasher);
    binding.value.hash(&mut hasher);
    binding.is_env.hash(&mut hasher);
    hasher.finish()
}

/// What [`Model::inherits`] looks for above a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inherit {
    /// A WORKDIR, along the parents as written (`FROM <stage>`).
    WorkdirAsWritten,
    /// A WORKDIR, along the parents as BuildKit resolves FROM ([`Model::buildkit_parents`]).
    WorkdirForBuildkit,
    /// A SHELL, along the parents as BuildKit resolves FROM.
    ShellForBuildkit,
}

/// What a stage is built on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// `FROM scratch`.
    Scratch,
    /// An earlier stage.
    Stage(usize),
    /// An image (possibly unresolvable when its reference uses unknown ARGs).
    Image,
}

/// One build stage.
#[derive(Debug, Clone)]
pub struct Stage {
    pub index: usize,
    pub from: ast::FromInstruction,
    /// Index of the FROM in [`Model::instructions`].
    pub from_index: usize,
    /// The name after `AS`, as written.
    pub name: Option<String>,
    /// The image argument as written (continuations removed).
    pub image_text: String,
    /// The image reference with global ARG defaults substituted, when they resolve.
    pub image: Option<ImageRef>,
    pub image_range: Option<TextRange>,
    pub base: Base,
    /// Indices in [`Model::instructions`] of the stage's instructions after its FROM.
    pub body: Range<usize>,
    /// Variables at the end of the stage.
    pub final_scope: Scope,
    /// The effective SHELL at the end of the stage (inherited from a parent stage).
    pub shell: Option<Vec<String>>,
    /// `name` lower-cased, as BuildKit compares stage names.
    lower: Option<String>,
    /// The USER in effect at the end of the stage, as its share of context hashes (see
    /// [`user_context`]; 0 for none).
    user: u64,
}

impl Stage {
    /// The stage name lower-cased, as BuildKit compares names.
    pub fn name_lower(&self) -> Option<String> {
        self.lower.clone()
    }

    /// Whether the stage's name, lower-cased, is `lower` (stage lookups run for every FROM and
    /// `--from`, so the lower-cased name is kept).
    pub fn has_lower_name(&self, lower: &str) -> bool {
        self.lower.as_deref() == Some(lower)
    }

    /// The image the stage is built on, when it is an image (not a stage or `scratch`) whose
    /// reference resolves, with the range of the image argument.
    pub fn resolved_image(&self) -> Option<(&ImageRef, TextRange)> {
        if self.base != Base::Image {
            return None;
        }
        Some((self.image.as_ref()?, self.image_range?))
    }
}

/// Maps byte ranges of a shell script back to the source.
#[derive(Debug, Clone)]
pub enum SourceMap {
    /// The script is a logical text (shell form).
    Logical(LogicalText),
    /// The script is a contiguous piece of the source starting here (heredoc body, plain
    /// JSON string).
    Offset(TextSize, TextSize),
    /// The script was assembled from pieces (exec form); each maps to a source range.
    Pieces(Vec<(Range<usize>, TextRange)>),
}

impl SourceMap {
    pub fn to_source(&self, range: Range<usize>) -> TextRange {
        match self {
            SourceMap::Logical(text) => text.range_to_source(range),
            SourceMap::Offset(start, end) => {
                let s = (*start + TextSize::from(range.start as u32)).min(*end);
                let e = (*start + TextSize::from(range.end as u32)).min(*end);
                TextRange::new(s, e.max(s))
            }
            SourceMap::Pieces(pieces) => {
                let mut out: Option<TextRange> = None;
                for (piece, source) in pieces {
                    let overlaps = piece.start < range.end.max(range.start + 1)
                        && range.start < piece.end.max(piece.start + 1);
                    if overlaps {
                        out = Some(out.map_or(*source, |r| r.cover(*source)));
                    }
                }
                out.unwrap_or_else(|| pieces.first().map_or(TextRange::default(), |p| p.1))
            }
        }
    }
}

/// A shell script run by a RUN instruction (its command, or a heredoc body it runs), as
/// analysed: the fields read through [`RunScript`].
#[derive(Debug)]
pub struct ScriptData {
    pub text: String,
    pub script: Script,
    /// Where the script's bytes are in the source as it was when the script was analysed; use
    /// [`RunScript::range`], which knows where the instruction is now.
    pub map: SourceMap,
    /// The shell that runs it (the stage's SHELL, else `/bin/sh -c`).
    pub shell: Vec<String>,
    /// From a heredoc body rather than the command line.
    pub heredoc: bool,
}

/// An analysed script and where its instruction is: the analysis is shared (a reference
/// count), so the language server can keep it for an instruction an edit only moved.
#[derive(Debug, Clone)]
pub struct RunScript {
    data: std::sync::Arc<ScriptData>,
    /// How far the instruction moved since the script was analysed.
    shift: i64,
}

impl From<ScriptData> for RunScript {
    fn from(data: ScriptData) -> RunScript {
        RunScript {
            data: std::sync::Arc::new(data),
            shift: 0,
        }
    }
}

impl std::ops::Deref for RunScript {
    type Target = ScriptData;
    fn deref(&self) -> &ScriptData {
        &self.data
    }
}

impl RunScript {
    /// The source range of `range` (bytes of the script's text).
    pub fn range(&self, range: &Range<usize>) -> TextRange {
        let analysed = self.data.map.to_source(range.clone());
        if self.shift == 0 {
            return analysed;
        }
        let moved =
            |offset: TextSize| TextSize::from((i64::from(u32::from(offset)) + self.shift) as u32);
        TextRange::new(moved(analysed.start()), moved(analysed.end()))
    }
}

/// A RUN instruction (top-level or an ONBUILD trigger) with its analysed scripts.
#[derive(Debug, Clone)]
pub struct Run {
    pub instruction: Instruction,
    /// Index in [`Model::instructions`] (of the ONBUILD for a trigger).
    pub index: usize,
    pub stage: Option<usize>,
    pub onbuild: bool,
    pub exec_form: bool,
    /// Empty when the stage's SHELL is not POSIX (pwsh, cmd): shell rules do not apply.
    pub scripts: Vec<RunScript>,
    /// A heredoc of the RUN has no delimiter line (RL1003): its "body" is the rest of the file,
    /// left out of `scripts`, so the RUN's commands are not all known.
    pub unterminated_heredoc: bool,
    /// The `--mount` values (quotes removed), read once: many rules look at cache mounts.
    /// Shared with the language server's cache, which keeps them across edits.
    pub mounts: std::sync::Arc<[String]>,
    /// The [`program_bit`]s of the programs its commands run: package rules ask each RUN for
    /// one program (`apt-get`, `yum`, `pip`) that most RUNs never run.
    programs: u64,
}

/// One bit of 64 for a program name; a RUN's [`Run::programs`] has the bits of its programs, so
/// a clear bit rules a program out without walking the commands.
fn program_bit(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    name.hash(&mut hasher);
    1 << (hasher.finish() >> 58)
}

/// [`Run::programs`] of `scripts`.
fn programs_of(scripts: &[RunScript]) -> u64 {
    commands_of(scripts)
        .filter_map(|(_, command)| command.name_str())
        .fold(0, |bits, name| bits | program_bit(name))
}

/// Every simple command of `scripts`, with the script it belongs to.
fn commands_of(
    scripts: &[RunScript],
) -> impl Iterator<Item = (&RunScript, &rlint_shell::SimpleCommand)> {
    scripts
        .iter()
        .flat_map(|s| s.script.commands.iter().map(move |c| (s, c)))
}

impl Run {
    /// Every simple command of every script, with the script it belongs to.
    pub fn commands(&self) -> impl Iterator<Item = (&RunScript, &rlint_shell::SimpleCommand)> {
        commands_of(&self.scripts)
    }

    /// Whether one of the commands may run one of `programs` (by basename); `false` is
    /// certain, `true` may be a false alarm. Lets a rule looking for a few programs skip the
    /// RUNs that run none of them without walking their commands.
    pub fn may_run_any(&self, programs: &[&str]) -> bool {
        programs
            .iter()
            .any(|program| self.programs & program_bit(program) != 0)
    }

    /// Every simple command whose program is `program` (e.g. `zypper`), with its script.
    pub fn commands_named<'a>(
        &'a self,
        program: &'a str,
    ) -> impl Iterator<Item = (&'a RunScript, &'a rlint_shell::SimpleCommand)> + 'a {
        let scripts = if self.may_run_any(&[program]) {
            &self.scripts[..]
        } else {
            &[]
        };
        commands_of(scripts).filter(move |(_, command)| command.name_str() == Some(program))
    }

    /// Every `program subcommand ...` command (e.g. `apt-get install`) with its parsed options:
    /// the walk most package rules start from.
    pub fn invocations<'a>(
        &'a self,
        program: &'a str,
        subcommand: &'a str,
    ) -> impl Iterator<
        Item = (
            &'a RunScript,
            &'a rlint_shell::SimpleCommand,
            &'a rlint_shell::ParsedArgs,
        ),
    > + 'a {
        self.commands_named(program)
            .map(|(script, command)| (script, command, command.options()))
            .filter(move |(_, _, parsed)| parsed.subcommand_str() == Some(subcommand))
    }
}

/// The parts of a [`Run`] kept across edits (in [`InstructionCache`]; shell parsing is most of
/// the cost of building a model): those that do not name a syntax node, which cannot cross
/// threads.
pub(crate) struct KeptRun {
    /// Where the instruction started when the scripts were kept.
    start: TextSize,
    exec_form: bool,
    unterminated_heredoc: bool,
    scripts: Vec<RunScript>,
    mounts: std::sync::Arc<[String]>,
    programs: u64,
}

/// What models keep across edits in an [`InstructionCache`], for the instructions an edit
/// left alone in the same context.
#[derive(Default)]
pub(crate) struct KeptModel {
    pub(crate) runs: ByNode<KeptRun>,
    pub(crate) bindings: ByNode<KeptBindings>,
}

/// The variables one ARG or ENV set, with their [`variable_hash`], as the last model that used
/// them had them: the bindings are shared with that model's scopes, and go into the next one
/// as they are while the instruction has not moved, instead of being copied after every edit.
pub(crate) struct KeptBindings {
    /// Where the instruction started for the bindings' declaration ranges.
    start: TextSize,
    bindings: Vec<(std::sync::Arc<str>, std::sync::Arc<Binding>, u64)>,
}

impl KeptBindings {
    fn new(bindings: Vec<(String, Binding)>, start: TextSize) -> KeptBindings {
        let bindings = bindings
            .into_iter()
            .map(|(name, binding)| {
                let hash = variable_hash(&name, &binding);
                (name.into(), std::sync::Arc::new(binding), hash)
            })
            .collect();
        KeptBindings { start, bindings }
    }

    /// Sets the variables in `scope`, for the instruction now starting at `start`; when it has
    /// moved, the declaration ranges move with it, here and for the next model.
    fn set_in(&mut self, scope: &mut Scope, start: TextSize) {
        if start != self.start {
            for (_, binding, _) in &mut self.bindings {
                let mut moved = Binding::clone(binding);
                moved.range = moved.range - self.start + start;
                *binding = std::sync::Arc::new(moved);
            }
            self.start = start;
        }
        for (name, binding, hash) in &self.bindings {
            scope.set_hashed(name.clone(), binding.clone(), *hash);
        }
    }
}

/// The semantic model of one Dockerfile.
#[derive(Debug)]
pub struct Model {
    /// The file's text, rebuilt from the tree on first use (most lint runs never need it).
    text: std::sync::OnceLock<std::sync::Arc<String>>,
    /// Offsets of the line starts after the first, built on first use of `line_of`.
    line_starts: std::sync::OnceLock<Vec<u32>>,
    pub root: ast::SourceFile,
    pub escape: char,
    /// Top-level instructions in order.
    pub instructions: Vec<Instruction>,
    /// For each instruction, its stage (`None` before the first FROM).
    pub stage_of: Vec<Option<usize>>,
    pub stages: Vec<Stage>,
    /// ARGs declared before the first FROM, with their defaults.
    pub global_scope: Scope,
    /// Variables in scope just before each instruction.
    scopes: Vec<Scope>,
    /// For each instruction, a hash of what surrounds it (see [`Model::context_hash`]).
    /// While building, before `finish_contexts` adds the USER and the stage's facts, it keys
    /// the kept RUN analyses and bindings.
    contexts: Vec<u64>,
    pub runs: Vec<Run>,
    /// For each instruction, its index in `runs` (`u32::MAX` for none): instruction-local
    /// rules look their RUN up once per instruction.
    run_of: Vec<u32>,
    /// For each stage: whether the final stage needs it (FROM, COPY --from, RUN --mount=from).
    needed: Vec<bool>,
    /// For each stage: the stages it builds on or copies from.
    deps: Vec<Vec<usize>>,
    /// Per stage, its `--from` values.
    references: Vec<Vec<FromReference>>,
    /// See [`Model::has_unresolved_stage_reference`].
    unresolved_reference: bool,
    /// [`Model::inherits`] for each kind of [`Inherit`], worked out on first use.
    inherited: [std::sync::OnceLock<Vec<bool>>; 3],
    /// [`Model::from_env`] and [`Model::buildkit_parents`], worked out on first use (building
    /// the model needs the parents, and the language server's lint the environment).
    from_env: std::sync::OnceLock<HashMap<String, String>>,
    buildkit_parents: std::sync::OnceLock<Vec<Option<usize>>>,
    /// [`Model::local_copy`] of every instruction, worked out on first use: four rules ask.
    /// Kept per section (the instructions before the first FROM, then each stage), so that a
    /// stage-local rule works out only its stage's.
    local_copies: Vec<std::sync::OnceLock<Vec<Option<LocalCopy>>>>,
    /// For each stage, see [`Model::inherited_names`], [`Model::is_windows_stage`] and
    /// [`Model::ships`].
    inherited_names: Vec<Vec<String>>,
    windows: Vec<bool>,
    ships: Vec<bool>,
    /// For each stage, see [`Model::is_in_final_image`]: asked per stage after every edit.
    in_final_image: Vec<bool>,
}

impl Model {
    pub fn new(parse: &Parse) -> Model {
        Model::build_from(parse, None)
    }

    /// Like [`Model::new`], keeping the RUN analyses and ARG/ENV bindings of instructions an
    /// edit left alone (in the same context) from the previous model built with `cache`.
    pub fn new_cached(parse: &Parse, cache: &mut InstructionCache) -> Model {
        Model::build_from(parse, Some(&mut cache.model))
    }

    fn build_from(parse: &Parse, cache: Option<&mut KeptModel>) -> Model {
        let root = parse.tree();
        let escape = root.escape();
        let instructions: Vec<Instruction> = root.instructions().collect();
        let mut model = Model {
            text: std::sync::OnceLock::new(),
            line_starts: std::sync::OnceLock::new(),
            root,
            escape,
            stage_of: Vec::with_capacity(instructions.len()),
            instructions,
            stages: Vec::new(),
            global_scope: Scope::default(),
            scopes: Vec::new(),
            contexts: Vec::new(),
            runs: Vec::new(),
            run_of: Vec::new(),
            needed: Vec::new(),
            deps: Vec::new(),
            references: Vec::new(),
            unresolved_reference: false,
            inherited: Default::default(),
            from_env: std::sync::OnceLock::new(),
            buildkit_parents: std::sync::OnceLock::new(),
            local_copies: Vec::new(),
            inherited_names: Vec::new(),
            windows: Vec::new(),
            ships: Vec::new(),
            in_final_image: Vec::new(),
        };
        model.build(cache);
        model
    }

    fn build(&mut self, mut cache: Option<&mut KeptModel>) {
        let escape = self.escape;
        let mut scope = Scope::default();
        let mut shell: Option<Vec<String>> = None;
        // The SHELL's share of each instruction's context hash, updated when SHELL changes.
        let mut shell_hash = shell_context(None, escape);
        // The USER's share (0 before any USER), per instruction. It joins the context hashes
        // only once the model is built: the caches of RUN analyses and bindings, keyed while
        // building, do not depend on the user.
        let mut user_hash = 0;
        let mut users = Vec::with_capacity(self.instructions.len());
        let mut runs = Vec::new();
        self.scopes.reserve_exact(self.instructions.len());
        self.contexts.reserve_exact(self.instructions.len());
        // Taken out for the walk (nothing below reads them through `self`) and put back
        // after: cloning thousands of nodes cost more.
        let instructions = std::mem::take(&mut self.instructions);
        for (idx, instruction) in instructions.iter().enumerate() {
            let stage_idx = self.stages.len().checked_sub(1);
            if let Instruction::From(from) = instruction {
                // Close the previous stage.
                if let Some(prev) = self.stages.last_mut() {
                    prev.body.end = idx;
                    prev.final_scope = scope.clone();
                    prev.shell = shell.clone();
                    prev.user = user_hash;
                }
                let stage = self.new_stage(from, idx);
                scope = Scope::default();
                shell = None;
                user_hash = 0;
                if let Base::Stage(parent) = stage.base {
                    scope = self.stages[parent].final_scope.clone();
                    shell = self.stages[parent].shell.clone();
                    user_hash = self.stages[parent].user;
                }
                shell_hash = shell_context(shell.as_deref(), escape);
                self.stages.push(stage);
                self.scopes.push(self.global_scope.clone());
                self.contexts
                    .push(context_hash(&self.global_scope, shell_hash, true));
                users.push(user_hash);
                self.stage_of.push(Some(self.stages.len() - 1));
                continue;
            }
            let current = if stage_idx.is_some() {
                scope.clone()
            } else {
                self.global_scope.clone()
            };
            self.contexts
                .push(context_hash(&current, shell_hash, stage_idx.is_some()));
            users.push(user_hash);
            self.scopes.push(current);
            self.stage_of.push(stage_idx);
            match instruction {
                Instruction::Arg(_) | Instruction::Env(_)
                    if stage_idx.is_some() || matches!(instruction, Instruction::Arg(_)) =>
                {
                    // What an ARG or ENV sets depends on the instruction, the variables before
                    // it (its context) and, for `ARG X` in a stage, the global defaults.
                    let syntax = instruction.syntax();
                    let start = syntax.text_range().start();
                    let key = self.contexts[idx] ^ self.global_scope.content_hash().rotate_left(17);
                    let kept = cache
                        .as_deref_mut()
                        .and_then(|cache| cache.bindings.reuse(syntax, key, |_| true));
                    if let Some(kept) = kept {
                        let target = match stage_idx {
                            Some(_) => &mut scope,
                            None => &mut self.global_scope,
                        };
                        kept.set_in(target, start);
                        continue;
                    }
                    let bindings = self.evaluate_bindings(instruction, stage_idx.is_some(), &scope);
                    let target = match stage_idx {
                        Some(_) => &mut scope,
                        None => &mut self.global_scope,
                    };
                    match cache.as_deref_mut() {
                        Some(cache) => {
                            let mut kept = KeptBindings::new(bindings, start);
                            kept.set_in(target, start);
                            cache.bindings.keep(syntax, key, kept);
                        }
                        None => {
                            for (name, binding) in bindings {
                                target.set(name, binding);
                            }
                        }
                    }
                }
                Instruction::User(_) if stage_idx.is_some() => {
                    user_hash = user_context(instruction, &scope);
                }
                Instruction::Shell(_) => {
                    if let Some(Command::Exec(exec)) = instruction.command() {
                        shell = Some(exec.strings().into_iter().map(|s| s.0).collect());
                        shell_hash = shell_context(shell.as_deref(), escape);
                    }
                }
                Instruction::Run(_) => {
                    runs.push(self.run_analysis(
                        cache.as_deref_mut().map(|cache| &mut cache.runs),
                        instruction,
                        instruction,
                        idx,
                        stage_idx,
                        false,
                        &scope,
                        shell.as_deref(),
                    ));
                }
                Instruction::Onbuild(onbuild) => {
                    // The ONBUILD node owns the trigger's heredoc bodies.
                    if let Some(trigger @ Instruction::Run(_)) = onbuild.trigger() {
                        runs.push(self.run_analysis(
                            cache.as_deref_mut().map(|cache| &mut cache.runs),
                            &trigger,
                            instruction,
                            idx,
                            stage_idx,
                            true,
                            &scope,
                            shell.as_deref(),
                        ));
                    }
                }
                _ => {}
            }
        }
        if let Some(last) = self.stages.last_mut() {
            last.body.end = instructions.len();
            last.final_scope = scope;
            last.shell = shell;
            last.user = user_hash;
        }
        self.instructions = instructions;
        self.run_of = vec![u32::MAX; self.instructions.len()];
        for (pos, run) in runs.iter().enumerate() {
            self.run_of[run.index] = pos as u32;
        }
        self.runs = runs;
        if let Some(cache) = cache {
            cache.runs.finish();
            cache.bindings.finish();
        }
        let mut unresolved = self
            .stages
            .iter()
            .any(|s| s.base == Base::Image && s.image.is_none());
        let before_first_stage = self.stages.first().map_or(0, |s| s.from_index);
        for idx in 0..before_first_stage {
            unresolved |= self.from_references(idx).iter().any(|v| v.contains('$'));
        }
        (self.deps, self.references) = (0..self.stages.len())
            .map(|idx| self.compute_dependencies(idx, &mut unresolved))
            .unzip();
        self.unresolved_reference = unresolved;
        self.needed = self.compute_needed();
        self.finish_contexts(&users);
        self.local_copies = (0..=self.stages.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
    }

    fn new_stage(&self, from: &ast::FromInstruction, idx: usize) -> Stage {
        let escape = self.escape;
        let image_arg = from.image();
        let image_text = image_arg
            .as_ref()
            .map(|a| a.text().text)
            .unwrap_or_default();
        let name = from.stage_name().map(|n| n.text());
        // BuildKit expands global ARGs in the image before looking for a stage of that name.
        let lower = self
            .resolve_from(&image_text, escape)
            .unwrap_or_else(|| image_text.clone())
            .to_lowercase();
        let parent = self
            .stages
            .iter()
            .rev()
            .find(|s| s.has_lower_name(&lower))
            .map(|s| s.index);
        let base = if let Some(parent) = parent {
            Base::Stage(parent)
        } else if lower == "scratch" {
            Base::Scratch
        } else {
            Base::Image
        };
        let image = match &base {
            Base::Image => self
                .resolve_from(&image_text, escape)
                .map(|t| ImageRef::parse(&t)),
            _ => None,
        };
        let lower = name.as_ref().map(|n| n.to_lowercase());
        Stage {
            index: self.stages.len(),
            from: from.clone(),
            from_index: idx,
            name,
            image_text,
            image,
            image_range: image_arg.map(|a| a.range()),
            base,
            body: idx + 1..idx + 1,
            final_scope: Scope::default(),
            shell: None,
            lower,
            user: 0,
        }
    }

    /// Expands a FROM value with global ARG defaults (what `docker build` without build args
    /// would use); `None` when a variable has no known value.
    pub fn resolve_from(&self, text: &str, escape: char) -> Option<String> {
        if !text.contains('$') {
            return Some(text.to_string());
        }
        self.global_scope
            .expand(text, escape)
            .known()
            .map(str::to_string)
    }

    fn compute_needed(&self) -> Vec<bool> {
        let n = self.stages.len();
        let mut needed = vec![false; n];
        let Some(last) = n.checked_sub(1) else {
            return needed;
        };
        let mut stack = vec![last];
        while let Some(idx) = stack.pop() {
            if std::mem::replace(&mut needed[idx], true) {
                continue;
            }
            stack.extend(self.dependencies(idx).iter().filter(|d| !needed[**d]));
        }
        needed
    }

    /// Stages that stage `idx` uses: its base, `COPY --from`, `RUN --mount=from=`.
    pub fn dependencies(&self, idx: usize) -> &[usize] {
        self.deps.get(idx).map_or(&[], Vec::as_slice)
    }

    /// Whether a stage reference (`FROM`, `COPY --from`, `RUN --mount=from=`) uses a variable
    /// that does not resolve: it might name any stage.
    pub fn has_unresolved_stage_reference(&self) -> bool {
        self.unresolved_reference
    }

    /// The stages stage `idx` builds on or copies from, and its `--from` values, computed once
    /// per model; notes in `unresolved` a `--from` value with a variable.
    fn compute_dependencies(
        &self,
        idx: usize,
        unresolved: &mut bool,
    ) -> (Vec<usize>, Vec<FromReference>) {
        let Some(stage) = self.stages.get(idx) else {
            return (Vec::new(), Vec::new());
        };
        let mut deps = Vec::new();
        let mut references = Vec::new();
        if let Base::Stage(parent) = stage.base {
            deps.push(parent);
        }
        for instruction in stage.body.clone() {
            for from in self.from_references(instruction) {
                *unresolved |= from.contains('$');
                let dep = self.stage_ref(&from, idx);
                deps.extend(dep);
                references.push(FromReference {
                    instruction,
                    written: from,
                    names: dep,
                });
            }
        }
        (deps, references)
    }

    /// `COPY --from` and `RUN --mount=from=` values of the instruction at `idx` (an index
    /// into [`Model::instructions`]: finding it by node was a binary search per RUN).
    pub fn from_references(&self, idx: usize) -> Vec<String> {
        let mut out = Vec::new();
        let Some(instruction) = self.instructions.get(idx) else {
            return out;
        };
        match instruction {
            Instruction::Copy(_) => out.extend(
                instruction
                    .flag("--from")
                    .and_then(|f| f.value(self.escape)),
            ),
            Instruction::Run(_) => {
                // A top-level RUN's analysis has read its --mount values already.
                let analysed = self
                    .run_at(idx)
                    .filter(|run| run.instruction.syntax() == instruction.syntax());
                match analysed {
                    Some(run) => {
                        for mount in run.mounts.iter() {
                            out.extend(mount_sources(mount).map(str::to_string));
                        }
                    }
                    None => {
                        for mount in instruction
                            .flags()
                            .filter(|f| f.is_named("--mount"))
                            .filter_map(|f| f.value(self.escape))
                        {
                            out.extend(mount_sources(&mount).map(str::to_string));
                        }
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// The stage a `--from` value names, as seen from stage `current`: a stage name
    /// (case-insensitive) or a numeric index of an earlier stage.
    pub fn stage_ref(&self, value: &str, current: usize) -> Option<usize> {
        if let Ok(index) = value.parse::<usize>() {
            return (index < self.stages.len()).then_some(index);
        }
        let lower = value.to_lowercase();
        self.stages[..current.min(self.stages.len())]
            .iter()
            .rev()
            .find(|s| s.has_lower_name(&lower))
            .map(|s| s.index)
    }

    /// Whether the final stage needs stage `idx` (it is the final stage, an ancestor, or
    /// something they copy from).
    pub fn is_needed(&self, idx: usize) -> bool {
        self.needed.get(idx).copied().unwrap_or(false)
    }

    /// Whether stage `idx` is the final stage or an ancestor of it through `FROM <stage>`:
    /// its instructions end up in the image.
    pub fn is_in_final_image(&self, idx: usize) -> bool {
        self.in_final_image.get(idx).copied().unwrap_or(false)
    }

    /// Stage `idx` and its ancestors through `FROM <stage>`, nearest first.
    pub fn ancestors(&self, idx: usize) -> Vec<usize> {
        if idx >= self.stages.len() {
            return Vec::new();
        }
        let mut out = vec![idx];
        out.extend(walk_parents(idx, |i| self.parent(i)));
        out
    }

    /// The last `USER` instruction that runs before instruction `before` in stage `stage`: in
    /// the stage, else in the stages it is built on, nearest first. `None` when no stage of the
    /// chain sets a user before that point. See [`Model::final_user`] for the end of a stage.
    pub fn last_user(&self, stage: usize, before: usize) -> Option<usize> {
        self.user_before(stage, Some(before))
    }

    /// The `USER` in effect at the end of stage `stage`: its last, else that of the nearest
    /// stage it is built on that has one.
    pub fn final_user(&self, stage: usize) -> Option<usize> {
        self.user_before(stage, None)
    }

    /// The last `USER` of the stage chain before instruction `before` of `stage` (`None`: its
    /// end).
    fn user_before(&self, stage: usize, before: Option<usize>) -> Option<usize> {
        self.ancestors(stage).into_iter().find_map(|ancestor| {
            let body = &self.stages[ancestor].body;
            let end = match before {
                Some(before) if ancestor == stage => before.clamp(body.start, body.end),
                _ => body.end,
            };
            (body.start..end)
                .rev()
                .find(|&idx| matches!(self.instructions[idx], Instruction::User(_)))
        })
    }

    /// The stage stage `idx` is built `FROM`, as written (see [`Model::buildkit_parents`] for
    /// BuildKit's resolution).
    pub fn parent(&self, idx: usize) -> Option<usize> {
        match self.stages.get(idx)?.base {
            Base::Stage(parent) => Some(parent),
            _ => None,
        }
    }

    /// Whether a stage above stage `idx` has an instruction of the kind `inherit` names, along
    /// its chain of parents. Worked out for every stage in one pass on first use: walking each
    /// stage's chain was quadratic in a chain of stages each built on the one before.
    pub fn inherits(&self, idx: usize, inherit: Inherit) -> bool {
        let (slot, buildkit, is): (usize, bool, fn(&Instruction) -> bool) = match inherit {
            Inherit::WorkdirAsWritten => (0, false, |i| matches!(i, Instruction::Workdir(_))),
            Inherit::WorkdirForBuildkit => (1, true, |i| matches!(i, Instruction::Workdir(_))),
            Inherit::ShellForBuildkit => (2, true, |i| matches!(i, Instruction::Shell(_))),
        };
        let inherited = self.inherited[slot].get_or_init(|| {
            let parents = self.buildkit_parents();
            let parent_of = |i: usize| {
                if buildkit {
                    parents.get(i).copied().flatten()
                } else {
                    self.parent(i)
                }
            };
            self.inherited(parent_of, is)
        });
        inherited.get(idx).copied().unwrap_or(false)
    }

    /// For each stage, whether a stage above it in the chain `parent_of` gives has an
    /// instruction `is` accepts. One pass in stage order, each stage starting from its
    /// parent's answer: a stage's parent is an earlier stage, and anything else counts as
    /// none, as in [`Model::ancestors`].
    fn inherited(
        &self,
        parent_of: impl Fn(usize) -> Option<usize>,
        is: impl Fn(&Instruction) -> bool,
    ) -> Vec<bool> {
        let mut own: Vec<bool> = Vec::with_capacity(self.stages.len());
        let mut inherited: Vec<bool> = Vec::with_capacity(self.stages.len());
        for idx in 0..self.stages.len() {
            let from_parent = parent_of(idx)
                .filter(|&p| p < idx)
                .is_some_and(|p| own[p] || inherited[p]);
            inherited.push(from_parent);
            own.push(self.stage_instructions(idx).iter().any(&is));
        }
        inherited
    }

    /// The stages stage `idx` is built from as BuildKit resolves `FROM` (see
    /// [`Model::buildkit_parents`]), nearest first, without `idx` itself.
    fn buildkit_ancestors(&self, idx: usize) -> Vec<usize> {
        let parents = self.buildkit_parents();
        walk_parents(idx, |i| parents.get(i).copied().flatten())
    }

    /// For each stage, the earlier stage it is built `FROM` as BuildKit resolves it: the image
    /// expanded with global ARG defaults and automatic platform ARGs (`FROM base-$TARGETARCH`).
    pub fn buildkit_parents(&self) -> &[Option<usize>] {
        self.buildkit_parents.get_or_init(|| {
            self.stages
                .iter()
                .map(|stage| match stage.base {
                    Base::Stage(parent) => Some(parent),
                    Base::Scratch => None,
                    Base::Image if !stage.image_text.contains('$') => None,
                    Base::Image => {
                        let value = expand_with(&stage.image_text, self.from_env(), self.escape)?
                            .value
                            .to_lowercase();
                        self.stages[..stage.index]
                            .iter()
                            .rev()
                            .find(|s| s.has_lower_name(&value))
                            .map(|s| s.index)
                    }
                })
                .collect()
        })
    }

    /// The environment BuildKit expands `FROM` with when no build args are given: the
    /// automatic platform ARGs, then the global ARGs in order, each default expanded with what
    /// precedes it (so `ARG FLAVOR=${TARGETARCH}` is `amd64`). A global ARG without default
    /// keeps an automatic value of the same name and is otherwise unset.
    pub fn from_env(&self) -> &HashMap<String, String> {
        self.from_env.get_or_init(|| {
            let mut env: HashMap<String, String> = AUTOMATIC_VALUES
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect();
            for (idx, instruction) in self.instructions.iter().enumerate() {
                if self.stage_of.get(idx).copied().flatten().is_some() {
                    break;
                }
                if !matches!(instruction, Instruction::Arg(_)) {
                    continue;
                }
                for pair in instruction.key_values() {
                    let Some(name) = pair.key(self.escape) else {
                        continue;
                    };
                    let Some(raw) = pair.raw_value() else {
                        continue;
                    };
                    // A default sees the earlier values, not an earlier value of its own name.
                    env.remove(&name);
                    if let Some(expansion) = expand_with(&raw.text, &env, self.escape) {
                        env.insert(name, expansion.value);
                    }
                }
            }
            env
        })
    }

    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The stages the final image is built from: the last stage and those it derives from
    /// through `FROM <stage>`, nearest first; the last one's FROM names the base image.
    pub fn final_chain(&self) -> Vec<usize> {
        self.stages
            .len()
            .checked_sub(1)
            .map_or_else(Vec::new, |last| self.ancestors(last))
    }

    /// Adds to each instruction's context hash the USER in effect (`users`, per instruction)
    /// and, for the instructions of a stage, the stage's facts: [`Model::inherited_names`],
    /// [`Model::is_windows_stage`] and [`Model::ships`], worked out here.
    fn finish_contexts(&mut self, users: &[u64]) {
        let names: Vec<Vec<String>> = (0..self.stages.len())
            .map(|idx| {
                // A stage the model linked to its parent has the parent's variables in scope.
                if matches!(self.stages[idx].base, Base::Stage(_)) {
                    return Vec::new();
                }
                let mut names: Vec<String> = self
                    .buildkit_ancestors(idx)
                    .into_iter()
                    .flat_map(|parent| self.stages[parent].final_scope.names())
                    .map(str::to_string)
                    .collect();
                names.sort_unstable();
                names.dedup();
                names
            })
            .collect();
        // Parents are earlier stages: one pass in stage order reaches each chain's root.
        let mut windows: Vec<bool> = Vec::with_capacity(self.stages.len());
        for (idx, stage) in self.stages.iter().enumerate() {
            let inherited = match stage.base {
                Base::Stage(parent) if parent < idx => Some(windows[parent]),
                _ => None,
            };
            windows.push(inherited.unwrap_or_else(|| windows_image(stage)));
        }
        // The final stage, and every stage another is built on (which covers the rest of the
        // final stage's chain).
        let mut ships = vec![false; self.stages.len()];
        if let Some(last) = ships.last_mut() {
            *last = true;
        }
        for stage in &self.stages {
            if let Base::Stage(parent) = stage.base {
                ships[parent] = true;
            }
        }
        let mix = |context: u64, share: u64| (context ^ share).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        for (context, &user) in self.contexts.iter_mut().zip(users) {
            if user != 0 {
                *context = mix(*context, user);
            }
        }
        for (stage, names) in names.iter().enumerate() {
            let share = {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::hash::DefaultHasher::new();
                (names, windows[stage], ships[stage]).hash(&mut hasher);
                hasher.finish()
            };
            for idx in self.stages[stage].body.clone() {
                self.contexts[idx] = mix(self.contexts[idx], share);
            }
        }
        self.inherited_names = names;
        self.windows = windows;
        self.ships = ships;
        let mut in_final_image = vec![false; self.stages.len()];
        for stage in self.final_chain() {
            in_final_image[stage] = true;
        }
        self.in_final_image = in_final_image;
    }

    /// Whether the layers of stage `idx` end up in an image: it is the final stage, or another
    /// stage is built `FROM` it.
    pub fn ships(&self, idx: usize) -> bool {
        self.ships.get(idx).copied().unwrap_or(false)
    }

    /// Whether stage `idx` is built on a Windows image (Server Core, Nano Server), whose
    /// default shell is `cmd`, not `/bin/sh`.
    pub fn is_windows_stage(&self, idx: usize) -> bool {
        self.windows.get(idx).copied().unwrap_or(false)
    }

    /// Variables a stage inherits from parents the model could not link (`FROM
    /// base-$TARGETARCH`, which BuildKit resolves with its automatic ARGs): the names the final
    /// scopes of [`Model::buildkit_ancestors`] define, sorted; empty for a stage the model
    /// linked to its parent.
    pub fn inherited_names(&self, stage: usize) -> &[String] {
        self.inherited_names.get(stage).map_or(&[], Vec::as_slice)
    }

    /// Identifies everything around instruction `idx` that an instruction-local rule may read
    /// besides the instruction itself: the variables in scope, the SHELL in effect, the escape
    /// character, the USER in effect, whether a FROM came before, the names its stage inherits
    /// from parents the model could not link ([`Model::inherited_names`]), whether its stage
    /// is built on Windows and whether its stage ships ([`Model::ships`]). Equal hashes and an
    /// equal instruction mean equal findings (see [`crate::rule::Locality`]).
    pub fn context_hash(&self, idx: usize) -> u64 {
        self.contexts.get(idx).copied().unwrap_or_default()
    }

    /// For each stage, identifies everything a stage-local rule may read about it besides the
    /// text of its instructions: their context hashes (the FROM's carries the global ARGs),
    /// whether it is the last stage and whether the final image takes its layers
    /// ([`Model::is_in_final_image`]), what its FROM names (scratch, an image or a stage), the
    /// hash of its parent as BuildKit resolves FROM (the stage it names included), BuildKit's FROM
    /// environment ([`Model::from_env`]) when the FROM line expands variables, and what each
    /// `--from` value in it refers to (for a name no stage has, the names of all stages, which
    /// a suggestion is picked from). Equal hashes and equal instructions at equal places in the
    /// stage mean equal findings (see [`crate::rule::Locality::Stage`]).
    ///
    /// Neither the stage's index nor the other stages' names go in whole: adding or removing a
    /// FROM (a heredoc that swallows one) then leaves the stages it does not concern alone.
    pub fn stage_hashes(&self) -> Vec<u64> {
        use std::hash::{Hash, Hasher};
        let from_env = std::cell::OnceCell::new();
        let buildkit_parents = self.buildkit_parents();
        let mut hashes: Vec<u64> = Vec::with_capacity(self.stages.len());
        for (idx, stage) in self.stages.iter().enumerate() {
            let mut hasher = rustc_hash::FxHasher::default();
            (idx + 1 == self.stages.len()).hash(&mut hasher);
            self.is_in_final_image(idx).hash(&mut hasher);
            // What the FROM names; a stage named is the BuildKit parent hashed next.
            std::mem::discriminant(&stage.base).hash(&mut hasher);
            // The parent as BuildKit resolves FROM, which includes the one written.
            let parent = buildkit_parents.get(idx).copied().flatten();
            parent
                .filter(|&p| p < idx)
                .map(|p| hashes[p])
                .hash(&mut hasher);
            if green_contains(&stage.from.syntax().green(), '$') {
                // BuildKit's FROM environment adds the automatic platform values, which the
                // global scope knows only as unknown.
                let env = from_env.get_or_init(|| {
                    let mut env: Vec<(&String, &String)> = self.from_env().iter().collect();
                    env.sort_unstable();
                    let mut hasher = rustc_hash::FxHasher::default();
                    env.hash(&mut hasher);
                    hasher.finish()
                });
                env.hash(&mut hasher);
            }
            self.hash_from_references(idx, &mut hasher);
            self.contexts[self.stage_span(idx)].hash(&mut hasher);
            hashes.push(hasher.finish());
        }
        hashes
    }

    /// What the `--from` values of stage `idx` refer to, for [`Model::stage_hashes`]: an index
    /// before, at or after this stage (and whether there is such a stage), or whether the
    /// stage itself or an earlier one has the name; for a name none has, every stage's name.
    fn hash_from_references(&self, idx: usize, hasher: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        let mut unknown_name = false;
        for reference in self.references.get(idx).into_iter().flatten() {
            let written = &reference.written;
            let expanded;
            let (value, named) = if written.contains('$') {
                match self
                    .scope_at(reference.instruction)
                    .expand(written, self.escape)
                    .known()
                {
                    Some(value) => {
                        expanded = value.to_string();
                        (expanded.as_str(), self.stage_ref(&expanded, idx))
                    }
                    None => continue,
                }
            } else {
                (written.as_str(), reference.names)
            };
            if let Ok(index) = value.parse::<usize>() {
                (index.cmp(&idx), index < self.stages.len()).hash(hasher);
                // DL3022 suggests a stage name for an index that is no earlier stage.
                unknown_name |= index >= idx;
                continue;
            }
            let own = self.stages[idx].has_lower_name(&value.to_lowercase());
            let earlier = named.is_some();
            (own, earlier).hash(hasher);
            unknown_name |= !own && !earlier;
        }
        if unknown_name {
            for stage in &self.stages {
                stage.name.hash(hasher);
            }
        }
    }

    /// Sources and destination of instruction `idx` when it is a local `COPY` or `ADD` (not
    /// `--from`) with at least one source.
    pub fn local_copy(&self, idx: usize) -> Option<&LocalCopy> {
        let (section, span) = match *self.stage_of.get(idx)? {
            Some(stage) => (stage + 1, self.stage_span(stage)),
            None => (
                0,
                0..self
                    .stages
                    .first()
                    .map_or(self.instructions.len(), |s| s.from_index),
            ),
        };
        self.local_copies
            .get(section)?
            .get_or_init(|| {
                self.instructions[span.clone()]
                    .iter()
                    .map(local_copy_of)
                    .collect()
            })
            .get(idx.checked_sub(span.start)?)?
            .as_ref()
    }

    /// The variables an ARG or ENV sets, in order. ENV values see the variables before the
    /// instruction (`ENV A=1 B=$A` leaves B as it was); the later names of one ARG see the
    /// earlier ones, and `ARG X` in a stage takes the global default.
    fn evaluate_bindings(
        &self,
        instruction: &Instruction,
        in_stage: bool,
        scope: &Scope,
    ) -> Vec<(String, Binding)> {
        let escape = self.escape;
        let is_env = matches!(instruction, Instruction::Env(_));
        let mut current = if in_stage {
            scope.clone()
        } else {
            self.global_scope.clone()
        };
        let mut out = Vec::new();
        for pair in instruction.key_values() {
            let Some(name) = pair.key(escape) else {
                continue;
            };
            let value = match pair.raw_value() {
                Some(raw) if is_env => scope.expand(&raw.text, escape),
                Some(raw) => current.expand(&raw.text, escape),
                None if is_env => Value::Known(String::new()),
                None if in_stage => self
                    .global_scope
                    .get(&name)
                    .map_or(Value::Unknown, |b| b.value.clone()),
                None => Value::Unknown,
            };
            let binding = Binding {
                value,
                is_env,
                range: pair.range(),
            };
            if !is_env {
                current.set(name.clone(), binding.clone());
            }
            out.push((name, binding));
        }
        out
    }

    /// The RUN analysis of instruction `idx` (a RUN, or an ONBUILD with a RUN trigger).
    pub fn run_at(&self, idx: usize) -> Option<&Run> {
        let pos = *self.run_of.get(idx)?;
        self.runs.get(pos as usize)
    }

    /// Variables in scope just before instruction `idx`.
    pub fn scope_at(&self, idx: usize) -> &Scope {
        self.scopes.get(idx).unwrap_or(&self.global_scope)
    }

    /// Indices in [`Model::instructions`] of stage `idx`'s instructions, its FROM included.
    pub fn stage_span(&self, idx: usize) -> Range<usize> {
        self.stages
            .get(idx)
            .map_or(0..0, |s| s.from_index..s.body.end)
    }

    /// The instructions of stage `idx` after its FROM.
    pub fn stage_instructions(&self, idx: usize) -> &[Instruction] {
        self.stages
            .get(idx)
            .map_or(&[][..], |s| &self.instructions[s.body.clone()])
    }

    /// The index in [`Model::instructions`] of the instruction at `range`.
    pub fn instruction_index(&self, instruction: &Instruction) -> Option<usize> {
        let start = instruction.syntax().text_range().start();
        let idx = self
            .instructions
            .partition_point(|i| i.syntax().text_range().end() <= start);
        (idx < self.instructions.len()).then_some(idx)
    }

    /// The analysis of the RUN at `idx` (`run` is the RUN or an ONBUILD's trigger, `owner` the
    /// top-level instruction): taken from `cache` when the same instruction node was analysed
    /// in the same context (see [`Model::context_hash`]), else computed.
    #[allow(clippy::too_many_arguments)]
    fn run_analysis(
        &self,
        cache: Option<&mut ByNode<KeptRun>>,
        run: &Instruction,
        owner: &Instruction,
        idx: usize,
        stage: Option<usize>,
        onbuild: bool,
        scope: &Scope,
        shell: Option<&[String]>,
    ) -> Run {
        let Some(cache) = cache else {
            return self.analyse(run, owner, idx, stage, onbuild, scope, shell);
        };
        let syntax = owner.syntax();
        let start = syntax.text_range().start();
        let context = self.context_hash(idx);
        if let Some(kept) = cache.reuse(syntax, context, |_| true) {
            let moved = i64::from(u32::from(start)) - i64::from(u32::from(kept.start));
            let mut scripts = kept.scripts.clone();
            for script in &mut scripts {
                script.shift += moved;
            }
            return Run {
                instruction: run.clone(),
                index: idx,
                stage,
                onbuild,
                exec_form: kept.exec_form,
                scripts,
                unterminated_heredoc: kept.unterminated_heredoc,
                mounts: kept.mounts.clone(),
                programs: kept.programs,
            };
        }
        let analysis = self.analyse(run, owner, idx, stage, onbuild, scope, shell);
        let kept = KeptRun {
            start,
            exec_form: analysis.exec_form,
            unterminated_heredoc: analysis.unterminated_heredoc,
            scripts: analysis.scripts.clone(),
            mounts: analysis.mounts.clone(),
            programs: analysis.programs,
        };
        cache.keep(syntax, context, kept);
        analysis
    }

    #[allow(clippy::too_many_arguments)]
    fn analyse(
        &self,
        run: &Instruction,
        heredoc_owner: &Instruction,
        idx: usize,
        stage: Option<usize>,
        onbuild: bool,
        scope: &Scope,
        shell: Option<&[String]>,
    ) -> Run {
        let shell: Vec<String> = shell.map_or_else(
            || vec!["/bin/sh".to_string(), "-c".to_string()],
            <[String]>::to_vec,
        );
        let env = |name: &str| scope.value(name).map(str::to_string);
        let mut scripts = Vec::new();
        let command = run.command();
        let exec_form = matches!(command, Some(Command::Exec(_)));
        if rlint_shell::is_posix_shell(&shell) || exec_form {
            match command {
                Some(Command::Shell(form)) => {
                    let text = form.text();
                    let script = rlint_shell::parse_script(&text.text, &env);
                    scripts.push(RunScript::from(ScriptData {
                        text: text.text.clone(),
                        script,
                        map: SourceMap::Logical(text),
                        shell: shell.clone(),
                        heredoc: false,
                    }));
                }
                Some(Command::Exec(exec)) => {
                    if let Some(script) = exec_script(&exec, &env) {
                        scripts.push(script);
                    }
                }
                None => {}
            }
            if !exec_form && rlint_shell::is_posix_shell(&shell) {
                self.heredoc_scripts(heredoc_owner, &mut scripts, &shell, &env);
            }
        }
        let mounts = run
            .flags()
            .filter(|f| f.is_named("--mount"))
            .filter_map(|f| f.value(self.escape))
            .collect();
        Run {
            instruction: run.clone(),
            index: idx,
            stage,
            onbuild,
            exec_form,
            programs: programs_of(&scripts),
            scripts,
            unterminated_heredoc: heredoc_owner.heredocs().any(|h| h.delimiter().is_none()),
            mounts,
        }
    }

    /// Heredoc bodies that a POSIX shell runs: `RUN <<EOF` alone, or fed to `sh`/`bash`.
    fn heredoc_scripts(
        &self,
        owner: &Instruction,
        scripts: &mut Vec<RunScript>,
        shell: &[String],
        env: &dyn Fn(&str) -> Option<String>,
    ) {
        let bodies: Vec<ast::HeredocBody> = owner.heredocs().collect();
        if bodies.is_empty() {
            return;
        }
        let line = scripts.first().map(|s| s.text.clone()).unwrap_or_default();
        let openers = rlint_syntax::heredocs_in_line(&format!("RUN {line}"));
        let only_heredoc = line.trim().starts_with("<<") && line.split_whitespace().count() == 1;
        for (body, opener) in bodies.iter().zip(openers.iter()) {
            let runs_as_shell = only_heredoc
                || scripts.first().is_some_and(|s| {
                    s.script.commands.iter().any(|c| {
                        let sh_like = matches!(
                            c.name_str(),
                            Some("sh" | "bash" | "ash" | "dash" | "zsh" | "ksh")
                        );
                        sh_like
                            && !c.has_arg("-c")
                            && c.redirects.iter().any(|r| {
                                r.op.contains("<<")
                                    && r.target
                                        .as_ref()
                                        .is_some_and(|t| t.value == opener.delimiter)
                            })
                    })
                });
            // Without its delimiter line the "body" is the rest of the file, which BuildKit
            // refuses (RL1003): analysing Dockerfile text as shell would only add noise, and
            // while someone types `RUN <<EOF` in an editor it would parse the whole file again.
            if !runs_as_shell || body.delimiter().is_none() {
                continue;
            }
            let text = body.body();
            if let Some(first) = text.lines().next() {
                if first.starts_with("#!") && !is_sh_shebang(first) {
                    continue;
                }
            }
            let range = body.body_range();
            let script = rlint_shell::parse_script(&text, env);
            scripts.push(RunScript::from(ScriptData {
                text,
                script,
                map: SourceMap::Offset(range.start(), range.end()),
                shell: shell.to_vec(),
                heredoc: true,
            }));
        }
    }

    /// An instruction's source text, heredoc bodies included: a slice of [`Model::text`], so no
    /// walk over its tokens.
    pub fn text_of(&self, instruction: &Instruction) -> &str {
        &self.text()[instruction.syntax().text_range()]
    }

    /// Gives the model the text `parse` was made from, which the caller already has, so that
    /// it is not rebuilt from the tree the first time a rule asks for it. A shared text (the
    /// language server's document) is kept without a copy.
    pub fn with_text(self, text: impl Into<std::sync::Arc<String>>) -> Model {
        let text = text.into();
        debug_assert_eq!(
            u32::from(self.root.syntax().text_range().len()) as usize,
            text.len()
        );
        let _ = self.text.set(text);
        self
    }

    /// The file's text.
    pub fn text(&self) -> &str {
        self.text
            .get_or_init(|| rlint_syntax::green_text(&self.root.syntax().green()).into())
            .as_str()
    }

    /// The 1-based line of an offset (counting `\n`s before it).
    pub fn line_of(&self, offset: TextSize) -> u32 {
        let starts = self.line_starts.get_or_init(|| {
            memchr::memchr_iter(b'\n', self.text().as_bytes())
                .map(|idx| idx as u32 + 1)
                .collect()
        });
        // Line starts at or before the offset, the first line's (offset 0) not stored.
        starts.partition_point(|&start| start <= u32::from(offset)) as u32 + 1
    }

    /// The kind of a top-level instruction.
    pub fn kind(&self, idx: usize) -> Option<SyntaxKind> {
        self.instructions.get(idx).map(Instruction::kind)
    }
}

fn is_sh_shebang(line: &str) -> bool {
    let interpreter = line.trim_start_matches("#!").trim();
    let mut words = interpreter.split_whitespace();
    let first = words.next().unwrap_or("");
    let program = if rlint_shell::basename(first) == "env" {
        words.find(|w| !w.starts_with('-')).unwrap_or("")
    } else {
        first
    };
    matches!(
        rlint_shell::basename(program),
        "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh"
    )
}

/// The script an exec form runs: `["sh", "-c", "script"]` runs its script; any other array is
/// analysed as one command whose words are the elements.
fn exec_script(exec: &ast::ExecForm, env: &dyn Fn(&str) -> Option<String>) -> Option<RunScript> {
    let strings = exec.strings();
    let first = strings.first()?;
    let is_shell = matches!(
        rlint_shell::basename(&first.0),
        "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh"
    );
    if is_shell {
        if let Some(pos) = strings.iter().position(|s| {
            s.0 == "-c" || (s.0.starts_with('-') && s.0.ends_with('c') && !s.0.starts_with("--"))
        }) {
            let (text, range) = strings.get(pos + 1)?.clone();
            let script = rlint_shell::parse_script(&text, env);
            // The JSON literal maps byte for byte when it has no escapes.
            let literal_len = u32::from(range.len()) as usize;
            let map = if literal_len == text.len() + 2 {
                SourceMap::Offset(
                    range.start() + TextSize::from(1),
                    range.end() - TextSize::from(1),
                )
            } else {
                SourceMap::Pieces(vec![(0..text.len(), range)])
            };
            return Some(RunScript::from(ScriptData {
                text,
                script,
                map,
                shell: vec![first.0.clone(), "-c".into()],
                heredoc: false,
            }));
        }
    }
    // Build a shell line whose words are the elements, single-quoted.
    let mut text = String::new();
    let mut pieces = Vec::new();
    for (value, range) in &strings {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push('\'');
        text.push_str(&value.replace('\'', "'\\''"));
        text.push('\'');
        pieces.push((start..text.len(), *range));
    }
    let script = rlint_shell::parse_script(&text, env);
    Some(RunScript::from(ScriptData {
        text,
        script,
        map: SourceMap::Pieces(pieces),
        shell: Vec::new(),
        heredoc: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(text: &str) -> Model {
        Model::new(&rlint_syntax::parse(text))
    }

    /// `last_user` looks back in the stage from the given instruction, then through the
    /// stages it is built on, and `final_user` from the stage's end; an unrelated stage's USER
    /// does not count.
    #[test]
    fn last_user_follows_the_stage_chain() {
        let m = model(
            "FROM alpine AS base\nUSER app\nRUN a\nUSER svc\n\
             FROM base AS mid\nRUN b\nUSER late\n\
             FROM scratch AS other\nUSER x\nFROM alpine\nRUN c\n",
        );
        // Instructions: 0 FROM, 1 USER app, 2 RUN a, 3 USER svc, 4 FROM base, 5 RUN b,
        // 6 USER late, 7 FROM scratch, 8 USER x, 9 FROM alpine, 10 RUN c.
        assert_eq!(m.last_user(0, 2), Some(1));
        assert_eq!(m.last_user(0, 1), None);
        assert_eq!(m.last_user(1, 5), Some(3));
        assert_eq!(m.last_user(1, 7), Some(6));
        assert_eq!(m.final_user(1), Some(6));
        assert_eq!(m.final_user(3), None);
        // Past the stage's body, `last_user` looks through all of it.
        assert_eq!(m.last_user(1, 100), Some(6));
    }

    /// `inherits` follows either chain of parents to its root.
    #[test]
    fn inherits_follows_the_chain_of_parents() {
        let m = model(
            "ARG FLAVOR=${TARGETARCH}\nFROM alpine AS base-amd64\nWORKDIR /app\n\
             FROM base-$FLAVOR AS mid\nFROM mid AS top\nFROM scratch AS other\nWORKDIR /x\n\
             FROM other\n",
        );
        let inherits = |inherit: Inherit| -> Vec<bool> {
            (0..m.stages.len())
                .map(|idx| m.inherits(idx, inherit))
                .collect()
        };
        assert_eq!(
            inherits(Inherit::WorkdirForBuildkit),
            [false, true, true, false, true]
        );
        // As written, `mid` has no parent stage, so neither it nor `top` inherits.
        assert_eq!(
            inherits(Inherit::WorkdirAsWritten),
            [false, false, false, false, true]
        );
        assert_eq!(inherits(Inherit::ShellForBuildkit), [false; 5]);
    }

    /// A heredoc body runs as shell only when its delimiter line ends it: unterminated, the
    /// "body" is the rest of the file.
    #[test]
    fn only_terminated_heredoc_bodies_are_shell_scripts() {
        let names = |text: &str| -> Vec<String> {
            let m = model(text);
            m.runs
                .iter()
                .flat_map(|run| run.commands())
                .filter_map(|(_, command)| command.name_str().map(str::to_string))
                .collect()
        };
        assert_eq!(
            names("FROM alpine\nRUN <<EOF\napk add curl\nEOF\nRUN echo hi\n"),
            ["apk", "echo"]
        );
        assert!(names("FROM alpine\nRUN <<EOF\napk add curl\nRUN echo hi\n").is_empty());
    }

    /// Every automatic value is for an automatic ARG (the two lists are kept apart because
    /// not every automatic ARG has a value without a build).
    #[test]
    fn automatic_values_name_automatic_args() {
        for (name, _) in AUTOMATIC_VALUES {
            assert!(AUTOMATIC_ARGS.contains(name), "{name}");
        }
    }

    /// `ancestors` follows stage names as written and includes the stage; BuildKit's chain
    /// also resolves `FROM` through global ARG defaults and automatic platform ARGs.
    #[test]
    fn ancestors_as_written_and_as_buildkit_resolves_them() {
        let m = model(
            "ARG FLAVOR=${TARGETARCH}\nFROM alpine AS base-amd64\nFROM base-$FLAVOR AS mid\n\
             FROM mid AS top\nFROM scratch\n",
        );
        assert_eq!(m.from_env()["FLAVOR"], "amd64");
        assert_eq!(m.buildkit_parents(), [None, Some(0), Some(1), None]);
        assert_eq!(m.ancestors(2), [2, 1]);
        assert_eq!(m.buildkit_ancestors(2), [1, 0]);
        assert_eq!(m.buildkit_ancestors(0), Vec::<usize>::new());
        assert!(m.ancestors(9).is_empty());
    }

    /// `--from` names an earlier stage, seen from the stage it is in: a later stage of that
    /// name is no dependency, and neither is the stage itself.
    #[test]
    fn dependencies_name_only_earlier_stages() {
        let model = model(
            "FROM alpine AS a\nRUN true\nRUN true\nRUN true\n\
             FROM alpine AS b\nCOPY --from=a /x /x\nCOPY --from=c /y /y\n\
             RUN --mount=type=cache,target=/c,from=b true\n\
             FROM alpine AS c\nCOPY --from=b /z /z\n",
        );
        assert_eq!(model.dependencies(0), &[] as &[usize]);
        assert_eq!(model.dependencies(1), &[0]);
        assert_eq!(model.dependencies(2), &[1]);
    }
}
