/**
 * The node's HTTP API (v1, docs/API.md): {@link org.fogledger.cluster.api.ApiServer} serves signed transactions
 * and contract reads over a {@link org.fogledger.ledger.client.LedgerClient}, with health and Prometheus metrics.
 */
package org.fogledger.cluster.api;
