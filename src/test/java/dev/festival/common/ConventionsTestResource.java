package dev.festival.common;

import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Test-only endpoints exercising the conventions every real endpoint inherits (validation,
 * tolerant reader, paging, unexpected failures, logging). Deployed only in @QuarkusTest.
 */
@Path("/test-conventions")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConventionsTestResource {
    private static final Logger LOG = Logger.getLogger(ConventionsTestResource.class);
    static final int ITEMS = 45;

    public enum Kind { CONCERT, FESTIVAL_PASS }

    public record Sample(@Min(1) int quantity, @NotBlank @Email String email, @NotNull Kind kind) {}

    public record Item(int n) {}

    @POST
    public Uni<Response> create(@Valid @NotNull Sample body) {
        return Uni.createFrom().item(Response.status(201).entity(body).build());
    }

    @GET
    @Path("/items")
    public Uni<Page<Item>> items(@QueryParam("page") String page, @QueryParam("limit") String limit,
                                 @QueryParam("offset") String offset, @QueryParam("sort") String sort,
                                 @QueryParam("sortBy") String sortBy, @QueryParam("sortOrder") String sortOrder) {
        PageRequest req = PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder, Set.of("n"), "n", true);
        List<Item> data = IntStream.rangeClosed(1, ITEMS).skip(req.offset()).limit(req.limit())
                .mapToObj(Item::new).toList();
        return Uni.createFrom().item(Page.of(data, ITEMS, req));
    }

    @GET
    @Path("/secured")
    @io.quarkus.security.Authenticated
    public Uni<Item> secured() {
        return Uni.createFrom().item(new Item(7));
    }

    @GET
    @Path("/boom")
    public Uni<Item> boom() {
        throw new IllegalStateException("internal detail: dev.festival.secret.Thing exploded at row 42");
    }

    @GET
    @Path("/log")
    public Uni<Item> log(@QueryParam("marker") String marker) {
        LOG.infof("conventions-log %s password=hunter2 token: abc.def.ghi {\"refreshToken\":\"r-123\"}", marker);
        return Uni.createFrom().item(new Item(1));
    }
}
