// The bridge: exposes one typed function, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNEL, type TicketiBridge } from '../shared/ipc'

const bridge: TicketiBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
}

contextBridge.exposeInMainWorld('ticketi', bridge)
