package dev.festival.system;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/")
@Tag(name = "System")
@Produces(MediaType.APPLICATION_JSON)
public class ApiInfoResource {
    @ConfigProperty(name = "quarkus.application.name")
    String name;

    @ConfigProperty(name = "quarkus.application.version")
    String version;

    public record ApiInfo(String name, String version, String docs) {}

    @GET
    @PermitAll
    @Operation(summary = "API identity; public, used by clients as a liveness probe")
    public Uni<ApiInfo> info() {
        return Uni.createFrom().item(new ApiInfo(name, version, "/api/docs"));
    }
}
