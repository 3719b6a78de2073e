import type { SeededRandom } from '../demo/seededRandom';

/**
 * Words of a creator's notes, most frequent first: picked with a Zipf-like weight, so some words
 * ("stream", "gift") are in thousands of notes and others in a handful, as in real notes. A few
 * carry diacritics, so folded search is exercised.
 */
export const NOTE_WORDS = [
  'stream', 'gift', 'birthday', 'chat', 'tokens', 'loves', 'evening', 'weekend', 'fan', 'club', 'music', 'guitar', 'cat', 'dog',
  'travel', 'work', 'study', 'exams', 'holiday', 'football', 'gaming', 'cosplay', 'cooking', 'coffee', 'café', 'crème', 'brûlée',
  'anniversary', 'shy', 'funny', 'generous', 'polite', 'regular', 'quiet', 'returning', 'night', 'morning', 'lunch', 'poll',
  'quiz', 'karaoke', 'dance', 'painting', 'photography', 'hiking', 'cycling', 'marathon', 'yoga', 'tennis', 'chess', 'anime',
  'manga', 'movies', 'series', 'books', 'poetry', 'piano', 'drums', 'violin', 'jazz', 'techno', 'opera', 'garden', 'plants',
  'bakery', 'pizza', 'sushi', 'tacos', 'vegan', 'spicy', 'tea', 'wine', 'beer', 'mountains', 'beach', 'lake', 'snow', 'rain',
  'summer', 'winter', 'spring', 'autumn', 'january', 'march', 'june', 'october', 'december', 'monday', 'friday', 'sunday',
  'grandma', 'sister', 'brother', 'daughter', 'wedding', 'promotion', 'surgery', 'recovery', 'moving', 'apartment', 'puppy',
  'kitten', 'naïve', 'zoë', 'josé', 'müller', 'são', 'paulo', 'kraków', 'montréal', 'reykjavík', 'tokyo', 'berlin', 'lisbon',
  'nurse', 'teacher', 'engineer', 'student', 'chef', 'pilot', 'artist', 'developer', 'lawyer', 'farmer', 'mechanic',
] as const;

const TEMPLATES: readonly ((pick: () => string, random: SeededRandom) => string)[] = [
  (pick) => `Loves ${pick()} and ${pick()}, ask about ${pick()} next stream`,
  (pick, random) => `Tipped ${random.int(5, 900)} tokens during the ${pick()} stream`,
  (pick, random) => `Birthday on ${random.int(1, 28)}/${random.int(1, 12)}; ${pick()} fan since ${random.int(2015, 2025)}`,
  (pick) => `Prefers ${pick()} streams, mentioned ${pick()} and ${pick()}`,
  (pick) => `Works as a ${pick()}, busy with ${pick()} this month`,
  (pick, random) => `Asked for a ${pick()} poll, votes ${random.int(1, 9)}-${random.int(1, 9)} every time`,
  (pick) => `Back from ${pick()}; be gentle, ${pick()} was hard`,
  (pick) => `Shy at first, now chats about ${pick()} every ${pick()}`,
];

/** One realistic note: a template filled with weighted words, 40 to 160 characters. */
export function generateBenchNote(random: SeededRandom): string {
  const pick = () => pickWord(random);
  return (TEMPLATES[random.int(0, TEMPLATES.length - 1)] ?? TEMPLATES[0] ?? (() => ''))(pick, random);
}

/** A word with probability falling with its rank (1 / rank). */
export function pickWord(random: SeededRandom): string {
  const rank = Math.floor(Math.exp(random.next() * Math.log(NOTE_WORDS.length + 1))) - 1;
  return NOTE_WORDS[Math.min(NOTE_WORDS.length - 1, Math.max(0, rank))] ?? 'stream';
}
