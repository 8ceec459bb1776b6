// The venue's locale and time zone on this screen: loaded from the host once
// signed in (VenueFormatGate), changed in Settings, and read by every date, time
// and price the renderer shows. Until the host answers, this browser's own.
import { create } from 'zustand'
import {
  formatVenueDateTime,
  formatVenueDay,
  formatVenueMoney,
  formatVenueTime,
  systemVenueFormat,
  type VenueFormat,
} from '../../../shared/venue-format'

export const useVenueFormatStore = create<{ format: VenueFormat; loaded: boolean }>()(() => ({
  format: systemVenueFormat(),
  loaded: false,
}))

export function setVenueFormat({ locale, time_zone }: VenueFormat): void {
  useVenueFormatStore.setState({ format: { locale, time_zone }, loaded: true })
}

/** The host could not say: this browser's own format stays, and the pages open anyway. */
export function keepBrowserFormat(): void {
  useVenueFormatStore.setState({ loaded: true })
}

/** For code outside a component; components use useVenueFormat, which re-renders on a change. */
export function currentVenueFormat(): VenueFormat {
  return useVenueFormatStore.getState().format
}

export interface VenueFormatters {
  format: VenueFormat
  dateTime(iso: string): string
  time(iso: string): string
  day(iso: string): string
  money(cents: number, currency?: string): string
}

export function venueFormatters(format: VenueFormat): VenueFormatters {
  return {
    format,
    dateTime: (iso) => formatVenueDateTime(iso, format),
    time: (iso) => formatVenueTime(iso, format),
    day: (iso) => formatVenueDay(iso, format),
    money: (cents, currency = 'EUR') => formatVenueMoney(cents, currency, format),
  }
}

/** The venue's formatters; the component shows the new format as soon as Settings saves one. */
export function useVenueFormat(): VenueFormatters {
  return venueFormatters(useVenueFormatStore((s) => s.format))
}
