package dev.contactcenter.core.store;

import java.nio.charset.StandardCharsets;

/**
 * Numbers read from within attribute values on the queue-state hot path. Warm Lambda code runs under C1, which
 * inlines none of the JDK's parsers and leaves their {@code CharSequence.charAt} interface call per character;
 * these plain loops compile to straight code. Anything but the plain form they read goes to the JDK's parser,
 * so the results and the exceptions are the JDK's.
 */
public final class NumberText {
    /** 10^0 .. 10^22: exactly representable as doubles. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    /** Digits are accumulated while the mantissa is below this, so up to 18 of them (no overflow). */
    private static final long MANTISSA_LIMIT = 100_000_000_000_000_000L;

    private NumberText() {}

    /** {@code Long.parseLong(s, from, to, 10)}. */
    public static long parseLong(String s, int from, int to) {
        // up to 18 plain digits cannot overflow; signs, other characters and longer numbers go to the JDK
        long value = plainDigits(s, from, to, 18);
        return value >= 0 ? value : Long.parseLong(s, from, to, 10);
    }

    /** {@code Integer.parseInt(s, from, to, 10)}. */
    public static int parseInt(String s, int from, int to) {
        long value = plainDigits(s, from, to, 9);
        return value >= 0 ? (int) value : Integer.parseInt(s, from, to, 10);
    }

    /** The value of s[from, to) if it is 1 to {@code maxDigits} plain digits, else -1. */
    private static long plainDigits(String s, int from, int to, int maxDigits) {
        if (to <= from || to - from > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = 10 * value + digit;
        }
        return value;
    }

    /**
     * {@code Double.parseDouble(s)}, within 2 ulp: exactly it up to 15 significant digits. DynamoDB's sums carry 17
     * and more, where the JDK takes its slow exact path. A plain decimal ({@code -?digits[.digits]}) is read as the
     * mantissa of its first 18 significant digits (the rest weigh under 1e-17 of it) times 10^e, |e| <= 22, an exact
     * double: one rounding while the mantissa is below 2^53, two above. Anything else (exponents, a '+', very large
     * or small values, malformed text) goes to the JDK. The digits are read from a Latin-1 copy of the text: for the
     * 17 and more characters of a sum, one copy and plain array reads cost C1 less than {@code charAt} each.
     */
    public static double parseDouble(String s) {
        // other characters become '?', no digit: such text goes to the JDK whole
        byte[] text = s.getBytes(StandardCharsets.ISO_8859_1);
        int length = text.length;
        int i = length > 0 && text[0] == '-' ? 1 : 0;
        int start = i;
        long mantissa = 0;
        int exponent = 0;
        int digit = 0;
        for (; i < length && (digit = text[i] - '0') >= 0 && digit <= 9; i++) {
            if (mantissa < MANTISSA_LIMIT) {
                mantissa = 10 * mantissa + digit;
            } else {
                exponent++;
            }
        }
        int digits = i - start;
        if (i < length && text[i] == '.') {
            int point = i;
            for (i++; i < length && (digit = text[i] - '0') >= 0 && digit <= 9; i++) {
                if (mantissa < MANTISSA_LIMIT) {
                    mantissa = 10 * mantissa + digit;
                    exponent--;
                }
            }
            digits += i - point - 1;
        }
        if (i < length || digits == 0 || exponent < -22 || exponent > 22) {
            return Double.parseDouble(s);
        }
        double value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
        return start == 0 ? value : -value;
    }
}
