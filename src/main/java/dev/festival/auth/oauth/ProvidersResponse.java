package dev.festival.auth.oauth;

import java.util.List;

/** GET /api/auth/providers. */
public record ProvidersResponse(List<OAuthService.ProviderView> providers) {
}
