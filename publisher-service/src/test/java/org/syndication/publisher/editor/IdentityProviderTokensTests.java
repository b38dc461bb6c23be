package org.syndication.publisher.editor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.syndication.publisher.PublisherIntegrationTest;
import org.syndication.publisher.TestApi;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.syndication.publisher.TestApi.article;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The newsroom's identity provider signs in editors: tokens signed with its RSA key,
 * whose public half the publisher fetches as a JWK set over HTTP, as from Keycloak. The
 * role comes from a nested claim with a prefix, the name from {@code preferred_username}.
 */
@PublisherIntegrationTest
class IdentityProviderTokensTests {

	private static final RSAKey SIGNING_KEY = rsaKey("newsroom-1");

	private static final RSAKey FORGER_KEY = rsaKey("newsroom-1");

	private static final AtomicInteger JWK_SET_REQUESTS = new AtomicInteger();

	private static final HttpServer IDENTITY_PROVIDER = jwkSetServer();

	@Autowired
	private MockMvc mvc;

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:"
				+ IDENTITY_PROVIDER.getAddress().getPort() + "/realms/newsroom/protocol/openid-connect/certs");
		registry.add("publisher.security.jwt.role-claim", () -> "realm_access.roles");
		registry.add("publisher.security.jwt.role-prefix", () -> "publisher-");
	}

	@AfterAll
	static void stopIdentityProvider() {
		IDENTITY_PROVIDER.stop(0);
	}

	@Test
	void anEditorOfTheIdentityProviderPublishesAndIsNamedInTheHistory() throws Exception {
		String token = token(SIGNING_KEY, "grace", List.of("offline_access", "publisher-editor"), Instant.now());
		String body = this.mvc.perform(with(token, post("/api/articles"), article()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("PUBLISHED"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = this.json.readTree(body).get("id").asString();

		this.mvc.perform(with(token, get("/api/articles/{id}/history", id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.versions[*].actor").value(contains("grace")))
			.andExpect(jsonPath("$.versions[*].actorRole").value(contains("editor")));
		assertThat(JWK_SET_REQUESTS.get()).as("requests for the JWK set").isPositive();
	}

	@Test
	void anAuthorOfTheIdentityProviderDraftsButCannotPublish() throws Exception {
		String token = token(SIGNING_KEY, "ada", List.of("publisher-author"), Instant.now());
		String body = this.mvc.perform(with(token, post("/api/articles"), article().draft()))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = this.json.readTree(body).get("id").asString();

		this.mvc.perform(with(token, post("/api/articles"), article()))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value(containsString("role editor")))
			.andExpect(jsonPath("$.requiredRole").value("editor"));
		this.mvc.perform(with(token, put("/api/articles/{id}", id).header(HttpHeaders.IF_MATCH, "\"1\""), article()))
			.andExpect(status().isForbidden());
	}

	@Test
	void aUserWithoutARoleOfThePublisherIsSignedInButMayDoNothing() throws Exception {
		String token = token(SIGNING_KEY, "mallory", List.of("editor-of-another-app", "author"), Instant.now());
		this.mvc.perform(with(token, get("/api/articles"))).andExpect(status().isForbidden());
		this.mvc.perform(with(token, post("/api/articles"), article().draft())).andExpect(status().isForbidden());
	}

	@Test
	void aForgedAnExpiredOrAMangledTokenIsRefusedWith401() throws Exception {
		List<String> refused = List.of(token(FORGER_KEY, "grace", List.of("publisher-admin"), Instant.now()),
				token(SIGNING_KEY, "grace", List.of("publisher-editor"), Instant.now().minusSeconds(7200)),
				token(SIGNING_KEY, "grace", List.of("publisher-editor"), Instant.now()) + "x",
				"eyJhbGciOiJub25lIn0.eyJzdWIiOiJncmFjZSJ9.");
		for (String token : refused) {
			this.mvc.perform(with(token, post("/api/articles"), article()))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")));
		}
	}

	@Test
	void namedApiKeysStillWorkBesideTheIdentityProvider() throws Exception {
		this.mvc.perform(TestApi.post(article())).andExpect(status().isCreated());
	}

	private MockHttpServletRequestBuilder with(String token, MockHttpServletRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
	}

	private MockHttpServletRequestBuilder with(String token, MockHttpServletRequestBuilder request,
			TestApi.ArticleJson article) {
		return with(token, request).contentType(MediaType.APPLICATION_JSON).content(article.toJson());
	}

	/**
	 * A token as Keycloak issues it: roles under realm_access, valid for five minutes.
	 */
	private static String token(RSAKey key, String username, List<String> roles, Instant issuedAt) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://idp.example/realms/newsroom")
			.subject("f3a1c2d4-" + username)
			.claim("preferred_username", username)
			.claim("realm_access", Map.of("roles", roles))
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static RSAKey rsaKey(String id) {
		try {
			return new RSAKeyGenerator(2048).keyID(id).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Serves the public signing key, as an identity provider's certs endpoint does. */
	private static HttpServer jwkSetServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] jwkSet = new JWKSet(SIGNING_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/realms/newsroom/protocol/openid-connect/certs", (exchange) -> {
				JWK_SET_REQUESTS.incrementAndGet();
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwkSet.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(jwkSet);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
