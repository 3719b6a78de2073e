/**
 * The words the contact-details guard recognises. Lists, not patterns, so a maintainer can see at a
 * glance what counts and add a network or a domain ending with one line.
 */

/**
 * Domain endings a bare domain ("annafans.com") is recognised by. Only common ones: a wider list
 * would refuse file names and typos ("clip.mov", "set.zip" are real endings too).
 */
export const COMMON_TLDS = new Set([
  'com', 'net', 'org', 'info', 'biz', 'io', 'co', 'tv', 'ly', 'gg', 'ee', 'app', 'dev', 'xyz', 'site', 'online', 'link',
  'club', 'fans', 'page', 'store', 'shop', 'blog', 'cc', 'ws', 'fm', 'eu', 'asia', 'onion', 'me', 'us', 'uk', 'de', 'fr',
  'es', 'nl', 'pl', 'ru', 'br', 'jp', 'cn', 'au', 'ca', 'mx', 'ar', 'ch', 'se', 'dk', 'fi', 'pt', 'ie', 'nz', 'za', 'in',
  'it', 'be', 'at', 'to', 'is', 'no', 'am', 'so', 'my', 'live', 'top', 'pro', 'art', 'vip', 'gov', 'edu',
]);

/**
 * Endings that are also everyday words, so "it.me" or "tipped.so" in a hurried sentence is not a
 * domain: such a domain counts only with a path ("anna.me/links") or a known service name ("t.me").
 */
export const WORDLIKE_TLDS = new Set(['me', 'us', 'in', 'it', 'be', 'at', 'to', 'is', 'no', 'am', 'so', 'my', 'live', 'top', 'pro', 'art', 'vip']);

/** Mail providers whose name alone after an "at" makes an address ("anna at gmail"). */
export const MAIL_PROVIDERS = new Set([
  'gmail', 'googlemail', 'yahoo', 'ymail', 'hotmail', 'outlook', 'protonmail', 'proton', 'icloud', 'gmx', 'aol', 'yandex',
  'zoho', 'tutanota', 'tuta', 'fastmail', 'mailbox', 'posteo', 'rediffmail', 'qq', 'naver', 'uol', 'bol', 'libero', 'seznam',
]);

/**
 * Domains of social networks, messengers and payment apps: a link to one is a handle on another
 * network rather than just a link (`t.me/…`, `wa.me/…`, `instagram.com/…`).
 */
export const SOCIAL_DOMAINS = [
  't.me', 'telegram.me', 'telegram.dog', 'wa.me', 'whatsapp.com', 'm.me', 'ig.me', 'instagram.com', 'instagr.am', 'snapchat.com',
  'tiktok.com', 'twitter.com', 'x.com', 'facebook.com', 'fb.com', 'fb.me', 'discord.gg', 'discord.com', 'discordapp.com',
  'onlyfans.com', 'fansly.com', 'kik.me', 'line.me', 'signal.me', 'signal.group', 'threads.net', 'bsky.app', 'cash.app',
  'venmo.com', 'paypal.me', 'wechat.com', 'viber.com', 'reddit.com', 'skype.com', 'linkedin.com', 'youtube.com', 'twitch.tv',
] as const;

/** Service names that make a wordlike ending a domain after all ("t.me", "paypal.me"). */
export const SERVICE_LABELS = new Set(['t', 'wa', 'm', 'ig', 'fb', 'kik', 'line', 'signal', 'paypal', 'telegram', 'linktr']);

/**
 * Names of other networks, longest spelling first so the alternation prefers it. `x` and `of` are
 * ordinary words: they count only written in capitals ("X: @anna", "my OF is anna").
 */
export const NETWORK_NAMES = [
  'instagram', 'insta', 'ig', 'snapchat', 'snap', 'sc', 'telegram', 'tele', 'tg', 'whats app', 'whatsapp', 'wapp', 'wa',
  'tik tok', 'tiktok', 'tt', 'twitter', 'facebook', 'fb', 'messenger', 'discord', 'kik', 'skype', 'signal', 'wechat',
  'weixin', 'viber', 'reddit', 'only fans', 'onlyfans', 'fansly', 'youtube', 'yt', 'twitch', 'threads', 'bluesky', 'bsky',
  'mastodon', 'linkedin', 'pinterest', 'tumblr', 'cash app', 'cashapp', 'venmo', 'paypal', 'zelle', 'imessage', 'facetime',
  'line', 'x', 'of',
] as const;

/** Networks only recognised in capitals. */
export const CAPITALS_ONLY_NETWORKS = new Set(['x', 'of']);

/** Networks whose name is also a verb for contacting someone on it ("snap me anna", "kik me: anna"). */
export const NETWORK_VERBS = [
  'snapchat', 'snap', 'insta', 'ig', 'kik', 'telegram', 'tg', 'whatsapp', 'whats app', 'wa', 'skype', 'signal', 'line',
  'facetime', 'venmo', 'cashapp', 'cash app', 'discord', 'wechat', 'viber',
] as const;

/**
 * Words that follow "my insta is", "snap me" or "IG:" in an ordinary sentence and are not a handle
 * ("her insta is private", "snap me a pic").
 */
export const NOT_A_HANDLE = new Set([
  'a', 'an', 'the', 'some', 'any', 'your', 'my', 'her', 'his', 'their', 'our', 'back', 'later', 'tomorrow', 'tonight', 'soon',
  'now', 'when', 'if', 'again', 'pic', 'pics', 'picture', 'pictures', 'photo', 'photos', 'video', 'videos', 'clip', 'clips',
  'more', 'please', 'pls', 'sometime', 'something', 'anything', 'and', 'or', 'but', 'to', 'with', 'for', 'on', 'at', 'in',
  'up', 'too', 'also', 'first', 'here', 'there', 'this', 'that', 'it', 'one', 'maybe', 'once', 'daily', 'every', 'private',
  'public', 'deleted', 'gone', 'blocked', 'banned', 'closed', 'open', 'new', 'old', 'down', 'dead', 'active', 'inactive',
  'hilarious', 'funny', 'great', 'good', 'bad', 'nice', 'cool', 'cute', 'amazing', 'awesome', 'huge', 'big', 'small', 'fake',
  'real', 'popular', 'empty', 'full', 'same', 'different', 'not', 'still', 'just', 'very', 'really', 'so', 'all', 'mostly',
  'none', 'nothing', 'same', 'busy', 'quiet', 'off', 'is', 'was', 'are', 'were', 'be', 'been', 'about', 'like', 'what',
  'where', 'how', 'why', 'who', 'which', 'yes', 'no', 'ok', 'okay', 'lol', 'haha', 'thanks', 'thank', 'you', 'me', 'him',
  'them', 'us', 'we', 'they', 'he', 'she', 'i',
]);
