package org.syndication.system;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * feed-service as a feed reader sees it.
 */
final class Feeds {

	private static final String ATOM = "http://www.w3.org/2005/Atom";

	private final Endpoint service;

	Feeds(Endpoint service) {
		this.service = service;
	}

	HttpResponse<String> get(String path) {
		return Http.get(this.service.uri(path));
	}

	/**
	 * @param path an Atom feed's path
	 * @return the ids of its entries in feed order; 404 is a feed without entries
	 */
	List<String> entryIds(String path) {
		HttpResponse<String> response = get(path);
		if (response.statusCode() == 404) {
			return List.of();
		}
		Http.expect(200, response);
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			Document feed = factory.newDocumentBuilder()
				.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
			NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < entries.getLength(); i++) {
				Element entry = (Element) entries.item(i);
				ids.add(entry.getElementsByTagNameNS(ATOM, "id").item(0).getTextContent());
			}
			return ids;
		}
		catch (Exception ex) {
			throw new AssertionError("Not an Atom feed at " + path + ": " + response.body(), ex);
		}
	}

}
