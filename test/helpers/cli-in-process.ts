import { vi } from 'vitest'
import { runCli } from '@cli/program'

/** Runs `wild` in this process (no build needed) and returns its exit code and what it wrote. */
export async function wildInProcess(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true))
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true))
  try {
    const code = await runCli(argv)
    return { code, stdout, stderr }
  } finally {
    vi.restoreAllMocks()
    process.exitCode = undefined
  }
}
