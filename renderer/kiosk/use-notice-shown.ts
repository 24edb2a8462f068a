// The core writes `notice.shown` when told; it must be told once per session and notice
// version, and only after the resident could actually see it (after paint).
import { useCallback, useEffect, useRef } from 'react';
import type { KioskApi } from '../../electron/shared/kiosk-api.js';
import { logCallFailure } from './kiosk-context.js';

const RETRY_MS = 1000;
const ATTEMPTS = 5;

export type ReportNoticeShown = (sessionId: string, noticeVersion: string) => void;

export function useNoticeShownReporter(api: KioskApi, currentSessionId: string | null): ReportNoticeShown {
  const reported = useRef(new Set<string>());
  useEffect(() => {
    if (currentSessionId === null) reported.current.clear();
  }, [currentSessionId]);

  return useCallback(
    (sessionId, noticeVersion) => {
      const key = `${sessionId} ${noticeVersion}`;
      if (reported.current.has(key)) return;
      reported.current.add(key);
      const send = (attempt: number) => {
        api.noticeShown({ sessionId, noticeVersion }).catch((error: unknown) => {
          // Retried only for the notice still reported as current; a later one supersedes it.
          if (attempt < ATTEMPTS && reported.current.has(key)) setTimeout(() => send(attempt + 1), RETRY_MS);
          else logCallFailure('noticeShown')(error);
        });
      };
      send(1);
    },
    [api],
  );
}

/** Runs `action` once the browser has painted the current frame; returns a cancel. */
export function afterPaint(action: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(action, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
