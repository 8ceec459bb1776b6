// The bridge: exposes typed functions, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron'
import {
  IPC_CHANNEL,
  LIVE_CHANNEL,
  SHARING_CHANNEL,
  SHELL_CHANNEL,
  USB_CHANNEL,
  USB_PROGRESS_CHANNEL,
  type TicketiBridge,
  type UsbProgress,
} from '../shared/ipc'
import type { LiveChange } from '../shared/live'

const bridge: TicketiBridge = {
  call: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
  shell: (request) => ipcRenderer.invoke(SHELL_CHANNEL, request),
  sharing: (request) => ipcRenderer.invoke(SHARING_CHANNEL, request),
  usb: (request) => ipcRenderer.invoke(USB_CHANNEL, request),
  onUsbProgress(listener) {
    const heard = (_event: unknown, progress: UsbProgress) => listener(progress)
    ipcRenderer.on(USB_PROGRESS_CHANNEL, heard)
    return () => void ipcRenderer.off(USB_PROGRESS_CHANNEL, heard)
  },
  onLive(listener) {
    const heard = (_event: unknown, changes: readonly LiveChange[]) => listener(changes)
    ipcRenderer.on(LIVE_CHANNEL, heard)
    return () => void ipcRenderer.off(LIVE_CHANNEL, heard)
  },
}

contextBridge.exposeInMainWorld('ticketi', bridge)
