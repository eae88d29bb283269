/**
 * A node's health beyond cluster membership: the readiness conditions its roles add (a validator is ready once it
 * has caught up), asked by Pekko Management's {@code /ready} and by the HTTP API's {@code /ready} alike.
 */
package org.fogledger.cluster.health;
