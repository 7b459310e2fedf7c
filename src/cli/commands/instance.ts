import type { Command } from 'commander'
import { coreFor } from '../context'
import { action, output, table } from '../output'

export function registerInstanceCommands(program: Command): void {
  const instance = program.command('instance').description('Create, list, select and delete instances')

  instance
    .command('create <name>')
    .description('Create an instance and make it current')
    .option('--no-use', 'do not make it the current instance')
    .action(
      action(async (_signal, name: string, opts: { use: boolean }, cmd: Command) => {
        const created = await coreFor(cmd).instances.create(name, { use: opts.use })
        output(cmd, created, () => `Created instance ${created.name} at ${created.path}`)
      })
    )

  instance
    .command('list')
    .description('List instances')
    .action(
      action(async (_signal, _opts, cmd: Command) => {
        const list = await coreFor(cmd).instances.list()
        output(cmd, list, () =>
          list.length === 0
            ? 'No instances yet. Create one with: wild instance create NAME'
            : table(
                ['', 'NAME', 'CLUSTER', 'NODES', 'STATE'],
                list.map((i) => [i.current ? '*' : '', i.name + (i.demo ? ' (demo)' : ''), i.clusterName ?? '', String(i.nodeCount), i.error ?? 'ok'])
              )
        )
      })
    )

  instance
    .command('use <name>')
    .description('Make an instance the current one')
    .action(
      action(async (_signal, name: string, _opts, cmd: Command) => {
        const used = await coreFor(cmd).instances.use(name)
        output(cmd, used, () => `Now using instance ${used.name}`)
      })
    )

  instance
    .command('delete <name>')
    .description('Delete an instance and everything in its folder')
    .requiredOption('--confirm <name>', 'type the instance name again to confirm')
    .action(
      action(async (_signal, name: string, opts: { confirm: string }, cmd: Command) => {
        await coreFor(cmd).instances.remove(name, opts.confirm)
        output(cmd, { ok: true, deleted: name }, () => `Deleted instance ${name}`)
      })
    )
}
