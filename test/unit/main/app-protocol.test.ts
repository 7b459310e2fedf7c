import { describe, expect, it } from 'vitest'
import { resolveAppUrl } from '@main/shell/app-protocol'
import { isAllowedOrigin } from '@main/shell/secure-window'

describe('app:// protocol', () => {
  it.each([
    ['app://wild/index.html', '/r/index.html'],
    ['app://wild/', '/r/index.html'],
    ['app://wild/assets/index-abc.js', '/r/assets/index-abc.js']
  ])('serves %s from the renderer folder', (url, file) => {
    expect(resolveAppUrl(url, '/r')?.file).toBe(file)
  })

  it.each(['app://wild/../main/index.js', 'app://wild/%2e%2e/main/index.js'])(
    'keeps %s inside the renderer folder (the URL parser drops the dot segments)',
    (url) => {
      const r = resolveAppUrl(url, '/r')
      expect(r === null || r.file.startsWith('/r/')).toBe(true)
    }
  )

  it.each(['app://wild/..%2f..%2fetc%2fpasswd', 'app://other/index.html', 'file:///r/index.html', 'app://wild/a%00b', 'not a url'])('refuses %s', (url) => {
    expect(resolveAppUrl(url, '/r')).toBeNull()
  })

  it('treats app://wild as our origin and nothing else', () => {
    expect(isAllowedOrigin('app://wild/index.html', ['app://wild'])).toBe(true)
    expect(isAllowedOrigin('app://evil/index.html', ['app://wild'])).toBe(false)
    expect(isAllowedOrigin('https://wild/index.html', ['app://wild'])).toBe(false)
  })
})
