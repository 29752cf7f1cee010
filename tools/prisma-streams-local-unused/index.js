// `prisma dev` (Prisma's local Postgres) is not used here: the app has its own embedded
// PGlite (`npm run dev`). See docs/decisions/088.
export async function startLocalDurableStreamsServer() {
  throw new Error("`prisma dev` is not supported in this project: `npm run dev` runs the embedded database (docs/decisions/088).");
}
