//! What a rule is: metadata (code, name, category, default severity, fix availability, docs)
//! declared with [`declare_rule!`], and a pure check over the semantic model.

use crate::diagnostic::{Diagnostic, Fix};
use crate::model::Model;
use crate::settings::RuleOptions;
use rlint_syntax::TextRange;

/// How serious a finding is, as hadolint grades them; `Off` rules run only when selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Off,
    Style,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Style => "style",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// Parses `error`, `warning`, `info`, `style`, and `off`/`ignore`/`none`.
    pub fn parse(text: &str) -> Option<Level> {
        Some(match text.to_ascii_lowercase().as_str() {
            "error" => Level::Error,
            "warning" => Level::Warning,
            "info" => Level::Info,
            "style" => Level::Style,
            "off" | "ignore" | "none" => Level::Off,
            _ => return None,
        })
    }
}

/// Groups of rules; a rule's category is part of its identity in docs and selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Problems BuildKit's parser or instruction layer reports.
    Syntax,
    /// Instruction order and correctness.
    Correctness,
    /// Base images: tags, digests, registries, platforms.
    BaseImage,
    /// Package managers: pinning, caches, prompts.
    Packages,
    /// Shell commands in RUN.
    Shell,
    /// Layer cache and image size.
    LayerCache,
    /// Security: users, secrets, TLS, permissions.
    Security,
    /// Labels and metadata.
    Metadata,
    /// Style and conventions.
    Style,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Correctness => "correctness",
            Category::BaseImage => "base-image",
            Category::Packages => "packages",
            Category::Shell => "shell",
            Category::LayerCache => "layer-cache",
            Category::Security => "security",
            Category::Metadata => "metadata",
            Category::Style => "style",
        }
    }
}

/// Whether a rule offers a fix, and whether applying it can change behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FixKind {
    None,
    /// Never changes what the image does.
    Safe,
    /// May change behaviour; applied only when asked for.
    Unsafe,
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// Same code and intent as a hadolint rule.
    Hadolint(&'static str),
    /// A BuildKit build check, by its name.
    Buildkit(&'static str),
    /// rlint's own.
    Rlint,
}

/// What a rule's findings depend on, so the language server can keep them across edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locality {
    /// Anything in the file: the rule runs over the whole model after every change.
    File,
    /// One instruction at a time: the findings for instruction `idx` lie within it and depend
    /// only on its own syntax (and its RUN analysis, `Model::run_at`), the variables in scope
    /// before it (`Model::scope_at`), the SHELL and USER in effect, the escape character, whether a
    /// FROM came before it, the names its stage inherits (`Model::inherited_names`), whether
    /// its stage is built on Windows and whether it ships (`Model::ships`), and the settings;
    /// never on other instructions, on stages (a FROM's
    /// resolved image depends on the names of earlier stages) or on where the instruction is.
    /// The rule implements `run_instruction(ctx, idx)`; unchanged instructions in an unchanged
    /// context (`Model::context_hash`) keep their findings.
    Instruction,
    /// One stage at a time: the findings for stage `s` lie within its instructions (from its
    /// FROM to its last instruction) and depend only on the text of those instructions and on
    /// what [`Model::stage_hashes`] covers: each one's context hash (the FROM's carries the
    /// global ARGs), whether the stage is the last (not its index), whether the final image
    /// takes its layers, what its FROM names, BuildKit's FROM environment, what each `--from`
    /// value names (another stage's name only through that; all names only for a value no
    /// stage has), and the same of the stages it is built on (as written or as BuildKit
    /// resolves the FROM), their instructions included. Never on the comments between
    /// instructions, on later or unrelated stages, or on where the stage is (no line numbers
    /// in messages). The rule implements `run_stage(ctx, s)`; a stage whose
    /// instructions, their places within it, its ancestors' instructions and its hash are
    /// unchanged keeps its findings.
    Stage,
}

/// Everything static about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub category: Category,
    /// Default severity; `Level::Off` means opt-in.
    pub severity: Level,
    pub fix: FixKind,
    pub source: Source,
    /// Other names accepted wherever a rule is named (BuildKit's check name).
    pub aliases: &'static [&'static str],
    /// The user documentation (markdown), from the rule's doc comment.
    pub docs: &'static str,
    pub locality: Locality,
}

impl RuleMeta {
    /// The first line of the docs.
    pub fn summary(&self) -> &'static str {
        self.docs
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }

    /// Whether `name` (code, kebab name or alias, case-insensitive for names) names this rule.
    pub fn is_named(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case(self.code)
            || name.eq_ignore_ascii_case(self.name)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }
}

/// A lint rule: a pure function of the model that reports findings through the context.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &mut Context<'_>);
    /// Checks instruction `idx` alone; only rules of [`Locality::Instruction`] implement it.
    fn check_instruction(&self, _ctx: &mut Context<'_>, _idx: usize) {}
    /// Checks stage `stage` alone; only rules of [`Locality::Stage`] implement it.
    fn check_stage(&self, _ctx: &mut Context<'_>, _stage: usize) {}
}

/// What a rule sees while it runs, and where it reports.
pub struct Context<'a> {
    pub model: &'a Model,
    pub options: &'a RuleOptions,
    meta: &'static RuleMeta,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        model: &'a Model,
        options: &'a RuleOptions,
        meta: &'static RuleMeta,
    ) -> Context<'a> {
        Context {
            model,
            options,
            meta,
            diagnostics: Vec::new(),
        }
    }

    /// Reports a finding of the running rule; the returned diagnostic can take a fix or related
    /// locations.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            code: self.meta.code,
            name: self.meta.name,
            severity: self.meta.severity,
            message: message.into(),
            range,
            fix: None,
            related: Vec::new(),
        });
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }
}

impl Diagnostic {
    /// Attaches a fix; `None` (a fix that could not be built) leaves the diagnostic as it is.
    pub fn with_fix(&mut self, fix: impl Into<Option<Fix>>) -> &mut Diagnostic {
        if let Some(fix) = fix.into() {
            self.fix = Some(fix);
        }
        self
    }

    /// Adds a second location (for example the earlier duplicate).
    pub fn with_related(
        &mut self,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.related.push((range, message.into()));
        self
    }
}

/// Declares a rule type with its metadata; its doc comment is the user documentation.
///
/// ```text
/// declare_rule! {
///     /// Flags base images without a tag.
///     pub ImageUntagged {
///         code: "DL3006", name: "image-untagged", category: BaseImage,
///         severity: Warning, fix: None, source: Hadolint("DL3006"),
///     }
/// }
/// ```
/// The rule file then implements `fn run(ctx: &mut Context)` on the type. A rule declared with
/// `locality: Instruction,` (last) implements `fn run_instruction(ctx: &mut Context, idx:
/// usize)` instead, and must keep the promise of [`Locality::Instruction`]; one declared with
/// `locality: Stage,` implements `fn run_stage(ctx: &mut Context, stage: usize)` and keeps the
/// promise of [`Locality::Stage`].
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            category: $category:ident,
            severity: $severity:ident,
            fix: $fix:ident,
            source: $source:ident $(($source_arg:literal))?,
            $(aliases: [$($alias:literal),* $(,)?],)?
            $(locality: $locality:ident,)?
        }
    ) => {
        $crate::declare_rule!(@meta
            $(#[doc = $doc])*
            $name, $code, $kebab, $category, $severity, $fix, $source $(($source_arg))?,
            [$($($alias),*)?], $crate::declare_rule!(@locality $($locality)?)
        );
        $crate::declare_rule!(@impl $name $(, $locality)?);
    };
    (@locality) => { $crate::rule::Locality::File };
    (@locality Instruction) => { $crate::rule::Locality::Instruction };
    (@locality Stage) => { $crate::rule::Locality::Stage };
    (@impl $name:ident, Stage) => {
        $crate::declare_rule!(@impl_local $name, stages, check_stage, run_stage);
    };
    (@impl $name:ident, Instruction) => {
        $crate::declare_rule!(@impl_local $name, instructions, check_instruction, run_instruction);
    };
    // A rule checked one unit (instruction or stage) at a time: `check` runs it on every unit of
    // `model.$units`, `$check` on one.
    (@impl_local $name:ident, $units:ident, $check:ident, $run:ident) => {
        impl $crate::rule::Rule for $name {
            fn meta(&self) -> &'static $crate::rule::RuleMeta {
                &Self::META
            }
            fn check(&self, ctx: &mut $crate::rule::Context<'_>) {
                for idx in 0..ctx.model.$units.len() {
                    Self::$run(ctx, idx);
                }
            }
            fn $check(&self, ctx: &mut $crate::rule::Context<'_>, idx: usize) {
                Self::$run(ctx, idx)
            }
        }
    };
    (@impl $name:ident) => {
        impl $crate::rule::Rule for $name {
            fn meta(&self) -> &'static $crate::rule::RuleMeta {
                &Self::META
            }
            fn check(&self, ctx: &mut $crate::rule::Context<'_>) {
                Self::run(ctx)
            }
        }
    };
    (@meta
        $(#[doc = $doc:literal])*
        $name:ident, $code:literal, $kebab:literal, $category:ident, $severity:ident,
        $fix:ident, $source:ident $(($source_arg:literal))?, [$($alias:literal),*],
        $locality:expr
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                code: $code,
                name: $kebab,
                category: $crate::rule::Category::$category,
                severity: $crate::rule::Level::$severity,
                fix: $crate::rule::FixKind::$fix,
                source: $crate::rule::Source::$source $(($source_arg))?,
                aliases: &[$($alias),*],
                docs: concat!($($doc, "\n"),*),
                locality: $locality,
            };
        }
    };
}
