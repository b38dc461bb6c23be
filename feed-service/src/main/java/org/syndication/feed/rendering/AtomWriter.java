package org.syndication.feed.rendering;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.module.SyModule;
import com.rometools.rome.feed.module.SyModuleImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Atom 1.0 (RFC 4287) through Rome.
 * <p>
 * Atom has no ttl; it is carried as {@code sy:updatePeriod}/{@code sy:updateFrequency}
 * from the RSS syndication module, a foreign-namespace extension RFC 4287 allows. Rome
 * writes no {@code xml:lang}, so it is added to the document afterwards.
 */
final class AtomWriter implements FeedWriter {

	private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

	private static final int MINUTES_PER_HOUR = 60;

	private static final int MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

	private static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

	@Override
	public byte[] write(FeedChannel channel, List<FeedItem> items) {
		Feed feed = new Feed("atom_1.0");
		feed.setId(channel.id());
		feed.setTitleEx(text(channel.title()));
		if (channel.description() != null) {
			feed.setSubtitle(text(channel.description()));
		}
		feed.setAlternateLinks(new ArrayList<>(List.of(link("alternate", "text/html", channel.alternateUrl()))));
		List<Link> otherLinks = new ArrayList<>(
				List.of(link("self", "application/atom+xml", channel.selfUrl(FeedFormat.ATOM))));
		if (channel.hubUrl() != null) {
			// WebSub discovery: the hub that pushes this feed's changes.
			otherLinks.add(link("hub", null, channel.hubUrl()));
		}
		channel.historyLinks(FeedFormat.ATOM)
			.forEach((rel, href) -> otherLinks.add(link(rel, "application/atom+xml", href)));
		feed.setOtherLinks(otherLinks);
		if (channel.isArchive()) {
			feed.setForeignMarkup(new ArrayList<>(
					List.of(new Element("archive", Namespace.getNamespace("fh", FeedHistory.NAMESPACE)))));
		}
		feed.setUpdated(Date.from(channel.updated()));
		if (channel.generator() != null) {
			Generator generator = new Generator();
			generator.setValue(channel.generator());
			feed.setGenerator(generator);
		}
		if (items.stream().anyMatch((item) -> item.authors().isEmpty())) {
			// RFC 4287 4.1.1: without a feed author every entry needs its own
			feed.setAuthors(new ArrayList<>(List.of(person(channel.title()))));
		}
		List<Module> modules = new ArrayList<>();
		if (channel.ttl() != null) {
			modules.add(updateSchedule(channel.ttlMinutes()));
		}
		feed.setModules(modules);
		feed.setEntries(new ArrayList<>(items.stream().map(AtomWriter::entry).toList()));
		Document document = generate(feed);
		addLanguages(document.getRootElement(), channel, items);
		return XmlDocuments.toBytes(document);
	}

	private static Entry entry(FeedItem item) {
		Entry entry = new Entry();
		entry.setId(item.urn());
		entry.setTitleEx(text(item.title()));
		entry.setAlternateLinks(new ArrayList<>(List.of(link("alternate", null, item.url()))));
		if (item.image() != null) {
			entry.setOtherLinks(new ArrayList<>(List.of(enclosure(item.image()))));
		}
		entry.setCategories(new ArrayList<>(item.categories().stream().map(AtomWriter::category).toList()));
		entry.setAuthors(new ArrayList<>(item.authors().stream().map(AtomWriter::person).toList()));
		entry.setPublished(Date.from(item.publishedAt()));
		entry.setUpdated(Date.from(item.updatedAt()));
		if (item.summary() != null) {
			entry.setSummary(text(item.summary()));
		}
		if (item.contentHtml() != null) {
			Content content = new Content();
			content.setType(Content.HTML);
			content.setValue(item.contentHtml());
			entry.setContents(new ArrayList<>(List.of(content)));
		}
		else if (item.summary() != null) {
			entry.setContents(new ArrayList<>(List.of(text(item.summary()))));
		}
		return entry;
	}

	private static void addLanguages(Element root, FeedChannel channel, List<FeedItem> items) {
		String feedLanguage = FeedText.languageTag(channel.language());
		if (feedLanguage != null) {
			root.setAttribute("lang", feedLanguage, Namespace.XML_NAMESPACE);
		}
		List<Element> entries = root.getChildren("entry", ATOM);
		for (int i = 0; i < entries.size(); i++) {
			String language = FeedText.languageTag(items.get(i).language());
			if (language != null && !language.equalsIgnoreCase(feedLanguage)) {
				entries.get(i).setAttribute("lang", language, Namespace.XML_NAMESPACE);
			}
		}
	}

	/**
	 * Expresses the ttl as the syndication module's period and frequency, rounding so
	 * that readers poll no more often than the ttl allows.
	 */
	private static SyModule updateSchedule(int ttlMinutes) {
		SyModule schedule = new SyModuleImpl();
		if (ttlMinutes <= MINUTES_PER_HOUR) {
			schedule.setUpdatePeriod(SyModule.HOURLY);
			schedule.setUpdateFrequency(MINUTES_PER_HOUR / ttlMinutes);
		}
		else if (ttlMinutes <= MINUTES_PER_DAY) {
			schedule.setUpdatePeriod(SyModule.DAILY);
			schedule.setUpdateFrequency(MINUTES_PER_DAY / ttlMinutes);
		}
		else {
			schedule.setUpdatePeriod(SyModule.WEEKLY);
			schedule.setUpdateFrequency(Math.max(1, MINUTES_PER_WEEK / ttlMinutes));
		}
		return schedule;
	}

	private static Content text(String value) {
		Content content = new Content();
		content.setType(Content.TEXT);
		content.setValue(value);
		return content;
	}

	private static Link link(String rel, String type, String href) {
		Link link = new Link();
		link.setRel(rel);
		link.setType(type);
		link.setHref(href);
		return link;
	}

	/**
	 * RFC 4287 4.2.7.2: an enclosure is a related resource that may be large, such as an
	 * image; its title is the alt text, its type is left out when the extension does not
	 * tell it.
	 */
	private static Link enclosure(FeedImage image) {
		Link link = link("enclosure", image.mediaType().orElse(null), image.url());
		if (!image.alt().isEmpty()) {
			link.setTitle(image.alt());
		}
		return link;
	}

	private static Category category(String term) {
		Category category = new Category();
		category.setTerm(term);
		return category;
	}

	private static SyndPerson person(String name) {
		Person person = new Person();
		person.setName(name);
		return person;
	}

	private static Document generate(Feed feed) {
		try {
			return new WireFeedOutput().outputJDom(feed);
		}
		catch (FeedException ex) {
			throw new IllegalStateException("Rome could not generate Atom", ex);
		}
	}

}
