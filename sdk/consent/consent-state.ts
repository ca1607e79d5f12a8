/** Whether a consent lets data flow for (recipient, purpose, tier). */
export const enum ConsentState {
  /** Never granted, withdrawn, or the ledger was unreadable: nothing flows. */
  None = 0,
  /** Granted for the purpose as declared now (or a narrower one), or the purpose is essential. */
  Live = 1,
  /** Granted for a narrower definition than the current policy's: nothing flows until re-granted. */
  Stale = 2,
}
