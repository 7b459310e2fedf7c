import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { ClusterSettings } from '../../shared/contract/cluster'
import { AppError } from '../../shared/errors'
import { ensureSecretDir, pathExists, readJsonFile, SECRET_FILE_MODE, writeSecretFile } from '../fs-safe'
import type { InstancePaths } from '../paths'
import type { TalosApi } from '../talos/talos-api'
import { withLock } from '../config/lock'

export type ClusterConfigTalos = Pick<TalosApi, 'genSecrets' | 'genConfig'>

/** What the generated files depend on; a change regenerates them from the same secrets. */
const Inputs = z.object({
  clusterName: z.string(),
  endpoint: z.string(),
  talosVersion: z.string(),
  kubernetesVersion: z.string()
})
type Inputs = z.infer<typeof Inputs>

export function controlPlaneEndpoint(vip: string): string {
  return `https://${vip}:6443`
}

/** gen config takes the config contract (v1.11), not a full tag with a pre-release suffix. */
export function configContract(talosVersion: string): string {
  return /^v\d+\.\d+/.exec(talosVersion)?.[0] ?? talosVersion
}

export function generationInputs(s: ClusterSettings): Inputs {
  if (!s.vip) {
    throw new AppError(
      'VALIDATION',
      'Set the control-plane VIP first (a free address in the subnet): wild cluster config --vip IP, or the Cluster settings screen.'
    )
  }
  return {
    clusterName: s.name,
    endpoint: controlPlaneEndpoint(s.vip),
    talosVersion: s.talosVersion,
    kubernetesVersion: s.kubernetesVersion.replace(/^v/, '')
  }
}

const stampFile = (p: InstancePaths) => join(p.generated, '.wild-inputs.json')

async function stamp(p: InstancePaths): Promise<Inputs | null> {
  const parsed = Inputs.safeParse(await readJsonFile(stampFile(p)).catch(() => undefined))
  return parsed.success ? parsed.data : null
}

function sameInputs(a: Inputs | null, b: Inputs): boolean {
  return !!a && a.clusterName === b.clusterName && a.endpoint === b.endpoint && a.talosVersion === b.talosVersion && a.kubernetesVersion === b.kubernetesVersion
}

/** Are secrets, both machine configs and the talosconfig there, made from the current settings? */
export async function clusterConfigReady(p: InstancePaths, s: ClusterSettings): Promise<boolean> {
  if (!s.vip) return false
  const files = await Promise.all([p.secrets, p.controlplane, p.worker, p.talosconfig].map(pathExists))
  return files.every(Boolean) && sameInputs(await stamp(p), generationInputs(s))
}

/** Everything under talos/generated (and the instance folder) is key material: 0700/0600. */
export async function tightenSecrets(p: InstancePaths): Promise<void> {
  await ensureSecretDir(p.root)
  await ensureSecretDir(p.talos)
  await ensureSecretDir(p.generated)
  for (const f of [p.secrets, p.controlplane, p.worker, p.talosconfig]) {
    await fs.chmod(f, SECRET_FILE_MODE).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e
    })
  }
}

/**
 * Generates the cluster secrets exactly once per instance — regenerating them would orphan
 * every node — and the machine configs and talosconfig from them, with the pinned versions.
 * Serialized per instance across processes; secrets are created next to the target and linked
 * into place, so even a race cannot replace an existing secrets.yaml.
 */
export async function ensureClusterConfig(
  talos: ClusterConfigTalos,
  p: InstancePaths,
  s: ClusterSettings,
  o: { signal?: AbortSignal; log?: (line: string) => void } = {}
): Promise<{ secretsCreated: boolean; configGenerated: boolean }> {
  const inputs = generationInputs(s)
  return withLock(
    join(p.root, '.wild-talos.lock'),
    async () => {
      await tightenSecrets(p)
      let secretsCreated = false
      if (!(await pathExists(p.secrets))) {
        const tmp = join(p.generated, `.secrets.${process.pid}.${Date.now()}.yaml`)
        try {
          await talos.genSecrets({ output: tmp }, { signal: o.signal })
          await fs.chmod(tmp, SECRET_FILE_MODE)
          await fs.link(tmp, p.secrets)
          secretsCreated = true
          o.log?.('Generated the cluster secrets (talos/generated/secrets.yaml). Keep this file: it is the cluster.')
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
        } finally {
          await fs.rm(tmp, { force: true })
        }
      } else {
        o.log?.('Using the existing cluster secrets.')
      }
      const have = await Promise.all([p.controlplane, p.worker, p.talosconfig].map(pathExists))
      if (have.every(Boolean) && sameInputs(await stamp(p), inputs)) {
        await tightenSecrets(p)
        return { secretsCreated, configGenerated: false }
      }
      await talos.genConfig(
        {
          clusterName: inputs.clusterName,
          endpoint: inputs.endpoint,
          secretsFile: p.secrets,
          talosVersion: configContract(inputs.talosVersion),
          kubernetesVersion: inputs.kubernetesVersion,
          outputDir: p.generated,
          force: true
        },
        { signal: o.signal }
      )
      // talosctl writes all three 0644, talosconfig included.
      await tightenSecrets(p)
      await writeSecretFile(stampFile(p), JSON.stringify(inputs, null, 2) + '\n')
      o.log?.(
        `Generated controlplane.yaml, worker.yaml and talosconfig for ${inputs.clusterName} ` +
          `(endpoint ${inputs.endpoint}, Talos ${inputs.talosVersion}, Kubernetes ${inputs.kubernetesVersion}).`
      )
      return { secretsCreated, configGenerated: true }
    },
    { what: `The Talos configuration of ${p.root}`, waitMs: 120_000 }
  )
}
