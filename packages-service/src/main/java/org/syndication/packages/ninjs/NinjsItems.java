package org.syndication.packages.ninjs;

import java.util.Objects;

import org.syndication.events.ArticleEvent;
import org.syndication.events.ArticleSnapshot;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An article event as an IPTC ninjs news item, in the release a partner's ingest system
 * reads: {@code NinjsItems.of(event, NinjsVersion.V3_1)}. The item is the article after
 * the change; a retraction is the same item, canceled.
 * <p>
 * What each property of the item is made of. The two releases write the same values; they
 * differ in spelling only (2.2 spells every property in lowercase). A property whose
 * source is {@code null} or empty is left out, as neither release allows {@code null} or
 * asks for empty arrays.
 * <table>
 * <caption>ninjs item properties</caption>
 * <tr>
 * <th>ninjs 3.1</th>
 * <th>ninjs 2.2</th>
 * <th>from</th>
 * <th>note</th>
 * </tr>
 * <tr>
 * <td>{@code uri}</td>
 * <td>{@code uri}</td>
 * <td>{@code article.id}</td>
 * <td>{@code urn:uuid:<id>}, the id the feeds give the article; the same for every
 * version of the article</td>
 * </tr>
 * <tr>
 * <td>{@code standard}</td>
 * <td>{@code standard}</td>
 * <td>the release</td>
 * <td>{@code name} ninjs, {@code version} 3.1 or 2.2, {@code schema} the {@code $id} of
 * the release's schema</td>
 * </tr>
 * <tr>
 * <td>{@code type}</td>
 * <td>{@code type}</td>
 * <td></td>
 * <td>always {@code text}</td>
 * </tr>
 * <tr>
 * <td>{@code version}</td>
 * <td>{@code version}</td>
 * <td>{@code article.version}</td>
 * <td>as a string</td>
 * </tr>
 * <tr>
 * <td>{@code versionCreated}</td>
 * <td>{@code versioncreated}</td>
 * <td>{@code article.updatedAt}</td>
 * <td>RFC 3339, UTC</td>
 * </tr>
 * <tr>
 * <td>{@code firstCreated}</td>
 * <td>{@code firstcreated}</td>
 * <td>{@code article.publishedAt}</td>
 * <td>the article has no creation time of its own; the first version partners can see is
 * the published one</td>
 * </tr>
 * <tr>
 * <td>{@code pubStatus}</td>
 * <td>{@code pubstatus}</td>
 * <td>{@code type}</td>
 * <td>{@code usable} when published or updated, {@code canceled} when retracted</td>
 * </tr>
 * <tr>
 * <td>{@code language}</td>
 * <td>{@code language}</td>
 * <td>{@code article.language}</td>
 * <td>BCP 47 tag, as is</td>
 * </tr>
 * <tr>
 * <td>{@code headlines}</td>
 * <td>{@code headlines}</td>
 * <td>{@code article.title}</td>
 * <td>one: role {@code main}, content type {@code text/plain}</td>
 * </tr>
 * <tr>
 * <td>{@code descriptions}</td>
 * <td>{@code descriptions}</td>
 * <td>{@code article.summary}</td>
 * <td>one: role {@code summary}, content type {@code text/plain}</td>
 * </tr>
 * <tr>
 * <td>{@code bodies}</td>
 * <td>{@code bodies}</td>
 * <td>{@code article.contentHtml}</td>
 * <td>one: role {@code main}, content type {@code text/html}</td>
 * </tr>
 * <tr>
 * <td>{@code by}</td>
 * <td>{@code by}</td>
 * <td>{@code article.authors}</td>
 * <td>the names joined with {@code ", "}</td>
 * </tr>
 * <tr>
 * <td>{@code people}</td>
 * <td>{@code people}</td>
 * <td>{@code article.authors}</td>
 * <td>one per author: {@code name}, {@code rel} {@code author} (people have no
 * {@code role} in either release)</td>
 * </tr>
 * <tr>
 * <td>{@code subjects}</td>
 * <td>{@code subjects}</td>
 * <td>{@code article.categories}</td>
 * <td>one per category: {@code name}</td>
 * </tr>
 * <tr>
 * <td>{@code renditions}</td>
 * <td>{@code renditions}</td>
 * <td>{@code article.url}</td>
 * <td>one: name {@code web}, {@code href} the address, content type {@code text/html}.
 * Neither release has a link property; the public page is the item rendered for the
 * web</td>
 * </tr>
 * <tr>
 * <td>{@code associations}</td>
 * <td>{@code associations}</td>
 * <td>{@code article.image}</td>
 * <td>one, named {@code mainpic}: a {@code picture} item whose {@code uri} is the image
 * address, with one rendition (name {@code main}, {@code href} the address, {@code width}
 * and {@code height} when known) and the alt text as a description (role {@code alt},
 * content type {@code text/plain}; kept when empty, as it then marks a decorative image).
 * Neither release has an alt text property. The picture is an association, not a
 * rendition, because it is not the article in another form</td>
 * </tr>
 * </table>
 * Not written: the event's {@code eventId} and {@code occurredAt}, which describe the
 * message rather than the item, and {@code article.breaking}.
 */
public final class NinjsItems {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private NinjsItems() {
	}

	/**
	 * The item an event makes.
	 * @param event the event
	 * @param version the release to write
	 * @return a new item, valid against the release's schema
	 * @throws IllegalArgumentException if the event lacks what the item needs: its type,
	 * its article, the article's id, or the image's address; or if an address is not an
	 * absolute URI
	 */
	public static ObjectNode of(ArticleEvent event, NinjsVersion version) {
		Objects.requireNonNull(event, "event");
		Objects.requireNonNull(version, "version");
		ArticleSnapshot article = article(event);
		ObjectNode item = NODES.objectNode();
		item.put("uri", "urn:uuid:" + article.id());
		item.putObject("standard")
			.put("name", "ninjs")
			.put("version", version.value())
			.put("schema", version.schemaId());
		item.put("type", "text");
		item.put("version", Long.toString(article.version()));
		ItemProperties.putTime(item, version.property("versionCreated"), article.updatedAt());
		ItemProperties.putTime(item, version.property("firstCreated"), article.publishedAt());
		item.put(version.property("pubStatus"), pubStatus(event));
		if (article.language() != null) {
			item.put("language", article.language());
		}
		ItemProperties.putText(item, version, "headlines", "main", "text/plain", article.title());
		ItemProperties.putText(item, version, "descriptions", "summary", "text/plain", article.summary());
		ItemProperties.putText(item, version, "bodies", "main", "text/html", article.contentHtml());
		ItemProperties.putAuthors(item, article.authors());
		ItemProperties.putSubjects(item, article.categories());
		if (article.url() != null) {
			item.putArray("renditions")
				.addObject()
				.put("name", "web")
				.put("href", ItemProperties.absoluteUri(article.url(), "article url"))
				.put(version.property("contentType"), "text/html");
		}
		if (article.image() != null) {
			item.putArray("associations").add(ItemPicture.of(article.image(), version));
		}
		return item;
	}

	/**
	 * The item an event makes, as UTF-8 JSON.
	 * @param event the event
	 * @param version the release to write
	 * @return the item's JSON
	 * @throws IllegalArgumentException as {@link #of(ArticleEvent, NinjsVersion)} does
	 */
	public static byte[] bytes(ArticleEvent event, NinjsVersion version) {
		return JsonMapper.shared().writeValueAsBytes(of(event, version));
	}

	private static ArticleSnapshot article(ArticleEvent event) {
		if (event.type() == null) {
			throw new IllegalArgumentException(
					"Event " + event.eventId() + " has no type, which decides whether the item is usable or canceled");
		}
		if (event.article() == null) {
			throw new IllegalArgumentException("Event " + event.eventId() + " has no article");
		}
		if (event.article().id() == null) {
			throw new IllegalArgumentException(
					"Event " + event.eventId() + " has an article without id, which the item's uri is made of");
		}
		return event.article();
	}

	private static String pubStatus(ArticleEvent event) {
		return switch (event.type()) {
			case PUBLISHED, UPDATED -> "usable";
			case RETRACTED -> "canceled";
		};
	}

}
