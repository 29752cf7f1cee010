export { getDb, type Db, type Tx, type DbOrTx } from "./client";
export { isUniqueViolation, isConstraintViolation } from "./errors";
export * from "./generated/enums";
