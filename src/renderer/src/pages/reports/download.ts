// Saving a file the host made: a Blob and <a download> work the same in a
// browser on the LAN and in the desktop app, which asks where to save it.
import type { CsvFile, ExportFile } from '../../../../shared/views'

/** Hands a file the host made to the browser's (or the desktop app's) download. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken its copy once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function saveCsv(file: CsvFile): void {
  saveBlob(new Blob([file.content], { type: 'text/csv;charset=utf-8' }), file.filename)
}

/** An export the host built: CSV as text, XLSX from its base64. */
export function saveExport(file: ExportFile): void {
  const bytes =
    file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : file.content
  saveBlob(new Blob([bytes], { type: file.content_type }), file.filename)
}
