// Parses Stripe's bracketed form encoding (metadata[booking_id]=x, expand[0]=latest_charge,
// created[gte]=123) into nested objects; indexed keys become arrays.

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type Form = { [key: string]: FormValue };

function setPath(target: Form, path: string[], value: string): void {
  let node: Form | FormValue[] = target;
  path.forEach((segment, index) => {
    const last = index === path.length - 1;
    const key = segment === "" && Array.isArray(node) ? String(node.length) : segment;
    const container = node as Record<string, FormValue>;
    if (last) {
      container[key] = value;
      return;
    }
    const nextIsIndex = /^\d*$/.test(path[index + 1]!);
    container[key] ??= nextIsIndex ? [] : {};
    node = container[key] as Form | FormValue[];
  });
}

export function parseForm(encoded: string): Form {
  const out: Form = {};
  for (const [rawKey, value] of new URLSearchParams(encoded)) {
    const match = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    const path = match ? [match[1]!, ...[...match[2]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)] : [rawKey];
    setPath(out, path, value);
  }
  return out;
}

export function str(form: Form, key: string): string | undefined {
  const value = form[key];
  return typeof value === "string" ? value : undefined;
}

export function int(form: Form, key: string): number | undefined {
  const value = str(form, key);
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

export function record(form: Form, key: string): Record<string, string> {
  const value = form[key];
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export function list(form: Form, key: string): string[] {
  const value = form[key];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}
