import type * as Execa from 'execa'

let loaded: typeof Execa | undefined

/**
 * execa on first use: loading it costs a CLI start some 20 ms, and most `wild` verbs (a node list,
 * a status) start no child at all.
 */
export async function loadExeca(): Promise<typeof Execa.execa> {
  loaded ??= await import('execa')
  return loaded.execa
}

/** execa once a child was started through loadExeca (the guard only runs beside such a child). */
export function loadedExeca(): typeof Execa.execa {
  if (!loaded) throw new Error('execa is not loaded yet: a child must be started through loadExeca first')
  return loaded.execa
}
