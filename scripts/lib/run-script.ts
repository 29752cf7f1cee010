import "./bootstrap";

/**
 * Runs an operator script: marks the process as a short-lived script (so it never keeps
 * the embedded database to itself), maps failures to a one-line message and an exit code,
 * and always closes the database.
 */
export async function runScript(main: () => Promise<number>): Promise<never> {
  const { setProcessRole, disconnectDb } = await import("../../lib/db/client");
  setProcessRole("script");
  let code = 1;
  try {
    code = await main();
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  } finally {
    await disconnectDb().catch(() => {});
  }
  process.exit(code);
}
