package dev.contactcenter.ops;

import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.Scope;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "create-key", description = "Creates an API key for a tenant and prints its secret, once.")
final class CreateKey extends TenantCommand {
    @ArgGroup(multiplicity = "1")
    Grant grant;

    @Option(names = "--description", description = "What the key is for (shown by list-keys).")
    String description;

    /** Scopes are never implied: the operator names them, or asks for all of them explicitly. */
    static final class Grant {
        @Option(
                names = "--scope",
                required = true,
                converter = ScopeName.class,
                paramLabel = "SCOPE",
                description = "Repeatable: ewt:read, calls:write, queue_events:write, admin.")
        List<Scope> scopes;

        @Option(names = "--all-scopes", required = true, description = "Every scope, admin included.")
        boolean all;

        Set<Scope> scopes() {
            return all ? Scope.all() : EnumSet.copyOf(scopes);
        }
    }

    static final class ScopeName implements ITypeConverter<Scope> {
        @Override
        public Scope convert(String value) {
            return Scope.fromWire(value)
                    .orElseThrow(() -> new TypeConversionException(
                            "unknown scope '" + value + "'; one of: ewt:read, calls:write, queue_events:write, admin"));
        }
    }

    @Override
    public Integer call() {
        TenantAdmin.IssuedKey key = new TenantAdmin(backend()).createKey(tenantId, grant.scopes(), description);
        PrintWriter out = out();
        out.println("key_id  " + key.keyId());
        out.println("secret  " + key.secret());
        out.println("scopes  " + Scope.join(key.scopes()));
        out.println("The secret is shown only now: store it safely. Clients send HTTP Basic key_id:secret.");
        return 0;
    }
}
