// Node's parseArgs refuses `--token -Ab3…` as ambiguous: a value starting with '-' looks like an
// option. School tokens are base64url, so one in 64 starts with '-', and phones or names typed as
// « -» placeholders do too. Such a value is joined to its option (`--token=-Ab3…`) unless it is
// itself one of the command's options, so a forgotten value still reads as a usage error.

/** argv with `--name VALUE` written `--name=VALUE` when VALUE starts with '-' and `name` takes a string. */
export function joinDashValues(argv: readonly string[], options: Readonly<Record<string, { type: 'string' | 'boolean' }>>): string[] {
  const isOption = (a: string) => {
    const m = /^--?([^=]+)/.exec(a);
    return m !== null && (m[1] as string) in options;
  };
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const name = /^--([^=]+)$/.exec(a)?.[1];
    const next = argv[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && next.startsWith('-') && next !== '--' && !isOption(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}
