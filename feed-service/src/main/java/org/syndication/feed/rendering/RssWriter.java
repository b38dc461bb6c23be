package org.syndication.feed.rendering;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * RSS 2.0 through Rome.
 * <p>
 * Readers treat {@code description} and {@code content:encoded} as HTML, so the plain
 * text summary is HTML-escaped there; the title is plain text and only XML-escaped.
 * Authors go to {@code dc:creator} because RSS {@code author} must be an email address.
 * An item's image is a Media RSS {@code media:content}, which carries its size and alt
 * text, and an {@code enclosure} for readers that know only RSS. An enclosure must name
 * its type and length: the type comes from the file extension, so an image of unknown
 * type has no enclosure, and the length is {@code 0}, the convention for a size not
 * known.
 */
final class RssWriter implements FeedWriter {

	static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

	static final Namespace HISTORY = Namespace.getNamespace("fh", FeedHistory.NAMESPACE);

	static final Namespace MEDIA = Namespace.getNamespace("media", "http://search.yahoo.com/mrss/");

	@Override
	public byte[] write(FeedChannel channel, List<FeedItem> items) {
		Channel rss = new Channel("rss_2.0");
		rss.setTitle(channel.title());
		rss.setLink(channel.alternateUrl());
		rss.setDescription(Objects.requireNonNullElse(channel.description(), channel.title()));
		String language = FeedText.languageTag(channel.language());
		rss.setLanguage(language);
		rss.setPubDate(Date.from(channel.updated()));
		rss.setLastBuildDate(Date.from(channel.updated()));
		rss.setGenerator(channel.generator());
		if (channel.ttl() != null) {
			rss.setTtl(channel.ttlMinutes());
		}
		List<Element> links = new ArrayList<>(List.of(selfLink(channel)));
		if (channel.hubUrl() != null) {
			links.add(hubLink(channel.hubUrl()));
		}
		channel.historyLinks(FeedFormat.RSS).forEach((rel, href) -> links.add(link(rel, href)));
		if (channel.isArchive()) {
			links.add(new Element("archive", HISTORY));
		}
		rss.setForeignMarkup(links);
		rss.setItems(new ArrayList<>(items.stream().map((item) -> item(item, language)).toList()));
		Document document = generate(rss);
		// declared once on the root instead of on the link element
		document.getRootElement().addNamespaceDeclaration(ATOM);
		if (channel.isArchive()) {
			document.getRootElement().addNamespaceDeclaration(HISTORY);
		}
		if (items.stream().anyMatch((item) -> item.image() != null)) {
			document.getRootElement().addNamespaceDeclaration(MEDIA);
		}
		return XmlDocuments.toBytes(document);
	}

	private static Element selfLink(FeedChannel channel) {
		Element link = new Element("link", ATOM);
		link.setAttribute("href", channel.selfUrl(FeedFormat.RSS));
		link.setAttribute("rel", "self");
		link.setAttribute("type", "application/rss+xml");
		return link;
	}

	/** WebSub discovery: the hub that pushes this feed's changes. */
	private static Element hubLink(String hubUrl) {
		return link("hub", hubUrl);
	}

	private static Element link(String rel, String href) {
		Element link = new Element("link", ATOM);
		link.setAttribute("href", href);
		link.setAttribute("rel", rel);
		return link;
	}

	private static Item item(FeedItem feedItem, String channelLanguage) {
		Item item = new Item();
		item.setTitle(feedItem.title());
		item.setLink(feedItem.url());
		Guid guid = new Guid();
		guid.setValue(feedItem.urn());
		guid.setPermaLink(false);
		item.setGuid(guid);
		item.setPubDate(Date.from(feedItem.publishedAt()));
		if (feedItem.summary() != null) {
			Description description = new Description();
			description.setValue(FeedText.toHtml(feedItem.summary()));
			item.setDescription(description);
		}
		String html = (feedItem.contentHtml() != null) ? feedItem.contentHtml()
				: (feedItem.summary() != null) ? FeedText.toHtml(feedItem.summary()) : null;
		if (html != null) {
			Content content = new Content();
			content.setType(Content.HTML);
			content.setValue(html);
			item.setContent(content);
		}
		item.setCategories(new ArrayList<>(feedItem.categories().stream().map(RssWriter::category).toList()));
		FeedImage image = feedItem.image();
		if (image != null) {
			item.setForeignMarkup(new ArrayList<>(List.of(mediaContent(image))));
			image.mediaType().ifPresent((type) -> item.setEnclosures(new ArrayList<>(List.of(enclosure(image, type)))));
		}
		List<Module> modules = new ArrayList<>();
		String language = FeedText.languageTag(feedItem.language());
		boolean otherLanguage = language != null && !language.equalsIgnoreCase(channelLanguage);
		if (!feedItem.authors().isEmpty() || otherLanguage) {
			DCModule dublinCore = new DCModuleImpl();
			dublinCore.setCreators(new ArrayList<>(feedItem.authors()));
			if (otherLanguage) {
				dublinCore.setLanguage(language);
			}
			modules.add(dublinCore);
		}
		item.setModules(modules);
		return item;
	}

	private static Element mediaContent(FeedImage image) {
		Element content = new Element("content", MEDIA);
		content.setAttribute("url", image.url());
		content.setAttribute("medium", "image");
		image.mediaType().ifPresent((type) -> content.setAttribute("type", type));
		if (image.width() != null) {
			content.setAttribute("width", image.width().toString());
		}
		if (image.height() != null) {
			content.setAttribute("height", image.height().toString());
		}
		if (!image.alt().isEmpty()) {
			Element description = new Element("description", MEDIA);
			description.setAttribute("type", "plain");
			description.setText(image.alt());
			content.addContent(description);
		}
		return content;
	}

	private static Enclosure enclosure(FeedImage image, String type) {
		Enclosure enclosure = new Enclosure();
		enclosure.setUrl(image.url());
		enclosure.setType(type);
		enclosure.setLength(0);
		return enclosure;
	}

	private static Category category(String name) {
		Category category = new Category();
		category.setValue(name);
		return category;
	}

	private static Document generate(Channel rss) {
		try {
			return new WireFeedOutput().outputJDom(rss);
		}
		catch (FeedException ex) {
			throw new IllegalStateException("Rome could not generate RSS", ex);
		}
	}

}
