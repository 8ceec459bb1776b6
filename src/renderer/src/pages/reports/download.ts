// Saving a file the host made: a Blob and <a download> work the same in a
// browser on the LAN and in the desktop app, which asks where to save it.
import type { CsvFile, ExportFile } from '../../../../shared/views'

export function saveCsv(file: CsvFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.filename
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken its copy once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** An export the host built: CSV as text, XLSX from its base64. */
export function saveExport(file: ExportFile): void {
  const bytes =
    file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : file.content
  const url = URL.createObjectURL(new Blob([bytes], { type: file.content_type }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
