package dev.contactcenter.apitests;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.TemplateRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Instantiates the handler classes template.yaml names, the way the local runtime does. */
final class Handlers {
    private final Backend backend;
    private final Map<String, RequestHandler<Object, Object>> byClass = new HashMap<>();

    Handlers(Backend backend) {
        this.backend = backend;
    }

    @SuppressWarnings("unchecked")
    RequestHandler<Object, Object> forClass(String className) {
        return byClass.computeIfAbsent(className, name -> {
            try {
                Class<?> type = Class.forName(name);
                Object handler = type.getName().endsWith(".Authorizer")
                        ? type.getConstructor(Backend.class, String.class).newInstance(backend, "api.example.com")
                        : type.getConstructor(Backend.class).newInstance(backend);
                return (RequestHandler<Object, Object>) handler;
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("Handler " + name + " cannot be built with a Backend", e);
            }
        });
    }

    static Path projectRoot() {
        return TemplateRoutes.templatePath().getParent();
    }

    static boolean isFile(Path p) {
        return Files.isRegularFile(p);
    }
}
