// The files an organizer takes home, each in CSV and XLSX. One entry here and
// one definition in src/main/exports/reports.ts add a report everywhere: the
// contract, the LAN routes (/reports/<name>.csv and .xlsx), the Exports screen
// and the USB drive.

export const EXPORT_REPORTS = {
  attendees: {
    title: 'Attendee list',
    about: 'Every ticket sold: code, holder, buyer, type, status, checked in at and by.',
  },
  sales: { title: 'Payments', about: 'Every sale: buyer, tickets, payment method, amount, who sold it.' },
  refunds: {
    title: 'Refunds',
    about: 'Every refund: the sale, buyer, tickets, payment method, amount, reason, who gave it.',
  },
  checkins: {
    title: 'Check-in log',
    about: 'Every door attempt, let in or not: station, scanned and uploaded at, offline, result.',
  },
  reconciliation: {
    title: 'Reconciliation',
    about: 'The night’s counts per ticket type and revenue by payment method.',
  },
} as const satisfies Record<string, { title: string; about: string }>

export type ExportReport = keyof typeof EXPORT_REPORTS
export const EXPORT_REPORT_NAMES = Object.keys(EXPORT_REPORTS) as [ExportReport, ...ExportReport[]]

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
