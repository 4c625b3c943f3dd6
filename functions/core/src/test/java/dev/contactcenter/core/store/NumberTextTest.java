package dev.contactcenter.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberTextTest {
    private static final String[] ODD_NUMBERS = {
        "0",
        "-0",
        "0.0",
        "-0.0",
        "00012.5000",
        ".5",
        "5.",
        "-.5",
        "-5.",
        "1",
        "-1",
        "9007199254740993",
        "9223372036854775807",
        "9223372036854775808",
        "99999999999999999999",
        "123456789012345678901234567890",
        "0.1",
        "0.3",
        "2.5",
        "-2.5",
        "1.7976931348623157",
        "0.0000000000000000000001",
        "0.00000000000000000000001",
        "1000000000000000000000",
        "10000000000000000000000",
        "100000000000000000000000",
        "4.9406564584124654",
        "1590.37732834599677",
        "727.93605778901767",
        "1755.80858741531231",
        "0.000000000000000000000000000001",
        "1.5E-7",
        "1e5",
        "1E+300",
        "1e400",
        "-1e-400",
        "+1",
        "+0.5",
        " 1",
        "1 ",
        "1d",
        "1.5f",
        "NaN",
        "-NaN",
        "Infinity",
        "-Infinity",
        "0x1p3",
        "0x1.8p1",
        "",
        "-",
        ".",
        "-.",
        "1.2.3",
        "1-",
        "--1",
        "1e",
        "e5",
        "abc",
        "1,5",
        "\u0661",
        "1\u0662",
        "\uD83D\uDE00",
        "12\uD83D\uDE00"
    };

    @Test
    void parseDoubleAgreesWithTheJdkOnOddInputs() {
        for (String s : ODD_NUMBERS) {
            assertSameAsJdk(s);
        }
    }

    @Test
    void parseDoubleAgreesWithTheJdkOnRandomDecimals() {
        Random random = new Random(20_781);
        for (int i = 0; i < 100_000; i++) {
            assertSameAsJdk(randomDecimal(random));
        }
    }

    @Test
    void parseDoubleAgreesWithTheJdkOnDynamoSums() {
        // what ADD leaves: sums of BigDecimal.valueOf(double).toPlainString() values, up to 38 digits
        Random random = new Random(7);
        for (int i = 0; i < 30_000; i++) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 1 + random.nextInt(6); k > 0; k--) {
                sum = sum.add(BigDecimal.valueOf(Math.exp(random.nextDouble() * 24) * random.nextDouble() * 600));
            }
            assertSameAsJdk(sum.toPlainString());
        }
    }

    @Test
    void parseDoubleAgreesWithTheJdkOnPrintedDoubles() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(d)) {
                assertSameAsJdk(Double.toString(d));
                assertSameAsJdk(new BigDecimal(d).toPlainString());
            }
            double small = random.nextDouble() * Math.pow(10, random.nextInt(30) - 15);
            assertSameAsJdk(Double.toString(small));
            assertSameAsJdk(BigDecimal.valueOf(small).toPlainString());
        }
    }

    @Test
    void parseDoubleIsExactForShortMantissas() {
        // up to 15 significant digits and |exponent| <= 22: one correctly rounded operation
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            long mantissa = (long) (random.nextDouble() * Math.pow(10, 1 + random.nextInt(15)));
            int scale = random.nextInt(23);
            String s = (random.nextBoolean() ? "-" : "")
                    + BigDecimal.valueOf(mantissa, scale).toPlainString();
            assertEquals(Double.parseDouble(s), NumberText.parseDouble(s), s);
        }
    }

    @Test
    void parseLongAndParseIntAgreeWithTheJdk() {
        List<String> inputs = new ArrayList<>(List.of(
                "0",
                "7",
                "-7",
                "+7",
                "007",
                "",
                "-",
                "+",
                "x",
                "1x",
                "1 ",
                "123456789",
                "1234567890",
                "2147483647",
                "2147483648",
                "-2147483648",
                "-2147483649",
                "123456789012345678",
                "999999999999999999",
                "1000000000000000000",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775808",
                "-9223372036854775809",
                "99999999999999999999",
                "\u0661\u0662",
                "1\uD83D\uDE00"));
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            inputs.add(Long.toString(random.nextLong() >>> random.nextInt(64)));
            inputs.add(Integer.toString(random.nextInt() >> random.nextInt(32)));
        }
        for (String digits : inputs) {
            // within a longer string, as the mapper reads them
            String s = "ab " + digits + " cd";
            int from = 3;
            int to = 3 + digits.length();
            assertSameOutcome(() -> Long.parseLong(s, from, to, 10), () -> NumberText.parseLong(s, from, to), s);
            assertSameOutcome(
                    () -> (long) Integer.parseInt(s, from, to, 10), () -> (long) NumberText.parseInt(s, from, to), s);
        }
    }

    private static String randomDecimal(Random random) {
        StringBuilder sb = new StringBuilder();
        if (random.nextBoolean()) {
            sb.append('-');
        }
        int digits = 1 + random.nextInt(random.nextInt(4) == 0 ? 40 : 20);
        int point = random.nextInt(digits + 2) - 1;
        for (int i = 0; i < digits; i++) {
            if (i == point) {
                sb.append('.');
            }
            // runs of zeros and nines probe the rounding boundaries
            int kind = random.nextInt(8);
            sb.append(kind == 0 ? '0' : kind == 1 ? '9' : (char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private static void assertSameAsJdk(String s) {
        double expected;
        try {
            expected = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            assertThrows(NumberFormatException.class, () -> NumberText.parseDouble(s), s);
            return;
        }
        double actual = NumberText.parseDouble(s);
        if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) {
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), s);
            return;
        }
        assertTrue(
                Math.abs(actual - expected) <= 2 * Math.ulp(expected),
                () -> s + ": " + actual + " vs the JDK's " + expected);
    }

    private interface LongCall {
        long call();
    }

    private static void assertSameOutcome(LongCall jdk, LongCall ours, String s) {
        long expected;
        try {
            expected = jdk.call();
        } catch (RuntimeException e) {
            try {
                ours.call();
            } catch (RuntimeException ourException) {
                assertEquals(e.getClass(), ourException.getClass(), s);
                return;
            }
            fail(s + ": the JDK throws " + e);
            return;
        }
        assertEquals(expected, ours.call(), s);
    }
}
