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
    policies(false, List.of("scope", "version", "rank", "issuer")),
    agents(false, List.of("agent", "rank", "jurisdiction", "expiresAt", "revoked")),
    decisions(true, List.of()),
    consents(true, List.of("id", "status")),
    blocks(false, List.of("height", "round", "hash", "transactions", "timestampMillis")),
    validators(false, List.of("name", "publicKey", "address"));

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
    String path(String name, String under, int page, int size) {
        if (needsName && name == null) {
            throw new FogctlException(ExitCode.USAGE, "usage", "'get " + this + "' needs a NAME (the API has no"
                    + " list of all " + this + "; " + example() + ")");
        }
        String paging = "page=" + page + "&size=" + size;
        return switch (this) {
            case devices -> "devices/" + ApiClient.segment(name);
            case decisions -> "devices/" + ApiClient.segment(name) + "/decisions";
            case consents -> "consents/" + ApiClient.segment(name);
            case policies -> name == null ? "policies?under=" + ApiClient.query(under == null ? "/" : under) + "&"
                    + paging : "policies" + (name.startsWith("/") ? name : "/" + name);
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
            case consents -> "give the owner's key id: fogctl get consents 660e83bf...";
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
