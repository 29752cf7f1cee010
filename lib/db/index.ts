export { getDb, disconnectDb, setProcessRole, type Db, type Tx, type DbOrTx } from "./client";
export { isUniqueViolation, isConstraintViolation, isRetryableTransactionError } from "./errors";
export * from "./generated/enums";
