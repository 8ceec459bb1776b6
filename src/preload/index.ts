// The bridge: exposes three typed functions, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNEL, SHARING_CHANNEL, SHELL_CHANNEL, type TicketiBridge } from '../shared/ipc'

const bridge: TicketiBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
  shell: (request) => ipcRenderer.invoke(SHELL_CHANNEL, request),
  sharing: (request) => ipcRenderer.invoke(SHARING_CHANNEL, request),
}

contextBridge.exposeInMainWorld('ticketi', bridge)
