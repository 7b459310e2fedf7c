// The `wild` program proper, built to out/cli/main.js and started by the launcher (src/cli/wild.ts),
// which compiles it through V8's code cache.
import { runCli } from './program'
import { installStopSignals } from './signals'

installStopSignals()
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
