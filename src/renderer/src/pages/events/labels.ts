// The server names a field that failed validation by its API name
// ("customer.email: must be an email address ..."); the person at the station
// knows it by the label on the form.

/** Replaces each "api.path:" prefix of a validation message with the form's label for it. */
export function withFieldLabels(message: string, labels: Record<string, string>): string {
  return message
    .split('; ')
    .map((part) => {
      const match = /^([a-z_.0-9]+): (.*)$/.exec(part)
      if (!match) return part
      const label = labels[match[1]!]
      return label ? `${label}: ${match[2]}` : part
    })
    .join('; ')
}
