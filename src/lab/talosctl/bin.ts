import { runTalosctl } from './run'

// The simulated talosctl as an executable. No signal handlers of its own: SIGTERM and SIGKILL
// end it at once, and it starts no child processes, so nothing outlives it.
runTalosctl(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd()
}).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = 1
  }
)
