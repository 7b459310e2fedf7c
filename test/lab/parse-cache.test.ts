import { describe, expect, it } from 'vitest'
import { LabFile } from '../../src/lab/model'
import { preset } from '../../src/lab/machines'
import { parseLabText } from '../../src/lab/parse-cache'

/** The lab file's parse, reused while its text is unchanged (src/lab/parse-cache.ts). */

const text = (hostname: string) => JSON.stringify({ machines: [preset('nvme-mini-pc', { hostname })] })

describe('parseLabText', () => {
  it('gives what zod gives, a fresh copy each time, and re-reads a changed text', () => {
    const zod = LabFile.parse(JSON.parse(text('one')))
    // The first read parses; from the second on the parse is kept.
    for (let i = 0; i < 3; i++) {
      const copy = parseLabText('/lab-a.json', text('one'))
      expect(copy).toStrictEqual(zod)
      // A caller changing its copy (updateLab does) changes nobody else's.
      copy.machines[0]!.hostname = 'changed'
      copy.machines.push(structuredClone(copy.machines[0]!))
    }
    expect(parseLabText('/lab-a.json', text('two')).machines[0]!.hostname).toBe('two')
    expect(parseLabText('/lab-b.json', text('three')).machines[0]!.hostname).toBe('three')
  })

  it('throws what zod throws for a bad lab, every time', () => {
    const bad = JSON.stringify({ machines: [{ id: 'x' }] })
    expect(() => parseLabText('/lab-bad.json', bad)).toThrow()
    expect(() => parseLabText('/lab-bad.json', bad)).toThrow()
  })
})
