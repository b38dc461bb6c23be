package org.syndication.system;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
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
		return entryIds(response.body().getBytes(StandardCharsets.UTF_8), path);
	}

	/**
	 * @param atom an Atom document
	 * @param from where it came from, for the message if it is none
	 * @return the ids of its entries in feed order
	 */
	static List<String> entryIds(byte[] atom, String from) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(atom));
			NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < entries.getLength(); i++) {
				Element entry = (Element) entries.item(i);
				ids.add(entry.getElementsByTagNameNS(ATOM, "id").item(0).getTextContent());
			}
			return ids;
		}
		catch (Exception ex) {
			throw new AssertionError("Not an Atom feed from " + from + ": " + new String(atom, StandardCharsets.UTF_8),
					ex);
		}
	}

	/**
	 * Asks the feed's WebSub hub for a subscription, as a feed reader does.
	 * @return the hub's answer
	 */
	HttpResponse<String> subscribe(String feedPath, String callback, String secret) {
		String form = "hub.mode=subscribe&hub.topic=" + encode(this.service.uri(feedPath).toString()) + "&hub.callback="
				+ encode(callback) + "&hub.secret=" + encode(secret);
		return Http.send(Http.request(this.service.uri("/hub"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
