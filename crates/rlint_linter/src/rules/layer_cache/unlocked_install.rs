//! RL3006: JavaScript installs that may rewrite the lock file instead of following it.

use super::{basename, chain_indices, glob_match};
use crate::declare_rule;
use crate::rule::Context;

declare_rule! {
    /// Flags `npm install`, `yarn install` and `pnpm install` that do not enforce the lock
    /// file the stage copied.
    ///
    /// ## What it does
    /// Reports, in a stage that copied a lock file by name (`package-lock.json`, `yarn.lock`,
    /// `pnpm-lock.yaml`, or a glob such as `package*.json` matching it): `npm install` without
    /// package arguments (use `npm ci`), `yarn`/`yarn install` without `--frozen-lockfile` or
    /// `--immutable`, and `pnpm install` without `--frozen-lockfile`.
    ///
    /// ## Why is this bad?
    /// A layer's cache key is the instruction text plus the copied files, not what the
    /// registry serves. Without a frozen lock file the install resolves version ranges again
    /// whenever the layer is rebuilt, so two builds of one commit can install different
    /// dependency trees, and the lock file in the image may silently differ from the one in
    /// the repository. `npm ci` and the frozen flags install exactly the locked versions and
    /// fail when the lock file is out of date.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY package.json package-lock.json ./
    /// RUN npm install
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-alpine
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// ```
    ///
    /// ## Known problems
    /// Stages that copy the lock file only as part of a whole-context `COPY . .` are not
    /// checked, since the Dockerfile does not say whether a lock file exists.
    ///
    /// ## Options
    /// `pip-require-hashes = true` under `[rules]` in `rlint.toml` also reports `pip install -r`
    /// without `--require-hashes` or a constraints file (`-c`). It is off by default: few
    /// projects hash their requirements.
    ///
    /// ## References
    /// - [npm ci](https://docs.npmjs.com/cli/commands/npm-ci)
    /// - [yarn install --frozen-lockfile](https://classic.yarnpkg.com/en/docs/cli/install#toc-yarn-install-frozen-lockfile)
    /// - [pnpm install --frozen-lockfile](https://pnpm.io/cli/install#--frozen-lockfile)
    pub UnlockedInstall {
        code: "RL3006",
        name: "unlocked-install",
        category: LayerCache,
        severity: Info,
        fix: None,
        source: Rlint,
        locality: Stage,
    }
}

impl UnlockedInstall {
    fn run_stage(ctx: &mut Context<'_>, stage: usize) {
        let model = ctx.model;
        let installers = ["npm", "yarn", "pnpm", "pip", "pip3"];
        for run in model
            .stage_span(stage)
            .filter_map(|idx| model.run_at(idx))
            .filter(|run| run.may_run_any(&installers))
        {
            // What the stage copied before this RUN, worked out only for RUNs that install: the
            // walk over the stage chain made this rule quadratic in the stage length.
            let copied = std::cell::OnceCell::new();
            let has_lock = |lock: &str| {
                let copied: &Vec<String> = copied.get_or_init(|| {
                    chain_indices(model, stage)
                        .take_while(|&idx| idx < run.index)
                        .filter_map(|idx| model.local_copy(idx))
                        .flat_map(|(sources, _)| sources)
                        .map(|s| basename(s).to_string())
                        .collect()
                });
                copied.iter().any(|name| glob_match(name, lock))
            };
            for (script, command) in run.commands() {
                // Options are parsed only for the installers below.
                let Some(name) = command.name_str().filter(|name| installers.contains(name)) else {
                    continue;
                };
                let parsed = command.options();
                let sub = parsed.subcommand_str();
                let message = match (name, sub) {
                    ("npm", Some("install" | "i")) if parsed.operands.is_empty() && has_lock("package-lock.json") => {
                        "`npm install` may update `package-lock.json` instead of following it: use `npm ci`"
                    }
                    ("yarn", None | Some("install"))
                        if (sub.is_some() || command.args.iter().all(|a| a.value.starts_with('-')))
                            && !parsed.has(&["--frozen-lockfile", "--immutable"])
                            && has_lock("yarn.lock") =>
                    {
                        "`yarn install` may update `yarn.lock` instead of following it: add `--frozen-lockfile` (Yarn 1) or `--immutable` (Yarn 2+)"
                    }
                    ("pnpm", Some("install" | "i"))
                        if parsed.operands.is_empty()
                            && !parsed.has(&["--frozen-lockfile"])
                            && has_lock("pnpm-lock.yaml") =>
                    {
                        "`pnpm install` may update `pnpm-lock.yaml` instead of following it: add `--frozen-lockfile`"
                    }
                    // Opt-in: requirement files rarely carry hashes.
                    ("pip" | "pip3", Some("install"))
                        if ctx.options.pip_require_hashes
                            && parsed.has(&["-r", "--requirement"])
                            && !parsed.has(&["--require-hashes", "-c", "--constraint"]) =>
                    {
                        "`pip install -r` resolves unpinned dependencies anew on every build: add `--require-hashes` with a hashed requirements file, or a constraints file (`-c`)"
                    }
                    _ => continue,
                };
                let Some(word) = &command.name else {
                    continue;
                };
                let end = parsed
                    .subcommand
                    .as_ref()
                    .map_or(word.range.end, |(_, r)| r.end);
                ctx.report(script.range(&(word.range.start..end)), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, RuleOptions, Selector, Settings};

    fn codes(text: &str, pip_require_hashes: bool) -> usize {
        let settings = Settings {
            select: vec![Selector("RL3006".into())],
            ignore: vec![Selector("ALL".into())],
            options: RuleOptions {
                pip_require_hashes,
                ..RuleOptions::default()
            },
            ..Settings::default()
        };
        lint(&rlint_syntax::parse(text), &settings)
            .iter()
            .filter(|d| d.code == "RL3006")
            .count()
    }

    #[test]
    fn pip_requirements_without_hashes_only_with_the_option() {
        let text =
            "FROM python:3.13\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n";
        assert_eq!(codes(text, false), 0);
        assert_eq!(codes(text, true), 1);
        let hashed = "FROM python:3.13\nRUN pip install --require-hashes -r requirements.txt\n";
        assert_eq!(codes(hashed, true), 0);
        let constrained =
            "FROM python:3.13\nRUN pip install -c constraints.txt -r requirements.txt\n";
        assert_eq!(codes(constrained, true), 0);
    }
}
