// The bridge: exposes typed functions, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNEL, LIVE_CHANNEL, SHARING_CHANNEL, SHELL_CHANNEL, type TicketiBridge } from '../shared/ipc'
import type { LiveChange } from '../shared/live'

const bridge: TicketiBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
  shell: (request) => ipcRenderer.invoke(SHELL_CHANNEL, request),
  sharing: (request) => ipcRenderer.invoke(SHARING_CHANNEL, request),
  onLive(listener) {
    const heard = (_event: unknown, changes: readonly LiveChange[]) => listener(changes)
    ipcRenderer.on(LIVE_CHANNEL, heard)
    return () => void ipcRenderer.off(LIVE_CHANNEL, heard)
  },
}

contextBridge.exposeInMainWorld('ticketi', bridge)
