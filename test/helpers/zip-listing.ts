import yauzl from 'yauzl'

/** Every entry of a zip file with its text: what a support engineer would see on opening it. */
export async function readZip(file: string): Promise<Map<string, string>> {
  const zip = await yauzl.openPromise(file)
  const out = new Map<string, string>()
  try {
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry)
      const chunks: Buffer[] = []
      for await (const c of stream) chunks.push(c as Buffer)
      out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'))
    }
  } finally {
    zip.close()
  }
  return out
}
