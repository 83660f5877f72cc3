-- rlint language server for Neovim's built-in LSP client (0.8+).
--
--   require("rlint").setup()                 -- start rlint for every Dockerfile buffer
--   require("rlint").setup({ cmd = { "/path/to/rlint", "lsp" }, select = { "ALL" } })
local M = {}

local root_markers = { "rlint.toml", ".rlint.toml", ".hadolint.yaml", ".hadolint.yml", ".git" }

function M.config(opts)
  opts = opts or {}
  return {
    name = "rlint",
    cmd = opts.cmd or { "rlint", "lsp" },
    root_dir = vim.fs.dirname(vim.fs.find(root_markers, { upward = true })[1] or vim.api.nvim_buf_get_name(0)),
    init_options = { select = opts.select or {}, ignore = opts.ignore or {} },
  }
end

function M.setup(opts)
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "dockerfile",
    callback = function(args)
      vim.lsp.start(M.config(opts), { bufnr = args.buf })
    end,
  })
end

return M
