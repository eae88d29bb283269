package org.fogledger.agents.gateway;

import java.util.concurrent.CompletableFuture;

/** A device's side of an in-process connection: remembers the close the gateway told it of. */
final class RecordingConnection implements DeviceConnection {
    final CompletableFuture<String> closed = new CompletableFuture<>();

    @Override
    public void sessionClosed(String reason) {
        closed.complete(reason);
    }
}
