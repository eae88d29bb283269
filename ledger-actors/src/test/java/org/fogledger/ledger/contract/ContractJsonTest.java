package org.fogledger.ledger.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContractJsonTest {
    enum Colour { RED, GREEN }

    record Paint(String name, Colour colour, long litres) {
    }

    private static ContractRefusal refusal(String json) {
        return assertThrows(ContractRefusal.class, () -> ContractJson.read(json.getBytes(StandardCharsets.UTF_8),
                Paint.class, "shop.paint"));
    }

    @Test
    void writingIsDeterministicWhateverTheMapOrder() {
        TreeMap<String, Long> one = new TreeMap<>();
        one.put("b", 2L);
        one.put("a", 1L);
        java.util.LinkedHashMap<String, Long> other = new java.util.LinkedHashMap<>();
        other.put("a", 1L);
        other.put("b", 2L);
        assertArrayEquals(ContractJson.write(one), ContractJson.write(other));
        assertEquals("{\"colour\":\"RED\",\"litres\":3,\"name\":\"x\"}",
                ContractJson.writeString(new Paint("x", Colour.RED, 3)));
    }

    @Test
    void readingRefusesWhatItWouldOtherwiseGuessAndNamesTheField() {
        assertTrue(refusal("{\"name\":7,\"colour\":\"RED\",\"litres\":1}").getMessage().contains("field 'name'"));
        assertTrue(refusal("{\"name\":\"x\",\"colour\":1,\"litres\":1}").getMessage().contains("field 'colour'"));
        assertTrue(refusal("{\"name\":\"x\",\"colour\":\"RED\",\"litres\":1.5}").getMessage()
                .contains("field 'litres'"));
        assertTrue(refusal("{\"name\":\"x\",\"name\":\"y\",\"colour\":\"RED\",\"litres\":1}").getMessage()
                .contains("name"));
        assertEquals("shop.paint: field 'tip': unknown field; expected one of [colour, litres, name]",
                refusal("{\"name\":\"x\",\"colour\":\"RED\",\"litres\":1,\"tip\":0}").getMessage());
        assertEquals("malformed-payload", refusal("{\"name\":\"x\"} trailing").code());
        assertEquals("malformed-payload", refusal("[".repeat(100)).code());
    }

    @Test
    void listsKeepTheTypeOfTheirElements() {
        byte[] json = ContractJson.writeList(List.of(new TallyContract.Added("kwh", 2)), TallyContract.Event.class);
        assertEquals("[{\"type\":\"added\",\"amount\":2,\"name\":\"kwh\"}]", new String(json, StandardCharsets.UTF_8));
    }
}
