-- Drives rlint's language server from real headless Neovim (0.7+): open a Dockerfile, wait for
-- diagnostics, apply a quick fix, write the results for the Rust test to check.
local bin, file, out = os.getenv("RLINT_BIN"), os.getenv("RLINT_FILE"), os.getenv("RLINT_OUT")
local report = {}
local function finish()
  local handle = io.open(out, "w")
  handle:write(table.concat(report, "\n"), "\n")
  handle:close()
  vim.cmd("qall!")
end

vim.cmd("edit " .. file)
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({ name = "rlint", cmd = { bin, "lsp" }, root_dir = vim.fn.fnamemodify(file, ":h") })
vim.lsp.buf_attach_client(bufnr, client_id)

local got = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
if not got then
  table.insert(report, "NO DIAGNOSTICS")
  return finish()
end
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(report, string.format("diagnostic %s %d:%d", tostring(d.code), d.lnum, d.col))
end

-- Ask for code actions on the first diagnostic of DL3014 (apt-get without -y) and apply its fix.
local target
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  if d.code == "DL3014" then target = d end
end
local range = { start = { line = target.lnum, character = target.col }, ["end"] = { line = target.end_lnum, character = target.end_col } }
-- Neovim keeps the server's fields (code, data, ...) in user_data.lsp; put range and message back.
local lsp_diagnostic = vim.deepcopy((target.user_data and target.user_data.lsp) or {})
lsp_diagnostic.range = range
lsp_diagnostic.message = target.message
lsp_diagnostic.code = target.code
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = range,
  context = { diagnostics = { lsp_diagnostic } },
}
local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000) or {}
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    table.insert(report, "action " .. action.title)
    if action.edit and action.kind == "quickfix" and not action.title:find("^Ignore") and not report.applied then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      report.applied = true
    end
  end
end
for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  table.insert(report, "line " .. line)
end
finish()
