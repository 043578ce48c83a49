package dev.festival.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PathIdsTest {
    @Test
    void onlyTheCanonicalFormIsAUuid() {
        UUID id = UUID.randomUUID();
        assertEquals(id, PathIds.uuidOrNull(id.toString()));
        assertEquals(id, PathIds.uuidOrNull(" " + id + " "));
        assertNull(PathIds.uuidOrNull("1-1-1-1-1"), "UUID.fromString would accept it");
        assertNull(PathIds.uuidOrNull("festival-demo-2026"));
        assertNull(PathIds.uuidOrNull(""));
        assertNull(PathIds.uuidOrNull(null));
    }

    @Test
    void aNonUuidIsNotFoundOrABadPathParameter() {
        ApiException notFound = assertThrows(ApiException.class, () -> PathIds.orNotFound("abc", "Ticket"));
        assertEquals(ErrorCode.NOT_FOUND, notFound.code());
        assertEquals("Ticket not found", notFound.getMessage());
        ApiException bad = assertThrows(ApiException.class, () -> PathIds.orBadRequest("abc", "id"));
        assertEquals(ErrorCode.BAD_PATH_PARAMETER, bad.code());
    }
}
