// A buyer who gave no email at the sale gives one now: the codes go to it, and
// the customer keeps the address for next time.
import { useState, type FormEvent } from 'react'
import type { ResendResult } from '../../../../shared/views'
import { fieldProblems } from '../../../../shared/errors'
import { client, errorMessage } from '../../api'
import { Button, Field } from '../../components/ui'

export function EmailCodes({ saleId, onSent }: { saleId: number; onSent(sent: ResendResult): void }) {
  const [email, setEmail] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function send(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onSent(await client.call('emailSale', { sale_id: saleId, email: email.trim() }))
    } catch (failure) {
      setError(fieldProblems(failure)[0]?.message ?? errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={send} className="flex items-start gap-2" aria-label="Email the codes">
      <Field
        label="Email the codes to"
        type="email"
        required
        className="flex-1"
        placeholder="ann@example.com"
        value={email}
        error={error}
        onChange={(e) => {
          setEmail(e.target.value)
          setError(null)
        }}
      />
      <Button type="submit" tone="secondary" className="mt-6 h-10 py-1 text-sm" disabled={busy}>
        {busy ? 'Sending…' : 'Send codes'}
      </Button>
    </form>
  )
}
