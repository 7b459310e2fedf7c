import { runCli } from './program'
import { installStopSignals } from './signals'

installStopSignals()
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
