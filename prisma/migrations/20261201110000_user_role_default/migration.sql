-- An account made by anything but scripts/create-admin.ts gets no rights (ADR 052).
ALTER TABLE "user" ALTER COLUMN "role" SET DEFAULT 'user';
