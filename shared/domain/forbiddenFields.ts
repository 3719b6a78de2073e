/** Identity fields that must never reach disk, logs, the renderer or output (SPEC §1). */
export const FORBIDDEN_FIELDS = [
  'realName',
  'phoneNumber',
  'email',
  'socialMediaHandles',
  'location',
  'city',
  'country',
  'ipAddress',
  'deviceInfo',
] as const;

export type ForbiddenField = (typeof FORBIDDEN_FIELDS)[number];

/**
 * Spellings that mean one of the forbidden fields, written as `normaliseFieldName` leaves them
 * (SPEC §1 v1.1: `Email`, `e_mail`, `emailAddress`, `phone`, `mobile`, `fullName`, `ip`, `lat`, …).
 * Matched whole, so short words such as `ip` or `lat` never match inside a longer name. A bare
 * `name` is not among them: other entities use it for things that are not people (a tag's name).
 */
const EXACT_VARIANTS: Record<ForbiddenField, readonly string[]> = {
  realName: ['realname', 'fullname', 'firstname', 'lastname', 'surname', 'givenname', 'familyname', 'legalname', 'middlename', 'forename', 'birthname', 'maidenname'],
  phoneNumber: ['phonenumber', 'phone', 'tel', 'telephone', 'mobile', 'mobilenumber', 'cell', 'cellnumber', 'msisdn', 'fax'],
  email: ['email', 'mail', 'emailaddress', 'mailaddress'],
  socialMediaHandles: ['socialmediahandles', 'socials', 'handles', 'instagram', 'insta', 'twitter', 'tiktok', 'facebook', 'snapchat', 'linkedin', 'youtube', 'telegram', 'whatsapp', 'discord', 'skype', 'wechat', 'onlyfans'],
  location: ['location', 'loc', 'geo', 'geolocation', 'gps', 'coords', 'coordinates', 'lat', 'lng', 'lon', 'long', 'latitude', 'longitude', 'latlng', 'latlon', 'address', 'street', 'postcode', 'zip', 'region', 'province', 'county', 'district', 'neighbourhood', 'neighborhood'],
  city: ['city', 'town', 'hometown', 'homecity', 'cityname', 'currentcity', 'locality', 'village'],
  country: ['country', 'countrycode', 'countryname', 'nation', 'nationality', 'homecountry'],
  ipAddress: ['ipaddress', 'ip', 'ips', 'ipaddr', 'ipv4', 'ipv6', 'remoteaddr', 'remoteaddress', 'remoteip', 'clientip', 'userip', 'forwardedfor', 'xforwardedfor', 'xrealip'],
  deviceInfo: ['deviceinfo', 'device', 'devices', 'useragent', 'ua', 'imei', 'udid', 'idfa', 'macaddress', 'mac', 'hardware', 'browser', 'fingerprint'],
};

/**
 * Longer words that mean a forbidden field wherever they sit in a name (`userEmail`,
 * `homePhoneNumber`, `streetAddress`, `device_model`). Checked in this order, so `emailAddress`
 * counts as email and `ipAddress` as an IP address before `address` would call them a location.
 * None of them occurs inside a contract field's name (a test checks every one).
 */
const CONTAINED_WORDS: readonly (readonly [string, ForbiddenField])[] = [
  ['email', 'email'],
  ['ipaddress', 'ipAddress'],
  ['ipaddr', 'ipAddress'],
  ['macaddress', 'deviceInfo'],
  ['phone', 'phoneNumber'],
  ['mobilenumber', 'phoneNumber'],
  ['realname', 'realName'],
  ['fullname', 'realName'],
  ['firstname', 'realName'],
  ['lastname', 'realName'],
  ['surname', 'realName'],
  ['socialmedia', 'socialMediaHandles'],
  ['address', 'location'],
  ['latitude', 'location'],
  ['longitude', 'location'],
  ['geoloc', 'location'],
  ['postalcode', 'location'],
  ['zipcode', 'location'],
  ['country', 'country'],
  ['device', 'deviceInfo'],
  ['useragent', 'deviceInfo'],
];

const exactVariants = new Map<string, ForbiddenField>();
for (const field of FORBIDDEN_FIELDS) for (const variant of EXACT_VARIANTS[field]) exactVariants.set(variant, field);

/**
 * A field name as it is compared (SPEC §1 v1.1): compatibility-folded (so full-width letters read
 * as plain ones), lower-cased, and with every character that is not a letter or digit dropped
 * (`_`, `-`, spaces, dots, zero-width characters, …).
 */
export function normaliseFieldName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The forbidden field a name stands for, whatever its spelling, or null for any other name. */
export function forbiddenFieldOf(name: string): ForbiddenField | null {
  const normalised = normaliseFieldName(name);
  const exact = exactVariants.get(normalised);
  if (exact !== undefined) return exact;
  for (const [word, field] of CONTAINED_WORDS) if (normalised.includes(word)) return field;
  return null;
}
