package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;

/**
 * Pekko Management in a node, block {@code fogledger.node.management}:
 * <pre>
 * enabled = off            # on: the management HTTP endpoint (pekko.management.http.hostname / port, default
 *                          # port 8558) with the health checks: GET /alive (the process answers), GET /ready (this
 *                          # node is an Up cluster member: pekko-management-cluster-http's membership check)
 * cluster-bootstrap = off  # on: no seed nodes; Cluster Bootstrap forms or joins the cluster from the nodes that
 *                          # service discovery finds (pekko.management.cluster.bootstrap.contact-point-discovery,
 *                          # e.g. kubernetes-api on Kubernetes: config/k8s)
 * </pre>
 */
final class NodeManagement {
    static final String ENABLED = "fogledger.node.management.enabled";
    static final String BOOTSTRAP = "fogledger.node.management.cluster-bootstrap";

    private NodeManagement() {
    }

    static boolean enabled(Config settings) {
        return settings.hasPath(ENABLED) && settings.getBoolean(ENABLED);
    }

    /** With Cluster Bootstrap, the seed nodes must be empty: bootstrap refuses to run otherwise. */
    static boolean bootstrap(Config settings) {
        return enabled(settings) && settings.hasPath(BOOTSTRAP) && settings.getBoolean(BOOTSTRAP);
    }

    /** Starts the endpoint (and bootstrap); fails if the endpoint cannot bind within 30 s. */
    static void start(ActorSystem<?> system, Config settings) {
        if (!enabled(settings)) {
            return;
        }
        try {
            PekkoManagement.get(system.classicSystem()).start().toCompletableFuture()
                    .get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Pekko Management", e);
        } catch (Exception e) {
            throw new IllegalStateException("Pekko Management did not start (pekko.management.http.hostname/port): "
                    + e.getMessage(), e);
        }
        if (bootstrap(settings)) {
            ClusterBootstrap.get(system.classicSystem()).start();
        }
    }
}
