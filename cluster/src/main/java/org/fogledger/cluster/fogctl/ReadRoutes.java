package org.fogledger.cluster.fogctl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code get} and {@code describe} can read, and the API route for each (docs/API.md): a kind, with or
 * without a name, becomes one GET path, and the columns a table shows.
 */
enum ReadRoutes {
    devices(true, List.of("deviceId", "model", "phase", "location", "owner")),
    policies(false, List.of("document.scope", "document.version", "rank", "jurisdiction", "height")),
    agents(false, List.of("agent", "rank", "jurisdiction", "delegator", "expiresAtMillis", "revokedAtHeight")),
    decisions(true, List.of("height", "index", "verdict", "code", "decision.action", "reason")),
    consents(true, List.of()),
    blocks(false, List.of("height", "hash")),
    validators(false, List.of("key", "round", "committedHeight", "connectedPeers", "pendingTransactions", "error"));

    private static final Map<String, ReadRoutes> ALIASES = aliases();

    final boolean needsName;
    final List<String> columns;

    ReadRoutes(boolean needsName, List<String> columns) {
        this.needsName = needsName;
        this.columns = columns;
    }

    static ReadRoutes parse(String kind) {
        ReadRoutes route = ALIASES.get(kind.toLowerCase(Locale.ROOT));
        if (route == null) {
            throw new FogctlException(ExitCode.USAGE, "usage", "unknown KIND '" + kind + "'; expected one of "
                    + ALIASES.keySet().stream().filter(k -> k.endsWith("s")).toList());
        }
        return route;
    }

    /** The API path (after {@code /api/v1/}) for this kind and name, with paging and filters. */
    String path(String name, String under, String rank, int page, int size) {
        if (needsName && name == null) {
            throw new FogctlException(ExitCode.USAGE, "usage", "'get " + this + "' needs a NAME (the API has no"
                    + " list of all " + this + "; " + example() + ")");
        }
        String paging = "page=" + page + "&size=" + size;
        return switch (this) {
            case devices -> "devices/" + ApiClient.segment(name);
            case decisions -> "devices/" + ApiClient.segment(name) + "/decisions";
            case consents -> {
                String[] parts = name.split("/", -1);
                if (parts.length != 2) {
                    throw new FogctlException(ExitCode.USAGE, "usage", "a consent is named OWNER/ID: the owner's key"
                            + " id and the consent id, e.g. 5d1c...e0/660e...37");
                }
                yield "consents/" + ApiClient.segment(parts[0]) + "/" + ApiClient.segment(parts[1]);
            }
            case policies -> {
                if (name == null) {
                    yield "policies?under=" + ApiClient.query(under == null ? "/" : under) + "&" + paging;
                }
                if (rank == null) {
                    throw new FogctlException(ExitCode.USAGE, "usage", "a policy is kept per scope and rank: give"
                            + " --rank root|region|site|device");
                }
                yield "policies" + (name.startsWith("/") ? name : "/" + name) + "?rank=" + ApiClient.query(rank);
            }
            case agents -> name == null ? "agents?under=" + ApiClient.query(under == null ? "/" : under) + "&"
                    + paging : "agents/" + ApiClient.segment(name);
            case blocks -> name == null ? "blocks?from=" + page * size + "&size=" + size
                    : "blocks/" + ApiClient.segment(name);
            case validators -> "validators";
        };
    }

    private String example() {
        return switch (this) {
            case devices -> "e.g. fogctl get devices dev-42";
            case decisions -> "give the device: fogctl get decisions dev-42";
            case consents -> "fogctl get consents OWNER-KEY-ID/CONSENT-ID";
            default -> "";
        };
    }

    private static Map<String, ReadRoutes> aliases() {
        Map<String, ReadRoutes> aliases = new TreeMap<>();
        for (ReadRoutes route : values()) {
            aliases.put(route.name(), route);
            aliases.put(route.name().substring(0, route.name().length() - 1), route);
        }
        aliases.put("policy", policies);
        return aliases;
    }
}
