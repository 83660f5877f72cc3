//! The allocator, and how the language server tunes it.

// Linting allocates many small, short-lived values (words, tokens, findings); mimalloc serves
// them markedly faster than glibc's allocator (see the commit that added it for figures).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The mimalloc option that says how long (in ms) freed memory is kept before it is given back
/// to the system.
const PURGE_DELAY: &str = "MIMALLOC_PURGE_DELAY";

/// The server's value. mimalloc's default, 1000 ms, suits a short run; a server that answers
/// every keystroke on a 20,000-line file frees a few megabytes per edit and with that default
/// peaked at 57-59 MiB where its live heap was 21-27 MB. At 10 ms the peak was 48.7-48.9 MiB,
/// for 1-2 ms more per edit at 20,000 lines and nothing measurable at 2,000 (lsp_probe, three
/// runs each; the figures are in the commit that set it).
const SERVER_PURGE_DELAY_MS: &str = "10";

/// Makes the language server give freed memory back sooner: unless the user chose a purge delay,
/// the process replaces itself with the same program and arguments with [`PURGE_DELAY`] set.
/// (mimalloc reads its options once, when the process loads, and setting them later takes
/// `unsafe`, which this workspace forbids.) Returns only if that could not be done: the server
/// then runs with mimalloc's defaults.
pub fn tune_for_server() {
    if std::env::var_os(PURGE_DELAY).is_some() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let Ok(program) = std::env::current_exe() else {
            return;
        };
        let error = std::process::Command::new(program)
            .args(std::env::args_os().skip(1))
            .env(PURGE_DELAY, SERVER_PURGE_DELAY_MS)
            .exec();
        eprintln!("rlint lsp: could not restart with {PURGE_DELAY} set ({error}); going on");
    }
}
