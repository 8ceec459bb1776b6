// How dates, times and prices read at this venue: one locale and one time zone
// for every screen, the customers' emails and their calendar files. Left empty,
// each follows the host computer's system.
import { useState, type FormEvent } from 'react'
import {
  canonicalLocale,
  canonicalTimeZone,
  formatEventStart,
  formatVenueDateTime,
  formatVenueMoney,
} from '../../../../shared/venue-format'
import type { VenueSettingsView } from '../../../../shared/views'
import { useAction, useQuery } from '../../api/hooks'
import { Button, Card, ErrorNote, Field } from '../../components/ui'
import { setVenueFormat } from '../../venue/format'

const COMMON_LOCALES = [
  'fr-FR',
  'en-GB',
  'de-DE',
  'nl-NL',
  'es-ES',
  'it-IT',
  'pt-PT',
  'en-US',
  'en-IE',
  'fr-BE',
]
// A winter evening show: what every screen would show for it.
const SAMPLE = '2026-12-01T19:00:00Z'

export function VenueFormat() {
  const settings = useQuery('getVenueSettings', {})
  const [saved, setSaved] = useState(false)
  return (
    <Card title="Dates, times and prices">
      <ErrorNote>{settings.error}</ErrorNote>
      {settings.data && (
        <VenueForm
          key={settings.data.updated_at ?? 'system'}
          settings={settings.data}
          onSaving={() => setSaved(false)}
          onSaved={(view) => {
            setVenueFormat(view)
            setSaved(true)
            settings.refresh()
          }}
        />
      )}
      {saved && (
        <p role="status" className="mt-3 text-sm text-emerald-300">
          Saved. Every screen and every new email use this format now.
        </p>
      )}
    </Card>
  )
}

function VenueForm({
  settings,
  onSaving,
  onSaved,
}: {
  settings: VenueSettingsView
  onSaving(): void
  onSaved(view: VenueSettingsView): void
}) {
  const save = useAction('updateVenueSettings')
  const [locale, setLocale] = useState(settings.saved_locale ?? '')
  const [timeZone, setTimeZone] = useState(settings.saved_time_zone ?? '')
  const [zones] = useState(() => Intl.supportedValuesOf('timeZone'))
  // The example follows what is typed, as soon as it is a locale and a zone this browser knows.
  const sample = {
    locale: (locale && canonicalLocale(locale)) || settings.system_locale,
    time_zone: (timeZone && canonicalTimeZone(timeZone)) || settings.system_time_zone,
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    onSaving()
    const answer = await save.run({ locale: locale.trim() || null, time_zone: timeZone.trim() || null })
    if (answer) onSaved(answer)
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3">
      <p className="text-sm text-slate-400">
        Used on every screen, in the customers&apos; emails and in their calendar files. Left empty, each
        follows this computer: {settings.system_locale}, {settings.system_time_zone}.
      </p>
      <div className="grid grid-cols-2 gap-3">
        <Field
          label="Locale"
          list="venue-locales"
          placeholder={settings.system_locale}
          hint="Like fr-FR, en-GB or de-DE"
          autoComplete="off"
          value={locale}
          onChange={(e) => setLocale(e.target.value)}
        />
        <Field
          label="Time zone"
          list="venue-time-zones"
          placeholder={settings.system_time_zone}
          hint="Like Europe/Paris"
          autoComplete="off"
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
        />
      </div>
      <datalist id="venue-locales">
        {COMMON_LOCALES.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <datalist id="venue-time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <dl className="rounded-lg border border-edge bg-ink px-3 py-2 text-sm">
        <dt className="text-xs tracking-wide text-slate-400 uppercase">On screens</dt>
        <dd data-testid="venue-sample">
          {formatVenueDateTime(SAMPLE, sample)} · {formatVenueMoney(5000, 'EUR', sample)}
        </dd>
        <dt className="mt-2 text-xs tracking-wide text-slate-400 uppercase">In the email</dt>
        <dd>{formatEventStart(SAMPLE, sample)}</dd>
      </dl>
      <ErrorNote>{save.error}</ErrorNote>
      <Button type="submit" disabled={save.busy}>
        {save.busy ? 'Saving…' : 'Save format'}
      </Button>
    </form>
  )
}
