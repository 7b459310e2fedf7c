import type { WildApi } from './api'

declare global {
  interface Window {
    wild: WildApi
  }
}
export {}
