package org.fogledger.agents.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDirectoryTest {
    @TempDir
    Path dir;

    private AgentDirectory read(String identities) {
        return AgentDirectory.fromConfig(ConfigFactory.parseString("fogledger.agents.identities = [" + identities
                + "]"));
    }

    private String entry(String id, String rank, String jurisdiction, Path keyFile) {
        return "{ id = %s, rank = %s, jurisdiction = %s, key-file = %s }".formatted(ConfigUtil.quoteString(id),
                ConfigUtil.quoteString(rank), ConfigUtil.quoteString(jurisdiction),
                ConfigUtil.quoteString(keyFile.toString()));
    }

    private Path keyFile(String name, KeyPair key) throws Exception {
        Path file = dir.resolve(name + ".key");
        Files.writeString(file, Pem.writePrivateKey(key), StandardCharsets.US_ASCII);
        return file;
    }

    @Test
    void readsIdentitiesAndTheirKeysFromPemFiles() throws Exception {
        KeyPair rootKey = KeyPair.generate();
        KeyPair regionKey = KeyPair.generate();

        AgentDirectory directory = read(entry("root", "root", "/", keyFile("root", rootKey)) + ", "
                + entry("region-eu", "region", "/eu", keyFile("region", regionKey)));

        assertEquals(2, directory.size());
        assertEquals(rootKey.publicKey(), directory.root().orElseThrow().key().publicKey());
        AgentIdentity region = directory.find("region-eu").orElseThrow();
        assertEquals(Rank.REGION, region.rank());
        assertEquals("/eu", region.jurisdiction());
        assertEquals(regionKey.publicKey(), region.key().publicKey());
        assertTrue(!region.toString().contains(Pem.writePrivateKey(regionKey)), "no private key in toString");
    }

    @Test
    void aMissingKeyFileIsAnErrorNamingTheAgentAndTheFile() {
        Path missing = dir.resolve("nowhere.key");
        var e = assertThrows(IllegalArgumentException.class, () -> read(entry("region-eu", "region", "/eu",
                missing)));
        assertTrue(e.getMessage().contains("region-eu") && e.getMessage().contains(missing.toString()),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotAPrivateKeyIsRefused() throws Exception {
        Path file = dir.resolve("public.pem");
        Files.writeString(file, Pem.writePublicKey(KeyPair.generate().publicKey()));
        var e = assertThrows(IllegalArgumentException.class, () -> read(entry("site-1", "site", "/eu/fr", file)));
        assertTrue(e.getMessage().contains("not a PKCS#8 PEM private key"), e.getMessage());
    }

    @Test
    void badRanksJurisdictionsIdsAndTwoRootsAreRefused() throws Exception {
        Path key = keyFile("k", KeyPair.generate());
        Path other = keyFile("o", KeyPair.generate());

        var rank = assertThrows(IllegalArgumentException.class, () -> read(entry("a", "emperor", "/", key)));
        var scope = assertThrows(IllegalArgumentException.class, () -> read(entry("a", "region", "eu", key)));
        var id = assertThrows(IllegalArgumentException.class, () -> read(entry("Region EU", "region", "/eu", key)));
        var roots = assertThrows(IllegalArgumentException.class, () -> read(entry("r1", "root", "/", key) + ", "
                + entry("r2", "root", "/", other)));
        var twice = assertThrows(IllegalArgumentException.class, () -> read(entry("a", "site", "/x", key) + ", "
                + entry("a", "site", "/y", other)));

        assertTrue(rank.getMessage().contains("emperor"), rank.getMessage());
        assertTrue(scope.getMessage().contains("jurisdiction"), scope.getMessage());
        assertTrue(id.getMessage().contains("Region EU"), id.getMessage());
        assertTrue(roots.getMessage().contains("one root agent"), roots.getMessage());
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
        assertEquals(0, new AgentDirectory(List.of()).size());
    }
}
