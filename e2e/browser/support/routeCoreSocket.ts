import type { Page } from '@playwright/test';

export interface CoreSocketControl {
  /** Request names answered with this error instead of reaching the core. */
  failing: Map<string, { code: string; message: string }>;
  /** Requests held this many milliseconds before they reach the core (to observe loading states). */
  delays: Map<string, number>;
  /** Hold back pushed core events (the console then only learns of changes when it asks). */
  dropEvents: boolean;
  /** Names of the requests the console sent, in order. */
  sent: string[];
}

/**
 * Puts Playwright between the console and the browser host's WebSocket: everything passes through
 * to the real core unless a test asks for a failure or for pushed events to be held back.
 * Call before `page.goto`.
 */
export async function routeCoreSocket(page: Page): Promise<CoreSocketControl> {
  const control: CoreSocketControl = { failing: new Map(), delays: new Map(), dropEvents: false, sent: [] };
  await page.routeWebSocket(/\/api$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; name: string };
      control.sent.push(request.name);
      const failure = control.failing.get(request.name);
      const delay = control.delays.get(request.name) ?? 0;
      if (failure) ws.send(JSON.stringify({ id: request.id, result: { ok: false, error: failure } }));
      else if (delay > 0) setTimeout(() => server.send(message), delay);
      else server.send(message);
    });
    server.onMessage((message) => {
      if (control.dropEvents && 'event' in (JSON.parse(String(message)) as object)) return;
      ws.send(message);
    });
  });
  return control;
}
