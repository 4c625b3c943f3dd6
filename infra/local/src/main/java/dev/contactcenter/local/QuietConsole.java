package dev.contactcenter.local;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Standard output that stays silent on a thread while it serves the demo traffic's own requests: the functions log
 * one line per request, and a line a second from the simulation would bury the user's own requests.
 */
final class QuietConsole {
    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);
    private static PrintStream installed;

    private QuietConsole() {}

    /** Puts the filter in front of standard output, unless it is there already. */
    static synchronized void install() {
        if (System.out == installed) {
            return;
        }
        PrintStream original = System.out;
        installed = new PrintStream(
                new FilterOutputStream(original) {
                    @Override
                    public void write(int b) throws IOException {
                        if (!QUIET.get()) {
                            out.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (!QUIET.get()) {
                            out.write(b, off, len);
                        }
                    }
                },
                true);
        System.setOut(installed);
    }

    /** Runs {@code work} with this thread's output dropped when {@code quiet}. */
    static <T> T run(boolean quiet, Supplier<T> work) {
        if (!quiet) {
            return work.get();
        }
        QUIET.set(true);
        try {
            return work.get();
        } finally {
            QUIET.set(false);
        }
    }
}
