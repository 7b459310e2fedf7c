import { useEffect } from 'react'
import type { Theme } from '@shared/contract/app'
import { useCommandQuery } from '../api/hooks'

const STORAGE_KEY = 'wild.theme'

function isTheme(v: unknown): v is Theme {
  return v === 'light' || v === 'dark' || v === 'system'
}

/** Sets the theme on <html>; CSS does the rest (system follows prefers-color-scheme). */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme
  try {
    localStorage.setItem(STORAGE_KEY, theme)
  } catch {
    /* storage can be unavailable (opaque origins); the CSS media query still applies */
  }
}

/** Called before React renders: the last theme used, so the first frame has the right colours. */
export function bootTheme(): void {
  let theme: Theme = 'system'
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    if (isTheme(stored)) theme = stored
  } catch {
    /* ignore */
  }
  document.documentElement.dataset.theme = theme
}

/** Keeps <html data-theme> in step with the settings (and with settings.changed events). */
export function useThemeFromSettings(): void {
  const { data } = useCommandQuery('settings.get', {}, { staleTime: Infinity })
  useEffect(() => {
    if (data) applyTheme(data.theme)
  }, [data])
}
