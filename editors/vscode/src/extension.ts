// Starts `rlint lsp` for Dockerfiles and shows a clear message when the binary is missing.
import * as vscode from "vscode";
import { execFile } from "child_process";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** Resolves when `rlint --version` runs, so a missing binary is reported once, clearly. */
function checkBinary(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(path, ["--version"], (error) => {
      resolve(error ? `${error.message}` : undefined);
    });
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("rlint");
  const path = config.get<string>("path", "rlint");
  const problem = await checkBinary(path);
  if (problem) {
    void vscode.window.showErrorMessage(
      `rlint: cannot run "${path}" (${problem}). Install rlint with \`cargo install --path .\` in its repository, ` +
        "or set `rlint.path` to the binary."
    );
    return;
  }
  const serverOptions: ServerOptions = { command: path, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "dockerfile" },
      { scheme: "untitled", language: "dockerfile" },
    ],
    initializationOptions: {
      select: config.get<string[]>("select", []),
      ignore: config.get<string[]>("ignore", []),
    },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{rlint.toml,.rlint.toml,.hadolint.yaml,.hadolint.yml,.dockerignore}"
      ),
    },
  };
  client = new LanguageClient("rlint", "rlint", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
