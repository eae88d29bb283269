/**
 * {@code fogledger bench}: load generators and measurements against real validators. {@code bench ledger} starts
 * validators (in this JVM, or one JVM each with {@code --processes}), submits pre-signed transactions through the
 * {@link org.fogledger.ledger.client.LedgerClient} open-loop, and prints throughput, latency without coordinated
 * omission, refusals and CPU per committed transaction. See docs/BENCHMARKS.md, "Ledger throughput".
 */
package org.fogledger.cluster.bench;
