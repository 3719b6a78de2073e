/** The parts of an IPC event's sender frame that decide whether we answer it. */
export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

/**
 * Only the top frame of our own window, showing our own page, may call the core: a request from an
 * iframe, another window or a navigated-away page is refused.
 */
export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  senderId: number,
  trustedWebContentsIds: ReadonlySet<number>,
  isAppUrl: (url: string) => boolean,
): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (!trustedWebContentsIds.has(senderId)) return false;
  return isAppUrl(frame.url);
}
