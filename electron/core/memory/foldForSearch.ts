/** Lower case without diacritics, as the search indexes compare ("Zoë" finds "zoe"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}
