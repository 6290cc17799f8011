// Exit codes of the `sesame` command, and the one error type that carries them.

export const EXIT = {
  ok: 0,
  failure: 1,
  /** The import file cannot be used (empty, not a sheet, required columns unmappable). */
  unusableFile: 2,
  /** Another process owns the register. */
  locked: 3,
  /** Unknown command or option (sysexits EX_USAGE). */
  usage: 64,
} as const;

/** An expected failure: its French message is printed as is, without a stack trace. */
export class CliFailure extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super(message);
    this.name = 'CliFailure';
    this.exitCode = exitCode;
  }
}
