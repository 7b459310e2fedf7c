import type { Command } from 'commander'
import { boardCommands } from '../../shared/contract/boards'
import { coreFor, instanceFor } from '../context'
import { action, output } from '../output'
import { parseOption as parse } from '../parse-option'

interface MediaOptions {
  arch: string
  overlay?: string
  secureBoot?: boolean
  extension?: string[]
}

const collect = (v: string, prev: string[] = []) => [...prev, v]

/** `wild board media`: a node's boot media (arch, overlay, Secure Boot); `board overlays` is a verb (src/cli/verbs/boards.ts). */
export function registerBoardCommands(program: Command): void {
  const board = program.command('board').description('arm64 boards (factory overlays) and Secure Boot media per node')

  board
    .command('media <hostname>')
    .description("Choose a node's architecture, board overlay and Secure Boot: creates its schematic and records it on the node")
    .requiredOption('--arch <arch>', 'amd64 or arm64')
    .option('--overlay <image:name>', 'the board overlay, like siderolabs/sbc-rockchip:rock5b')
    .option('--secure-boot', 'the machine runs with UEFI Secure Boot: use the signed ISO and installer')
    .option('--extension <name>', 'an official extension to keep in the schematic (repeatable)', collect)
    .action(
      action(async (signal, hostname: string, o: MediaOptions, cmd: Command) => {
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          const [image, name] = o.overlay ? o.overlay.split(':') : []
          const input = parse(boardCommands['boards.media'].input, {
            instance,
            hostname,
            arch: o.arch,
            overlay: o.overlay ? { image, name: name ?? '' } : null,
            extensions: o.extension ?? [],
            secureBoot: o.secureBoot === true
          })
          const m = await core.boards.media(input, signal)
          output(cmd, m, () =>
            [
              `${m.hostname}: ${m.arch}${m.overlay ? `, overlay ${m.overlay.image} ${m.overlay.name}` : ''}${m.secureBoot ? ', Secure Boot' : ''}`,
              `Schematic:    ${m.schematicId}`,
              `Installer:    ${m.installerImage}`,
              `ISO:          ${m.isoFile} (wild assets download --arch ${m.arch} --schematic ${m.schematicId} --version ${m.version})`,
              `Kernel args:  ${m.kernelArgsFile}`,
              ...(m.enrolment ? ['', m.enrolment] : [])
            ].join('\n')
          )
        } finally {
          await core.close()
        }
      })
    )
}
