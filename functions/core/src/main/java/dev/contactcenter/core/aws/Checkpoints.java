package dev.contactcenter.core.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart checkpoint hooks. Lambda snapshots a function's JVM after init; whatever {@code beforeCheckpoint}
 * ran is then loaded, initialized and connected in every environment restored from it. Clients register
 * a warm-up here when they are built; handlers register their request path through {@code snapstart.Priming}.
 * <p>
 * Nothing unique is captured: a hook keeps no response, id, timestamp or random seed, so {@code afterRestore}
 * has nothing to re-create. A connection kept alive from priming may be dead after a restore; the SDK retries
 * such a request on a fresh one.
 */
public final class Checkpoints implements Resource {
    /** Tenant ids are subdomains (lowercase letters, digits, '-'): no tenant can have this one. */
    public static final String PRIMING_TENANT = "~snapstart-priming";

    /** CRaC holds resources weakly: these stay registered for the life of the environment. */
    private static final List<Checkpoints> REGISTERED = new CopyOnWriteArrayList<>();

    private final Runnable prime;

    private Checkpoints(Runnable prime) {
        this.prime = prime;
    }

    public static void register(Runnable prime) {
        Checkpoints hook = new Checkpoints(prime);
        REGISTERED.add(hook);
        Core.getGlobalContext().register(hook);
    }

    /** What a restore would run before the first request; for tests of the priming requests. */
    public static List<Resource> registered() {
        return List.copyOf(REGISTERED);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing unique was captured (see the class comment)
    }
}
