package org.syndication.notifier.management;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ManagementTokenFilterTests {

	@Test
	void withoutAConfiguredTokenTheGuardedEndpointsStayClosed() throws Exception {
		for (ManagementSettings settings : new ManagementSettings[] { new ManagementSettings(null),
				new ManagementSettings(""), new ManagementSettings("  ") }) {
			ManagementTokenFilter filter = new ManagementTokenFilter(settings);
			for (String authorization : new String[] { null, "Bearer ", "Bearer", "Bearer null", "Bearer  " }) {
				MockHttpServletResponse response = filter(filter, "/actuator/prometheus", authorization);
				assertThat(response.getStatus()).as(authorization).isEqualTo(401);
				assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
				assertThat(response.getContentType()).isEqualTo("application/problem+json");
			}
			assertThat(filter(filter, "/actuator/health/readiness", null).getStatus()).isEqualTo(200);
			assertThat(filter(filter, "/actuator/info", null).getStatus()).isEqualTo(200);
		}
	}

	@Test
	void theConfiguredTokenOpensTheGuardedEndpoints() throws Exception {
		ManagementTokenFilter filter = new ManagementTokenFilter(new ManagementSettings("s3cret-token"));
		assertThat(filter(filter, "/actuator/metrics", "Bearer s3cret-token").getStatus()).isEqualTo(200);
		assertThat(filter(filter, "/actuator/metrics", "Bearer s3cret-tokenx").getStatus()).isEqualTo(401);
		assertThat(filter(filter, "/actuator/metrics", "Bearer s3cret-toke").getStatus()).isEqualTo(401);
	}

	@Test
	void onlyHealthAndInfoAreOpen() {
		assertThat(ManagementTokenFilter.isGuarded("/actuator")).isTrue();
		assertThat(ManagementTokenFilter.isGuarded("/actuator/prometheus")).isTrue();
		assertThat(ManagementTokenFilter.isGuarded("/actuator/infox")).isTrue();
		assertThat(ManagementTokenFilter.isGuarded("/actuator/healthx")).isTrue();
		assertThat(ManagementTokenFilter.isGuarded("/actuator/health")).isFalse();
		assertThat(ManagementTokenFilter.isGuarded("/actuator/health/liveness")).isFalse();
		assertThat(ManagementTokenFilter.isGuarded("/actuator/info")).isFalse();
		assertThat(ManagementTokenFilter.isGuarded("/api/subscriptions")).isFalse();
	}

	private static MockHttpServletResponse filter(ManagementTokenFilter filter, String path, String authorization)
			throws ServletException, IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setServletPath(path);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
