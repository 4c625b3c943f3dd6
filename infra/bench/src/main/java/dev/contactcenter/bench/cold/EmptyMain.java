package dev.contactcenter.bench.cold;

/** The empty JVM of the cold-start table: what starting Java alone costs here. */
public final class EmptyMain {
    private EmptyMain() {}

    public static void main(String[] args) {
        System.out.println("status=0");
    }
}
