/**
 * The ledger client: how agents, the CLI and the simulator reach the validators. {@link
 * org.fogledger.ledger.client.LedgerClient} finds validators through the (cluster) receptionist and submits signed
 * transactions to one of them, or to several when the caller trusts no single node and wants receipts that agree.
 */
package org.fogledger.ledger.client;
