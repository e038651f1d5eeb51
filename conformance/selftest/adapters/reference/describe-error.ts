/** What the contract reports of an error the reference raised: its class name and message (a non-Error as itself). */
export function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: typeof error, message: String(error) };
}
