import fc from "fast-check";

// Shared generators for fuzzing public inputs: wrong types, huge strings, unicode, missing
// fields, bad dates, negative or huge numbers and unknown enum values. A fixed seed keeps
// the normal suite deterministic; FUZZ_RUNS raises the count for a longer run.

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261124);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const hugeString = fc.integer({ min: 10_000, max: 70_000 }).map((n) => "x".repeat(n));
const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "null",
    "undefined",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "😀".repeat(300),
    "2026-02-30",
    "9999-99-99",
    "-1",
    "1e309",
    "NaN",
  ),
  hugeString,
);
const weirdNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308));
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  weirdString,
  weirdNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const uuidLike = fc.oneof(fc.uuid(), fc.constantFrom("00000000-0000-4000-8000-000000000000", "not-a-uuid"), weirdString);
const methodLike = fc.oneof(fc.constantFrom("ZOOM", "TEAMS", "PHONE", "GOOGLE_MEET", "zoom", "FAX", ""), weirdValue);

/** A booking request with some fields missing, mistyped or out of range. */
export const malformedBooking: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    {
      slotId: uuidLike,
      method: methodLike,
      name: fc.oneof(weirdString, weirdValue),
      email: fc.oneof(fc.constantFrom("a@example.com", "not-an-email", "a@", "@b.c"), weirdValue),
      company: weirdValue,
      phone: weirdValue,
      notes: weirdValue,
      timeZone: fc.oneof(fc.constantFrom("Mars/Base", "UTC+99", "America/New_York"), weirdValue),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

/** Raw bodies, including some that are not JSON at all. */
export const malformedBody: fc.Arbitrary<string> = fc.oneof(
  malformedBooking.map((v) => JSON.stringify(v) ?? "null"),
  fc.string(),
  fc.constantFrom("{", "[]", "null", '{"slotId":', "\u0000"),
);

export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  weirdString,
  fc.uuid(),
  fc.constantFrom("bk_aaaaaaaaaaaaaaaaaaaaaaaaaa", "..", "%00"),
);
