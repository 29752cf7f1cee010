// Prisma CLI configuration. The app never reads this file: it builds its own client
// in lib/db. `prisma migrate deploy` (on a networked host) reads DATABASE_URL here.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
