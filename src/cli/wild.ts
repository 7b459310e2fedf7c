// `wild`: a small launcher (out/cli/wild.js) that starts the program (out/cli/main.js, from
// src/cli/main.ts) through V8's code cache, so a read such as `wild node list` does not spend
// most of its time compiling the program. See compile-cache.ts.
import { join } from 'node:path'
import { runBundle } from './compile-cache'

const run = runBundle(join(__dirname, 'main.js'))
process.once('exit', run.save)
