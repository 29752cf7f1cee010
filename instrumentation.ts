// Runs once when a server process starts: validates env (fails loudly), prepares the
// embedded database on the default set-up, and starts the built-in job scheduler.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
