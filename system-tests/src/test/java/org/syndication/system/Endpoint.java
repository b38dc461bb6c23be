package org.syndication.system;

import java.net.URI;

/**
 * Where a service answers HTTP.
 */
interface Endpoint {

	/**
	 * @param path an absolute path, with its query if any
	 * @return the URI of that path on this service
	 */
	URI uri(String path);

	/**
	 * @param baseUrl for example {@code http://localhost:8081}
	 * @return the endpoint at that address
	 */
	static Endpoint at(String baseUrl) {
		return (path) -> URI.create(baseUrl + path);
	}

}
