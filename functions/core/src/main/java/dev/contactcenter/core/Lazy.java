package dev.contactcenter.core;

import java.util.function.Supplier;

/**
 * A value built on first use, once, by whichever thread asks first. For clients that only some requests
 * need (KMS, the push providers' HTTP clients): a cold start that answers without them does not build them.
 * Functions with SnapStart build them in priming instead, so a restored snapshot has them ready.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    private Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    public static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = factory.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
