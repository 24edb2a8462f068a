// What every CLI command gets from the entry point.
export interface CliContext {
  /** The folder holding package.json, locales/ and dist/. */
  appRoot: string;
  version: string;
  /** Raw output, text or UTF-8 bytes: callers end their own lines with "\n". */
  stdout: (output: string | Uint8Array) => void;
  stderr: (text: string) => void;
}
