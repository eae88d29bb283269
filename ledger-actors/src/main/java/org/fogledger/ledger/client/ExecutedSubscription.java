package org.fogledger.ledger.client;

/**
 * A follower's subscription to executed-block notices ({@link LedgerClient#followExecuted}); closing it unsubscribes
 * the follower from every validator it was subscribed to.
 */
@FunctionalInterface
public interface ExecutedSubscription extends AutoCloseable {

    @Override
    void close();
}
