// A stand-in for the `electron` module so the built main bundle can be loaded under plain Node.
// It records what the bundle asks Electron to do; the smoke test asserts on the record.
const { EventEmitter } = require('node:events')
const os = require('node:os')
const path = require('node:path')

const record = {
  windows: [],
  handles: new Map(),
  on: new Map(),
  sessionHandlers: {},
  appEvents: new Map(),
  webContentsHandlers: [],
  schemes: [],
  protocolHandlers: {},
  dialogs: [],
  dialogAnswer: null
}
const userData = process.env.WILD_STUB_USERDATA || path.join(os.tmpdir(), 'wild-stub-userdata')

class WebContents extends EventEmitter {
  constructor(id) {
    super()
    this.id = id
    this.sent = []
    this.windowOpenHandler = null
  }
  send(channel, message) {
    this.sent.push([channel, message])
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn
  }
}

let nextId = 1
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents(nextId++)
    this.loaded = null
    record.windows.push(this)
    // What Electron does for every new contents: the app's web-contents-created hardening runs.
    for (const fn of record.appEvents.get('web-contents-created') || []) fn({}, this.webContents)
  }
  loadFile(file) {
    this.loaded = { file }
    return Promise.resolve()
  }
  loadURL(url) {
    this.loaded = { url }
    return Promise.resolve()
  }
  isDestroyed() {
    return false
  }
  isMinimized() {
    return false
  }
  show() {}
  focus() {}
  restore() {}
  maximize() {}
  isMaximized() {
    return false
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: this.options.width, height: this.options.height }
  }
}

let readyResolve
const ready = new Promise((r) => (readyResolve = r))
const app = {
  requestSingleInstanceLock: () => ((record.singleInstanceLock = true), true),
  quit: () => (record.quit = true),
  on: (event, fn) => {
    if (!record.appEvents.has(event)) record.appEvents.set(event, [])
    record.appEvents.get(event).push(fn)
  },
  whenReady: () => ready,
  isReady: () => true,
  getPath: (name) => path.join(userData, name === 'userData' ? '' : name),
  getVersion: () => '0.0.0-smoke',
  getName: () => 'wild-central',
  getAppPath: () => process.cwd(),
  setPath: () => {},
  setAppUserModelId: (id) => (record.appUserModelId = id),
  isPackaged: true
}

const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (record.sessionHandlers.permissionRequest = fn),
    setPermissionCheckHandler: (fn) => (record.sessionHandlers.permissionCheck = fn),
    webRequest: {
      onHeadersReceived: (fn) => (record.sessionHandlers.headers = fn),
      onBeforeRequest: (fn) => (record.sessionHandlers.beforeRequest = fn)
    }
  }
}

module.exports = {
  app,
  BrowserWindow,
  session,
  ipcMain: {
    handle: (channel, fn) => record.handles.set(channel, fn),
    on: (channel, fn) => record.on.set(channel, fn),
    removeHandler: (channel) => record.handles.delete(channel)
  },
  protocol: {
    registerSchemesAsPrivileged: (list) => record.schemes.push(...list),
    handle: (scheme, fn) => (record.protocolHandlers[scheme] = fn)
  },
  // Native dialogs: recorded with their parent window; the test scripts the operator's answer.
  dialog: {
    showOpenDialog: async (...args) => {
      const [parent, options] = args.length > 1 ? args : [null, args[0]]
      record.dialogs.push({ kind: 'open', parent, options })
      return record.dialogAnswer ? record.dialogAnswer('open', options) : { canceled: true, filePaths: [] }
    },
    showMessageBox: async (...args) => {
      const [parent, options] = args.length > 1 ? args : [null, args[0]]
      record.dialogs.push({ kind: 'message', parent, options })
      return record.dialogAnswer ? record.dialogAnswer('message', options) : { response: options.cancelId ?? 0, checkboxChecked: false }
    }
  },
  // The application menu as built from its template, for assertions on what a packaged app offers.
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (menu) => (record.menu = menu)
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  nativeTheme: { themeSource: 'system', shouldUseDarkColors: false, on() {} },
  shell: { openExternal: async (url) => (record.opened = (record.opened || []).concat(url)) },
  contextBridge: { exposeInMainWorld: () => {} },
  ipcRenderer: {},
  __record: record,
  __ready: () => readyResolve()
}
