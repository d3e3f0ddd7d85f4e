'use client';

import { useState } from 'react';

let openings = 0;

/**
 * A number unique to this mount of a dialog's steps. Dry-run previews key their cache on it, so a dialog
 * opened again asks the server again instead of showing the last opening's answer (whose resourceVersion
 * and consequence may be out of date by now).
 */
export function useOpening(): number {
  const [opening] = useState(() => ++openings);
  return opening;
}
