//! DL3028: `gem install` of gems without a version.

use super::language_packages::operand_fields;
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `gem install` of a gem without a version.
    ///
    /// ## What it does
    /// Reports each gem named by `gem install` (or `gem i`) without a `:version` suffix. A
    /// command that gives `-v`/`--version` is not reported, and neither are local `.gem` files,
    /// paths, or the build options after `--`.
    ///
    /// ## Why is this bad?
    /// Without a version RubyGems installs the newest release of the day: builds are not
    /// reproducible, and a new release can break the image without any change on your side.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install --no-document bundler
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install --no-document bundler:2.5.22
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint takes every option for one that has a value, so `gem install --no-document
    /// sass` hides `sass`; rlint knows which gem options take a value and reports it. Local
    /// `.gem` files and paths are not reported, and `gem` behind `sudo`, `env` or an absolute
    /// path is seen. Each unpinned gem is reported at its own position.
    ///
    /// ## References
    /// - [gem install](https://guides.rubygems.org/command-reference/#gem-install)
    pub GemUnpinned {
        code: "DL3028",
        name: "gem-unpinned",
        category: Packages,
        severity: Warning,
        fix: None,
        source: Hadolint("DL3028"),
        locality: Instruction,
    }
}

impl GemUnpinned {
    fn run_instruction(ctx: &mut Context<'_>, idx: usize) {
        let Some(run) = ctx.model.run_at(idx) else {
            return;
        };
        for (script, command) in run.commands_named("gem") {
            let parsed = command.options();
            if !matches!(parsed.subcommand_str(), Some("install" | "i"))
                || parsed.has(&["-v", "--version"])
            {
                continue;
            }
            // Words after `--` are build options for the gem's native extension.
            let end = command
                .args
                .iter()
                .find(|it| it.value == "--" && !it.quoted)
                .map_or(usize::MAX, |it| it.range.start);
            for word in &parsed.operands {
                if word.has_expansion || word.range.start > end {
                    continue;
                }
                for gem in operand_fields(word) {
                    if gem.is_empty()
                        || gem.contains(':')
                        || gem.contains('/')
                        || gem.ends_with(".gem")
                    {
                        continue;
                    }
                    ctx.report(
                        script.range(&word.range),
                        format!("pin the version of `{gem}`: `{gem}:<version>`"),
                    );
                }
            }
        }
    }
}
