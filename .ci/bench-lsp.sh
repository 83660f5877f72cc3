#!/usr/bin/env bash
# Measures `rlint lsp` and the Node Dockerfile language server side by side with
# ../shared/tools/lsp_probe.py, on files of 2,000 and 20,000 lines made by
# ../shared/tools/gen_big_dockerfile.py, and prints one table.
# Needs: python3, ../shared, and the Node server (npm install dockerfile-language-server-nodejs;
# set DOCKER_LANGSERVER to its docker-langserver, or have it on PATH; without it only rlint runs).
# Usage: .ci/bench-lsp.sh [EDITS_FOR_RLINT] [EDITS_FOR_NODE]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${RLINT_SHARED:-../shared}"
rlint_edits="${1:-200}"
node_edits="${2:-20}"
cargo build --release --quiet
rlint="$PWD/target/release/rlint"
node="${DOCKER_LANGSERVER:-$(command -v docker-langserver || true)}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lines in 2000 20000; do
  python3 "$shared/tools/gen_big_dockerfile.py" "$lines" > "$work/$lines.Dockerfile"
  python3 "$shared/tools/lsp_probe.py" --server "$rlint lsp" --file "$work/$lines.Dockerfile" \
    --edits "$rlint_edits" --json-out "$work/rlint-$lines.json" > /dev/null
  if [ -n "$node" ]; then
    python3 "$shared/tools/lsp_probe.py" --server "$node --stdio" --file "$work/$lines.Dockerfile" \
      --edits "$node_edits" --request-timeout 600 --json-out "$work/node-$lines.json" > /dev/null
  fi
done
python3 - "$work" <<'EOF'
import json, os, sys
work = sys.argv[1]
def get(report, *path):
    for key in path:
        if not isinstance(report, dict) or key not in report:
            return None
        report = report[key]
    return report
def fmt(value):
    return "-" if value is None else f"{value:.1f}"
rows = [
    ("open->diagnostics ms", lambda r: get(r, "open_to_diagnostics_ms")),
    ("change->diagnostics p50 ms", lambda r: get(r, "edits", "change_to_diagnostics", "p50_ms")),
    ("change->diagnostics p99 ms", lambda r: get(r, "edits", "change_to_diagnostics", "p99_ms")),
    ("semanticTokens/full p50 ms", lambda r: get(r, "probes", "semanticTokens/full", "latency", "p50_ms")),
    ("peak RSS MiB", lambda r: (get(r, "peak_rss_kib") or 0) / 1024 or None),
]
print(f"{'':30} {'rlint 2k':>10} {'node 2k':>10} {'rlint 20k':>10} {'node 20k':>10}")
reports = {}
for server in ("rlint", "node"):
    for lines in (2000, 20000):
        path = os.path.join(work, f"{server}-{lines}.json")
        reports[(server, lines)] = json.load(open(path)) if os.path.exists(path) else {}
for name, pick in rows:
    cells = [fmt(pick(reports[(s, n)])) for n in (2000, 20000) for s in ("rlint", "node")]
    print(f"{name:30} " + " ".join(f"{c:>10}" for c in cells))
EOF
