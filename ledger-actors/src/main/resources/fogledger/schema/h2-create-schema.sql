-- FogLedger: pekko-persistence-jdbc 1.1.1 tables for H2 (one file database per validator).
-- Copied from the plugin jar's schema/h2/h2-create-schema.sql, with one change so that it can run at every
-- start: the unique index on "ordering" has IF NOT EXISTS. SchemaDdlTest checks that the tables and columns
-- stay the same as the plugin's. Run by org.fogledger.ledger.storage.SchemaCreator, statements split on ';'.

CREATE TABLE IF NOT EXISTS PUBLIC."event_journal" (
    "ordering" BIGINT UNIQUE NOT NULL AUTO_INCREMENT,
    "deleted" BOOLEAN DEFAULT false NOT NULL,
    "persistence_id" VARCHAR(255) NOT NULL,
    "sequence_number" BIGINT NOT NULL,
    "writer" VARCHAR NOT NULL,
    "write_timestamp" BIGINT NOT NULL,
    "adapter_manifest" VARCHAR NOT NULL,
    "event_payload" BLOB NOT NULL,
    "event_ser_id" INTEGER NOT NULL,
    "event_ser_manifest" VARCHAR NOT NULL,
    "meta_payload" BLOB,
    "meta_ser_id" INTEGER,
    "meta_ser_manifest" VARCHAR,
    PRIMARY KEY("persistence_id","sequence_number")
    );

CREATE UNIQUE INDEX IF NOT EXISTS "event_journal_ordering_idx" on PUBLIC."event_journal" ("ordering");

CREATE TABLE IF NOT EXISTS PUBLIC."event_tag" (
    "event_id" BIGINT NOT NULL,
    "tag" VARCHAR NOT NULL,
    PRIMARY KEY("event_id", "tag"),
    CONSTRAINT fk_event_journal
      FOREIGN KEY("event_id")
      REFERENCES "event_journal"("ordering")
      ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS PUBLIC."snapshot" (
    "persistence_id" VARCHAR(255) NOT NULL,
    "sequence_number" BIGINT NOT NULL,
    "created" BIGINT NOT NULL,"snapshot_ser_id" INTEGER NOT NULL,
    "snapshot_ser_manifest" VARCHAR NOT NULL,
    "snapshot_payload" BLOB NOT NULL,
    "meta_ser_id" INTEGER,
    "meta_ser_manifest" VARCHAR,
    "meta_payload" BLOB,
    PRIMARY KEY("persistence_id","sequence_number")
    );

CREATE SEQUENCE IF NOT EXISTS PUBLIC."global_offset_seq";

CREATE TABLE IF NOT EXISTS PUBLIC."durable_state" (
    "global_offset" BIGINT DEFAULT NEXT VALUE FOR PUBLIC."global_offset_seq",
    "persistence_id" VARCHAR(255) NOT NULL,
    "revision" BIGINT NOT NULL,
    "state_payload" BLOB NOT NULL,
    "state_serial_id" INTEGER NOT NULL,
    "state_serial_manifest" VARCHAR,
    "tag" VARCHAR,
    "state_timestamp" BIGINT NOT NULL,
    PRIMARY KEY("persistence_id")
    );
CREATE INDEX IF NOT EXISTS "state_tag_idx" on PUBLIC."durable_state" ("tag");
CREATE INDEX IF NOT EXISTS "state_global_offset_idx" on PUBLIC."durable_state" ("global_offset");

-- FogLedger's own: the node this database belongs to (one row). Validators never share storage; SchemaCreator
-- refuses to start a node on a database another node owns.
CREATE TABLE IF NOT EXISTS PUBLIC."fogledger_storage_owner" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "node_name" VARCHAR(255) NOT NULL
    );

-- FogLedger's own: the committed chain, one row per height from 0 (the genesis block), each block and the
-- certificate that certifies it in the canonical encoding. Written by the validator
-- (org.fogledger.ledger.storage.CommittedBlockStore) before the commit enters the journal, and never deleted:
-- the journal's old events go once a snapshot covers them, the chain stays here, for peers that catch up and for
-- audits. "transactions_bytes" lets a response be sized without reading the blocks.
CREATE TABLE IF NOT EXISTS PUBLIC."fogledger_committed_block" (
    "height" BIGINT NOT NULL PRIMARY KEY,
    "block_hash" BINARY VARYING(32) NOT NULL,
    "transactions_bytes" INTEGER NOT NULL,
    "block" BLOB NOT NULL,
    "certificate" BLOB NOT NULL
    );
CREATE UNIQUE INDEX IF NOT EXISTS "fogledger_committed_block_hash_idx" ON PUBLIC."fogledger_committed_block" ("block_hash");

-- FogLedger's own: the execution results of each committed block this validator executed, one row per height
-- (org.fogledger.ledger.storage.ExecutionResultsStore), written before the contract host checkpoints the block, so
-- a restart never loses them. "results" is the canonical encoding (contract.BlockResults.encode); "results_hash"
-- the chained results hash it decodes to, checked on every read. Serves audit proofs (docs/contracts/trace.md).
CREATE TABLE IF NOT EXISTS PUBLIC."fogledger_block_results" (
    "height" BIGINT NOT NULL PRIMARY KEY,
    "results_hash" BINARY VARYING(32) NOT NULL,
    "results" BLOB NOT NULL
    );
