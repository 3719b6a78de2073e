/** "Send a test notification" in Settings: the same words from the Electron shell and the browser host. */
export const TEST_NOTIFICATION = {
  title: 'Supporter CRM',
  body: 'Test notification: alerts will reach you like this. Click to open Settings.',
} as const;
