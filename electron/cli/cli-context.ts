// What every CLI command gets from the entry point.
export interface CliContext {
  /** The folder holding package.json, locales/ and dist/. */
  appRoot: string;
  version: string;
  /** Raw output: callers end their own lines with "\n". */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}
