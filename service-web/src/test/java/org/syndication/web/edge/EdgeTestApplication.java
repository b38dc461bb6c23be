package org.syndication.web.edge;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.syndication.web.RequestSizeLimitFilter;
import org.syndication.web.security.ActuatorAccess;
import org.syndication.web.security.ConfiguredTokenIntrospector;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.CacheControl;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service as the real ones are built on service-web: an API that needs a bearer token,
 * a part that needs a role, open pages, and the actuator.
 */
@SpringBootApplication
class EdgeTestApplication {

	static final String ADMIN_TOKEN = "admin-token-0123456789";

	static final String AUTHOR_TOKEN = "author-token-0123456789";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ActuatorAccess actuator) throws Exception {
		return http.authorizeHttpRequests((requests) -> {
			actuator.authorize(requests);
			requests.requestMatchers("/api/editing/**").hasRole("EDITOR").requestMatchers("/api/**").authenticated();
			requests.anyRequest().permitAll();
		}).oauth2ResourceServer((server) -> server.opaqueToken(Customizer.withDefaults())).build();
	}

	/** Two tokens: one for an administrator, one for an author. */
	@Bean
	OpaqueTokenIntrospector tokens() {
		OpaqueTokenIntrospector admin = new ConfiguredTokenIntrospector(ADMIN_TOKEN, "admin", "ROLE_ADMIN");
		OpaqueTokenIntrospector author = new ConfiguredTokenIntrospector(AUTHOR_TOKEN, "author", "ROLE_AUTHOR");
		return (token) -> {
			try {
				return admin.introspect(token);
			}
			catch (BadOpaqueTokenException ex) {
				return author.introspect(token);
			}
		};
	}

	@Bean
	RequestSizeLimitFilter requestSizeLimitFilter() {
		return new RequestSizeLimitFilter(DataSize.ofKilobytes(1));
	}

	/** A servlet of its own beside Spring MVC's, as the feed service has. */
	@Bean
	ServletRegistrationBean<HttpServlet> plainServlet() {
		return new ServletRegistrationBean<>(new HttpServlet() {

			@Override
			protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
				response.setContentType("text/plain");
				response.getWriter().write("plain " + request.getPathInfo());
			}

		}, "/plain/*");
	}

	@RestController
	static class Things {

		@GetMapping({ "/api/things", "/api/editing/things" })
		Map<String, String> things() {
			return Map.of("things", "secret");
		}

		@GetMapping("/open/{name}")
		ResponseEntity<Map<String, String>> open(@PathVariable String name) {
			return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
				.body(Map.of("name", name));
		}

		@PostMapping("/open/database-away")
		Map<String, String> databaseAway() {
			throw new CannotGetJdbcConnectionException("Connection is not available, request timed out after 5000ms",
					new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
		}

		@PostMapping(path = "/open/form", consumes = "application/x-www-form-urlencoded")
		Map<String, Object> form(@RequestParam Map<String, String> form, @RequestParam List<String> text) {
			return Map.of("form", form, "text", text);
		}

		@PostMapping("/open/echo")
		Map<String, String> echo(@RequestBody Echo echo) {
			return Map.of("text", echo.text());
		}

	}

	record Echo(String text, Integer count) {

	}

}
