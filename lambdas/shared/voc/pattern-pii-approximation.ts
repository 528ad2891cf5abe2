import type { PiiEntitySpan } from './pii';
import type { PiiEntityDetector } from './text-analytics';

/**
 * OFFLINE APPROXIMATION — THIS IS NOT AMAZON COMPREHEND DetectPiiEntities.
 *
 * Finds a few kinds of English PII entities by pattern so that `voc ingest` and the local console do
 * not keep in the lake what only Comprehend would have caught. It implements the same
 * {@link PiiEntityDetector} port as {@link ComprehendTextAnalytics} (answers `NAME` / `ADDRESS`
 * spans with code-point offsets, like Comprehend), but it has no model: it finds only
 *
 * - self-introduced names: "I am / I'm / my name is / this is / it's <Capitalized Capitalized…>"
 *   ("my name is" also takes a single capitalized word);
 * - names after a title: "Mr. / Ms. / Mrs. / Miss / Mx. / Dr. <Capitalized…>" (the title is kept);
 * - a name on the line after a sign-off ("Regards,\nJane Doe");
 * - street addresses: "<number> <Capitalized…> Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|
 *   Drive|Dr|Way|Court|Ct|Place|Pl", with an optional unit ("Apt 4B"), city, state and ZIP code
 *   ("123 Main Street, Springfield, IL 62704").
 *
 * - names in any case, anywhere, when they are on its short lists: common English given names and
 *   surnames, and romanized Japanese ones ("john smith", "spoke to tanaka"), a given name with the
 *   word after it when that is a surname or capitalized; names after "call me / ask for / spoke to /
 *   talked to / agent / my wife…" in any case;
 * - street addresses in lower case too ("12 oak st"), and P.O. boxes.
 *
 * A name off those lists written without a cue, organisation-like names, dates of birth… are NOT
 * detected (Comprehend's model finds them; see docs/voc.md for the differences). The shared
 * redactor (lambdas/shared/pii) runs its patterns before this, as on AWS.
 */
export class PatternPiiApproximation implements PiiEntityDetector {
  readonly engine = 'pattern-pii-approximation';

  supportsPii(language: string): boolean {
    return language === 'en';
  }

  async detectPiiEntities(_language: string, text: string): Promise<PiiEntitySpan[]> {
    return findPiiEntitiesByPattern(text);
  }
}

/** A capitalized word: "John", "O'Neil", "Smith-Jones", "McDonald". */
const CAP = "(?:Ma?c[A-Z][a-z]+|[A-Z]['’][A-Z][a-z]+|[A-Z][a-z]+)(?:-[A-Z][a-z]+)*";

/**
 * Short lists standing in for a model: frequent English given names and surnames and romanized
 * Japanese ones. Given names that are also everyday words (will, mark, may, hope…) are left out.
 */
const GIVEN_NAMES = new Set(
  (
    'james john robert michael david william richard joseph thomas charles christopher daniel matthew anthony ' +
    'donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob ' +
    'gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander ' +
    'raymond patrick jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle walter ' +
    'ethan jeremy harold keith roger noah gerald carl terry sean austin arthur lawrence jesse dylan ' +
    'bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent ' +
    'russell elijah louis bobby philip johnny mary patricia jennifer linda elizabeth barbara susan jessica ' +
    'sarah karen lisa nancy betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy ' +
    'melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela ' +
    'emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather diane ' +
    'ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl ' +
    'hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice abigail alice judy ' +
    'sophia denise beverly danielle marilyn isabella theresa diana natalie brittany charlotte marie kayla ' +
    'alexis lori jane bob jim tom mike dave steve chris jenny kate liz beth sally ' +
    'taro hanako ichiro jiro kenta kenji takashi hiroshi yuki yuko keiko akiko naoko tomoko yumi haruto ' +
    'sota yuto daiki shota takumi sakura yui aoi hina rin mei ken'
  ).split(' '),
);
const SURNAMES = new Set(
  (
    'smith johnson williams jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson ' +
    'anderson thomas taylor moore jackson lee perez thompson harris sanchez clark ramirez lewis robinson ' +
    'walker allen wright scott torres nguyen flores adams nelson mitchell carter roberts gomez phillips evans ' +
    'turner diaz parker cruz edwards collins reyes stewart morris morales murphy rogers gutierrez ortiz ' +
    'morgan cooper peterson bailey kelly howard ramos kim cox richardson watson brooks chavez ' +
    'james bennett gray mendoza ruiz hughes alvarez castillo sanders patel myers ross foster ' +
    'jimenez doe roe ' +
    'sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki ' +
    'yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto ishikawa ogawa ' +
    'okada hasegawa fujita goto kondo murakami endo aoki sakamoto saito fukuda ota nishimura fujii'
  ).split(' '),
);
const isKnownName = (word: string) => GIVEN_NAMES.has(word) || SURNAMES.has(word);

/**
 * Names on the lists, in any case: a given name (with the next word when it is a surname or
 * capitalized), or a surname after a given name or on its own.
 */
function namesFromLists(text: string): { type: string; begin: number; end: number }[] {
  const out: { type: string; begin: number; end: number }[] = [];
  const words = [...text.matchAll(/[A-Za-z]+(?:['’][A-Za-z]+)?/g)];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as RegExpMatchArray & { index: number };
    const lower = w[0].toLowerCase();
    if (!isKnownName(lower)) continue;
    let end = w.index + w[0].length;
    const next = words[i + 1] as (RegExpMatchArray & { index: number }) | undefined;
    const between = next ? text.slice(end, next.index) : '';
    if (next && /^[ \t]+$/.test(between) && (SURNAMES.has(next[0].toLowerCase()) || /^[A-Z][a-z]+$/.test(next[0]))) {
      if (!NOT_NAMES.has(next[0])) {
        end = next.index + next[0].length;
        i++;
      }
    }
    out.push({ type: 'NAME', begin: w.index, end });
  }
  return out;
}

const NAME_CUE =
  /\b(?:call me|ask(?:ed)? for|spoke (?:to|with)|talked (?:to|with)|speak (?:to|with)|my name is|name's|agent|representative|operator|my (?:wife|husband|son|daughter|mother|father|mom|dad|friend|colleague|manager|boss|partner))[ \t]+(?:(?:mr|ms|mrs|dr)\.?[ \t]+)?([A-Za-z]+(?:['’][A-Za-z]+)?)(?:[ \t]+([A-Za-z]+))?/gi;
/** Words after those cues that are not names ("ask for a refund", "spoke to your manager"). */
const NOT_NAME_WORDS = new Set(
  (
    'a an the your my his her their our this that someone somebody anyone anybody him her them me you us ' +
    'back later again today tomorrow now please help assistance support refund manager supervisor it was is ' +
    'were had has have who said told did named called and or but so then there here about on in at from to'
  ).split(' '),
);

/** A name after a cue (`call me jim`, `ask for sato`, `my wife anna`), with a surname or capitalized word after it. */
function namesAfterCues(text: string): { type: string; begin: number; end: number }[] {
  const out: { type: string; begin: number; end: number }[] = [];
  for (const m of text.matchAll(new RegExp(NAME_CUE.source, 'dgi'))) {
    const first = m[1];
    const at = m.indices?.[1];
    if (!first || !at || NOT_NAME_WORDS.has(first.toLowerCase())) continue;
    let end = at[1];
    const second = m[2];
    const at2 = m.indices?.[2];
    if (
      second &&
      at2 &&
      (SURNAMES.has(second.toLowerCase()) || /^[A-Z][a-z]+$/.test(second)) &&
      !NOT_NAMES.has(second)
    ) {
      end = at2[1];
    }
    out.push({ type: 'NAME', begin: at[0], end });
  }
  return out;
}

/** Words that follow "I am"/"this is" capitalized without being names. */
const NOT_NAMES = new Set([
  'I',
  'The',
  'A',
  'An',
  'Not',
  'So',
  'Very',
  'Really',
  'Still',
  'Just',
  'Also',
  'Calling',
  'Writing',
  'Sorry',
  'Happy',
  'Unhappy',
  'Angry',
  'Disappointed',
  'Frustrated',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
]);

const STREET_SUFFIX =
  '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|' +
  'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|way|court|ct|place|pl)';
/** A street-name word in either case ("Main", "oak"). */
const STREET_WORD = "(?:[A-Za-z][a-z]+|[A-Z]['’][A-Z][a-z]+)";

const PATTERNS: { type: string; re: RegExp; group: number; check?: (name: string) => boolean }[] = [
  {
    // "123 Main Street", "4500 North Lake Shore Dr., Apt 4B, Chicago, IL 60611", "9 Elm St"
    type: 'ADDRESS',
    re: new RegExp(
      `\\b\\d{1,6}[A-Za-z]?\\s+(?:${STREET_WORD}\\.?\\s+){1,4}${STREET_SUFFIX}\\b\\.?` +
        // unit
        '(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|Room|Fl|Floor)\\.?\\s*#?[A-Za-z0-9-]+|,?\\s*#\\s?[A-Za-z0-9-]+)?' +
        // city, optional state and ZIP
        `(?:,\\s*${CAP}(?:\\s+${CAP}){0,2}(?:,?\\s+[A-Z]{2}(?:\\s+\\d{5}(?:-\\d{4})?)?)?)?`,
      'gd',
    ),
    group: 0,
  },
  {
    // "P.O. Box 1234", "PO Box 77"
    type: 'ADDRESS',
    re: /\bP\.?\s?O\.?\s+Box\s+\d+/dgi,
    group: 0,
  },
  {
    // "I am John Smith", "I'm Jane Doe", "this is Mary Ann Lee"
    type: 'NAME',
    re: new RegExp(`\\b(?:[Ii] am|[Ii]['’]m|[Tt]his is|[Ii]t['’]s)\\s+(${CAP}(?:\\s+${CAP}){1,2})\\b`, 'gd'),
    group: 1,
    check: (name) => !NOT_NAMES.has(name.split(/\s+/)[0] ?? ''),
  },
  {
    // "my name is John", "My name is John Smith", "name: Jane Doe"
    type: 'NAME',
    re: new RegExp(`\\b(?:[Mm]y name is|[Nn]ame\\s*:)\\s*(${CAP}(?:\\s+${CAP}){0,2})\\b`, 'gd'),
    group: 1,
    check: (name) => !NOT_NAMES.has(name.split(/\s+/)[0] ?? ''),
  },
  {
    // "Mr. Tanaka", "Ms Jane Doe", "Dr. Who"
    type: 'NAME',
    re: new RegExp(`\\b(?:Mr|Ms|Mrs|Miss|Mx|Dr)\\.?\\s+(${CAP}(?:\\s+${CAP})?)\\b`, 'gd'),
    group: 1,
  },
  {
    // "Regards,\nJane Doe" / "Thanks,\n  John"
    type: 'NAME',
    re: new RegExp(
      `\\b(?:Regards|Best regards|Kind regards|Best|Thanks|Thank you|Sincerely|Cheers),?[ \\t]*\\r?\\n[ \\t]*(${CAP}(?:[ \\t]+${CAP}){0,2})[ \\t]*(?=\\r?\\n|$)`,
      'gd',
    ),
    group: 1,
  },
];

/**
 * The PII entities {@link PatternPiiApproximation} finds, sorted by begin, overlaps merged.
 * Offsets are in code points (as Comprehend's), ready for {@link redactEntities}.
 */
export function findPiiEntitiesByPattern(text: string): PiiEntitySpan[] {
  const spans: { type: string; begin: number; end: number }[] = [];
  spans.push(...namesFromLists(text), ...namesAfterCues(text));
  for (const { type, re, group, check } of PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const value = m[group];
      const at = m.indices?.[group];
      if (value === undefined || at === undefined || (check && !check(value))) continue;
      spans.push({ type, begin: at[0], end: at[1] });
    }
  }
  spans.sort((a, b) => a.begin - b.begin || b.end - a.end);
  const merged: typeof spans = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.begin < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  // UTF-16 offsets → code-point offsets.
  const toCodePoints = (i: number) => Array.from(text.slice(0, i)).length;
  return merged.map((s) => ({ type: s.type, begin: toCodePoints(s.begin), end: toCodePoints(s.end), score: 0.5 }));
}
