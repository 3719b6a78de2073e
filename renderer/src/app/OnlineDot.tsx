/** Green when online (the supporter's latest presence record, SPEC §2), grey otherwise. */
export function OnlineDot({ online }: { online: boolean }) {
  return (
    <span
      className={online ? 'online-dot online' : 'online-dot'}
      role="img"
      aria-label={online ? 'Online' : 'Offline'}
      title={online ? 'Online now' : 'Offline'}
      data-testid="online-dot"
      data-online={online}
    />
  );
}
