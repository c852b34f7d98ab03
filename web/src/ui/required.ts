// Required fields left blank are caught before asking the server, with a
// message that says what to do; everything else is the server's to judge
// (its 422 messages are shown next to the fields).

/** For each field of `messages` whose value is blank, its message. */
export function blankFields(values: Record<string, unknown>, messages: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(messages)) {
    const v = values[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) out[field] = message;
  }
  return out;
}

/**
 * The messages of `blank` whose field is still blank in `values`: a message
 * goes away as soon as the person fills the field in.
 */
export function stillBlank(blank: Record<string, string>, values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(blank)) {
    if (!(field in values) || Object.keys(blankFields(values, { [field]: message })).length > 0) out[field] = message;
  }
  return out;
}
