package org.fogledger.ledger.validator.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.validator.ValidatorProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong node file stops {@link ValidatorProcess} with exit code 2 and a message naming the key at fault. */
class ValidatorProcessConfigTest {

    @TempDir
    Path dir;

    @Test
    void configurationErrorsExitWithCode2AndNameTheKey() throws Exception {
        ValidatorProcesses files = new ValidatorProcesses(dir, 4, "");
        String good = Files.readString(files.configFile(0));
        String keyFileLine = good.lines().filter(l -> l.trim().startsWith("key-file")).findFirst().orElseThrow();
        Files.writeString(dir.resolve("bad-port.conf"), """
                fogledger.genesis { chain-id = "x", validators = [ { name = "v0", public-key = "00", host = "h",
                  port = "not-a-port" } ] }
                fogledger.node { name = "v0", data-dir = %s, %s }
                """.formatted(com.typesafe.config.ConfigUtil.quoteString(dir.resolve("d").toString()), keyFileLine));

        // file name -> what the message must name
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(write("no-key-file.conf", good.replace(keyFileLine, "")), "fogledger.node.key-file");
        cases.put(write("wrong-name.conf", good.replace("name = \"v0\"", "name = \"v1\"")), "fogledger.node.name");
        cases.put(write("no-genesis.conf", good.replace("include \"genesis.conf\"", "")), "fogledger.genesis");
        cases.put("bad-port.conf", "fogledger.genesis");
        cases.put(write("bad-storage.conf", good + "\nfogledger.storage.kind = \"floppy\"\n"), "fogledger.storage.kind");
        cases.put(write("bad-timeout.conf", good.replace("fogledger.node {",
                "fogledger.node {\n  consensus.base-round-timeout = soon")), "base-round-timeout");
        cases.put("does-not-exist.conf", "does-not-exist.conf");

        List<Process> processes = new ArrayList<>();
        for (String file : cases.keySet()) {
            processes.add(ValidatorProcesses.launch(dir.resolve(file).toString(), dir.resolve(file + ".out")));
        }
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Process process = processes.get(i++);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), c.getKey() + ": still running after 60 s");
            String output = Files.readString(dir.resolve(c.getKey() + ".out"), StandardCharsets.UTF_8);
            assertEquals(ValidatorProcess.EXIT_CONFIG, process.exitValue(), c.getKey() + ": exit code; output:\n" + output);
            assertTrue(output.contains(c.getValue()), c.getKey() + ": the message should name " + c.getValue()
                    + "; output:\n" + output);
            assertTrue(!output.contains("READY"), c.getKey() + ": printed READY\n" + output);
        }
    }

    private String write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
        return name;
    }
}
