package org.fogledger.ledger.consensus;

/**
 * What validators send each other. Proposals, votes and timeouts are signed by their author; block requests and
 * responses are not, because a response is checked against the hash that was asked for and the certificates it
 * carries.
 */
public sealed interface ConsensusMessage
        permits Proposal, Vote, Timeout, BlockRequest, BlockResponse {

    /** The round this message is about, for filtering and for traces; 0 where no round applies. */
    long round();
}
