-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "manageTokenVersion" INTEGER NOT NULL DEFAULT 0;

