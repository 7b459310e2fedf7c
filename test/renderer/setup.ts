import { cleanup, configure } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { installFakeWild, uninstallFakeWild } from './fake-wild'

// Screens are lazy chunks: the first import of one in a worker can take a while under load.
configure({ asyncUtilTimeout: 5000 })

beforeEach(() => {
  window.location.hash = ''
  document.documentElement.removeAttribute('data-theme')
  try {
    localStorage.clear()
  } catch {
    /* ignore */
  }
  // Every test starts with a healthy default bridge; tests install their own to change it.
  installFakeWild()
})

afterEach(() => {
  cleanup()
  uninstallFakeWild()
})
