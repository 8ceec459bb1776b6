// The bridge: exposes two typed functions, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNEL, SHELL_CHANNEL, type TicketiBridge } from '../shared/ipc'

const bridge: TicketiBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
  shell: (request) => ipcRenderer.invoke(SHELL_CHANNEL, request),
}

contextBridge.exposeInMainWorld('ticketi', bridge)
