// What the door says for each answer, shared by the host (checkIn) and a door
// answering from its own copy of the list while the host cannot be reached, so
// a guest hears the same words either way.
export const doorWords = {
  welcome: (holder: string) => `Welcome, ${holder}!`,
  welcomeBack: (holder: string) => `Welcome back, ${holder}!`,
  goodbye: (holder: string) => `Goodbye, ${holder}: see you later.`,
  duplicate: (time: string, station: string) => `Already checked in at ${time} at ${station}.`,
  unknown: (code: string, eventName: string) => `No ticket with code ${code} for ${eventName}.`,
  wrongEvent: (eventName: string) => `This ticket is for ${eventName}.`,
  voided: 'This ticket was voided: do not let in.',
  neverSold: 'This ticket was never sold.',
  notInside: 'This ticket is not inside right now.',
  noReentry: (eventName: string) => `${eventName} does not allow re-entry, so exits are not scanned.`,
  /** Said after UNKNOWN by a door answering alone: the code may have been sold since its list was made. */
  listFrom: (time: string) => `This door's list is from ${time}.`,
} as const

/** Who holds a ticket, when the ticket names nobody. */
export const NO_HOLDER = 'guest'
