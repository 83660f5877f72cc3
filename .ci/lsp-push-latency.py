#!/usr/bin/env python3
"""Push-diagnostics latency of `rlint lsp`, for clients that do not pull (Neovim, Helix, eglot).

../shared/tools/lsp_probe.py declares pull support, so rlint answers it by pull and never
pushes; this client declares none. It opens FILE, then makes EDITS edits (typing and deleting
one character at spread-out places) and times each didChange until the publishDiagnostics of
that version. Each message is timed when its last byte has arrived, before this client parses
it.

Usage: .ci/lsp-push-latency.py RLINT_BINARY FILE [EDITS]
"""
import json
import math
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, path = sys.argv[1], sys.argv[2]
    n_edits = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)

    def send(message):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def receive():
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = server.stdout.read(1)
            if not byte:
                sys.exit("the server closed its output")
            header += byte
        length = next(int(line.split(b":")[1]) for line in header.split(b"\r\n")
                      if line.lower().startswith(b"content-length"))
        body = server.stdout.read(length)
        # Read the clock before parsing: a tuple's parts are evaluated left to right.
        arrived = time.perf_counter()
        return json.loads(body), arrived

    def wait_for(predicate):
        """The time the first message `predicate` accepts arrived."""
        while True:
            message, arrived = receive()
            if "method" in message and "id" in message:
                # workspace/configuration and the like: no settings.
                send({"jsonrpc": "2.0", "id": message["id"], "result": [None]})
            if predicate(message):
                return arrived

    def published(version):
        return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"].get("version") == version)

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": None,
        "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}}})
    wait_for(lambda m: m.get("id") == 1 and "result" in m)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    uri = "file:///rlint-push-latency/Dockerfile"
    started = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "dockerfile", "version": 1, "text": text}}})
    open_ms = (wait_for(published(1)) - started) * 1000
    latencies = []
    for i in range(n_edits):
        line = (100 + (i // 2) * 97) % max(len(lines) - 1, 1)
        column = len(lines[line]) // 2
        start = {"line": line, "character": column}
        if i % 2 == 0:
            change = {"range": {"start": start, "end": start}, "text": "x"}
        else:
            end = {"line": line, "character": column + 1}
            change = {"range": {"start": start, "end": end}, "text": ""}
        version = i + 2
        started = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        latencies.append((wait_for(published(version)) - started) * 1000)
    server.kill()
    latencies.sort()
    print("open->publish %.1f ms; change->publish p50 %.1f p90 %.1f max %.1f ms (%d edits)" % (
        open_ms, statistics.median(latencies), latencies[math.ceil(len(latencies) * 0.9) - 1],
        latencies[-1], len(latencies)))


if __name__ == "__main__":
    main()
