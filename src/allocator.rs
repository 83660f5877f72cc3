//! The allocator, and how the language server tunes it.

// Linting allocates many small, short-lived values (words, tokens, findings); mimalloc serves
// them markedly faster than glibc's allocator (see the commit that added it for figures).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The mimalloc option that says how long (in ms) freed memory is kept before it is given back
/// to the system, and its older name, which mimalloc still reads.
#[cfg(unix)]
const PURGE_DELAY: [&str; 2] = ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"];

/// The server's value. mimalloc's default, 1000 ms, suits a short run; a server that answers
/// every keystroke on a 20,000-line file frees megabytes per edit, and with that default its
/// peak RSS was 57-60 MiB where its live heap was 21-27 MB. At 10 ms the peak was 48-51 MiB,
/// too close to the 50 MiB target; at 0 (freed pages go back at once) it was 42.6-42.9 MiB in
/// three probe runs, for about 1 ms more per edit at 20,000 lines (p50 13.5-14.7 ms against
/// 12.7-12.9 ms at 10) and nothing measurable at 2,000 (lsp_probe, 200 and 400 edits).
#[cfg(unix)]
const SERVER_PURGE_DELAY_MS: &str = "0";

/// Makes the language server give freed memory back sooner: unless the user chose a purge delay,
/// the process replaces itself with the same program and arguments with the option set
/// (mimalloc reads its options once, when the process loads, and setting them later takes
/// `unsafe`, which this workspace forbids). Returns only if that could not be done, or on
/// systems without `exec`: the server then runs with mimalloc's defaults.
pub fn tune_for_server() {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        if PURGE_DELAY
            .iter()
            .any(|name| std::env::var_os(name).is_some())
        {
            return;
        }
        // Linux names the running program itself, even when its file was replaced or removed
        // since it started (an upgrade); elsewhere its path is the best there is.
        let program = if cfg!(target_os = "linux") {
            std::path::PathBuf::from("/proc/self/exe")
        } else {
            match std::env::current_exe() {
                Ok(program) => program,
                Err(_) => return,
            }
        };
        let mut args = std::env::args_os();
        let error = std::process::Command::new(program)
            .arg0(args.next().unwrap_or_default())
            .args(args)
            .env(PURGE_DELAY[0], SERVER_PURGE_DELAY_MS)
            .exec();
        eprintln!(
            "rlint lsp: could not restart with {} set ({error}); going on",
            PURGE_DELAY[0]
        );
    }
}
