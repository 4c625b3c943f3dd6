package dev.contactcenter.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDesignTest {
    @Test
    void paddedIdsAreSixteenDigitsAndSortAsTheirNumbers() {
        assertEquals("0000000000000000", TableDesign.paddedId(0));
        assertEquals("0000000000000001", TableDesign.paddedId(1));
        assertEquals("0000000000001234", TableDesign.paddedId(1234));
        // the largest id a double holds exactly, as JSON clients send ids
        assertEquals("9007199254740992", TableDesign.paddedId(9_007_199_254_740_992L));
        assertEquals("9999999999999999", TableDesign.paddedId(9_999_999_999_999_999L));
        List<String> padded = new ArrayList<>();
        for (long id : new long[] {3, 25, 100, 999, 1000, 123_456_789}) {
            padded.add(TableDesign.paddedId(id));
        }
        List<String> sorted = new ArrayList<>(padded);
        sorted.sort(null);
        assertEquals(sorted, padded);
        assertTrue(padded.stream().allMatch(p -> p.length() == 16));
    }
}
