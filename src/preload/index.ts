import { contextBridge, ipcRenderer } from 'electron'
import { createWildApi } from './api'
import { EVENT_CHANNEL, READY_CHANNEL, type EventMessage } from '../shared/ipc'

// Only window.wild crosses the bridge: no ipcRenderer, process or env.
const api = createWildApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe: (listener) => {
    ipcRenderer.on(EVENT_CHANNEL, (_event, message: EventMessage) => listener(message))
  },
  ready: () => ipcRenderer.send(READY_CHANNEL)
})

contextBridge.exposeInMainWorld('wild', api)
