// Import rules between the layers (npm run lint:deps, run by scripts/test.sh before vitest).
// Why: the core is plain Node shared by the app, the CLI and the tests; the renderer reaches the
// core only through the contract over IPC; the simulated lab is loaded lazily in demo mode only.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-electron',
      comment: 'src/core is plain Node: the CLI, the preview and the tests run it without Electron.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^electron', 'node_modules/electron'] }
    },
    {
      name: 'core-no-shell-renderer-lab',
      comment: 'src/core imports no shell (src/main), no renderer and no simulated lab: the app and the CLI hand it the lab (CoreOptions.demo).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(main|renderer|lab|cli|preload|preview)/' }
    },
    {
      name: 'renderer-only-contract',
      comment: 'The renderer talks to the engine through window.wild (the contract), never by importing it.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(core|main|lab|cli)/' }
    },
    {
      name: 'cli-no-electron-shell',
      comment: 'The wild CLI runs the contract handlers over its own context: no Electron, no shell (src/main/shell, src/main/index.ts).',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: ['^electron', 'node_modules/electron', '^src/main/shell/', '^src/main/index[.]ts$', '^src/(renderer|preload)/'] }
    },
    {
      name: 'cli-commands-through-session',
      comment:
        'wild verbs written by hand run contract commands through a CliSession (src/cli/verbs/session.ts), never the core or the shell: one boundary for the CLI and the app.',
      severity: 'error',
      from: { path: '^src/cli/commands/' },
      to: { path: '^src/(core|main)/', dependencyTypesNot: ['type-only', 'type-import'] }
    },
    {
      name: 'lab-loaded-lazily',
      comment: 'Outside the lab and tests, src/lab is reached only by a dynamic import of src/lab/demo-lab.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(lab|preview)/' },
      // Types cost nothing at run time; only code that would load the lab counts.
      to: { path: '^src/lab/', dynamic: false, dependencyTypesNot: ['type-only', 'type-import'] }
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.paths.json' },
    exclude: { path: '^out/' }
  }
}
