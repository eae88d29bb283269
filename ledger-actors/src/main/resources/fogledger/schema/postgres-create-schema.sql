-- FogLedger: pekko-persistence-jdbc 1.1.1 tables for PostgreSQL, in one schema per validator.
-- Copied from the plugin jar's schema/postgres/postgres-create-schema.sql, changed so that it can run at every
-- start in any schema: "public." is replaced by ${schema}. (SchemaCreator substitutes the node's validated schema
-- name), and the indexes have IF NOT EXISTS and no CONCURRENTLY (the tables are new, and SchemaCreator runs this
-- file in one transaction, where CONCURRENTLY is not allowed). SchemaDdlTest checks that the tables and columns
-- stay the same as the plugin's. Statements are split on ';'.

CREATE TABLE IF NOT EXISTS ${schema}.event_journal(
  ordering BIGSERIAL,
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  deleted BOOLEAN DEFAULT FALSE NOT NULL,

  writer VARCHAR(255) NOT NULL,
  write_timestamp BIGINT,
  adapter_manifest VARCHAR(255),

  event_ser_id INTEGER NOT NULL,
  event_ser_manifest VARCHAR(255) NOT NULL,
  event_payload BYTEA NOT NULL,

  meta_ser_id INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload BYTEA,

  PRIMARY KEY(persistence_id, sequence_number)
);

CREATE UNIQUE INDEX IF NOT EXISTS event_journal_ordering_idx ON ${schema}.event_journal(ordering);

CREATE TABLE IF NOT EXISTS ${schema}.event_tag(
    event_id BIGINT,
    tag VARCHAR(256),
    PRIMARY KEY(event_id, tag),
    CONSTRAINT fk_event_journal
      FOREIGN KEY(event_id)
      REFERENCES ${schema}.event_journal(ordering)
      ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS ${schema}.snapshot (
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  created BIGINT NOT NULL,

  snapshot_ser_id INTEGER NOT NULL,
  snapshot_ser_manifest VARCHAR(255) NOT NULL,
  snapshot_payload BYTEA NOT NULL,

  meta_ser_id INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload BYTEA,

  PRIMARY KEY(persistence_id, sequence_number)
);

CREATE TABLE IF NOT EXISTS ${schema}.durable_state (
    global_offset BIGSERIAL,
    persistence_id VARCHAR(255) NOT NULL,
    revision BIGINT NOT NULL,
    state_payload BYTEA NOT NULL,
    state_serial_id INTEGER NOT NULL,
    state_serial_manifest VARCHAR(255),
    tag VARCHAR,
    state_timestamp BIGINT NOT NULL,
    PRIMARY KEY(persistence_id)
    );
CREATE INDEX IF NOT EXISTS state_tag_idx on ${schema}.durable_state (tag);
CREATE INDEX IF NOT EXISTS state_global_offset_idx on ${schema}.durable_state (global_offset);

-- FogLedger's own: the node this schema belongs to (one row). Validators never share storage; SchemaCreator
-- refuses to start a node on a schema another node owns.
CREATE TABLE IF NOT EXISTS ${schema}.fogledger_storage_owner (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    node_name VARCHAR(255) NOT NULL
);

-- FogLedger's own: the committed chain, one row per height from 0 (the genesis block), each block and the
-- certificate that certifies it in the canonical encoding. Written by the validator
-- (org.fogledger.ledger.storage.CommittedBlockStore) before the commit enters the journal, and never deleted:
-- the journal's old events go once a snapshot covers them, the chain stays here, for peers that catch up and for
-- audits. transactions_bytes lets a response be sized without reading the blocks.
CREATE TABLE IF NOT EXISTS ${schema}.fogledger_committed_block (
    height BIGINT NOT NULL PRIMARY KEY,
    block_hash BYTEA NOT NULL,
    transactions_bytes INTEGER NOT NULL,
    block BYTEA NOT NULL,
    certificate BYTEA NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS fogledger_committed_block_hash_idx ON ${schema}.fogledger_committed_block (block_hash);

-- FogLedger's own: the execution results of each committed block this validator executed, one row per height
-- (org.fogledger.ledger.storage.ExecutionResultsStore), written before the contract host checkpoints the block, so
-- a restart never loses them. results is the canonical encoding (contract.BlockResults.encode); results_hash the
-- chained results hash it decodes to, checked on every read. Serves audit proofs (docs/contracts/trace.md).
CREATE TABLE IF NOT EXISTS ${schema}.fogledger_block_results (
    height BIGINT NOT NULL PRIMARY KEY,
    results_hash BYTEA NOT NULL,
    results BYTEA NOT NULL
);
