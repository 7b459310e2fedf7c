import { createWildApi } from './api'
import type { EventMessage } from '../shared/ipc'

/**
 * window.wild for the browser preview: the same API factory as the Electron preload, over a
 * WebSocket to the preview server on 127.0.0.1. The token comes from the URL the server printed.
 */
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void }

const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('wild-preview-token') ?? ''
if (token) sessionStorage.setItem('wild-preview-token', token)
const socket = new WebSocket(`ws://${location.host}/__wild/ws?token=${encodeURIComponent(token)}`)
const pending = new Map<number, Pending>()
const outbox: string[] = []
let nextId = 1
let listener: (m: EventMessage) => void = () => {}

function send(message: unknown): void {
  const text = JSON.stringify(message)
  if (socket.readyState === WebSocket.OPEN) socket.send(text)
  else outbox.push(text)
}

socket.addEventListener('open', () => {
  for (const text of outbox.splice(0)) socket.send(text)
})
socket.addEventListener('message', (e) => {
  const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; event?: EventMessage }
  if (msg.event) listener(msg.event)
  else if (typeof msg.id === 'number') {
    pending.get(msg.id)?.resolve(msg.result)
    pending.delete(msg.id)
  }
})
socket.addEventListener('close', () => {
  for (const p of pending.values()) p.reject(new Error('The preview server closed the connection.'))
  pending.clear()
})

Object.defineProperty(window, 'wild', {
  value: createWildApi({
    invoke: (channel, input) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve, reject })
        send({ id, channel, input })
      }),
    subscribe: (l) => {
      listener = l
    },
    ready: () => send({ ready: true })
  }),
  writable: false,
  configurable: false
})
