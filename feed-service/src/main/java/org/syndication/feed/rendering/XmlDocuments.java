package org.syndication.feed.rendering;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.XMLOutputter;

/**
 * Serializes Rome's JDOM documents without touching text.
 * <p>
 * Rome's own output pretty-prints, which trims and collapses whitespace and so breaks
 * {@code <pre>} blocks inside escaped HTML. The raw format keeps every character; Unix
 * line separators keep newlines in text as they are (the default would rewrite them to
 * CRLF); and nothing beyond XML's own markup characters is escaped, since UTF-8 can carry
 * every character.
 */
final class XmlDocuments {

	private XmlDocuments() {
	}

	static byte[] toBytes(Document document) {
		Format format = Format.getRawFormat()
			.setEncoding("UTF-8")
			.setLineSeparator(LineSeparator.UNIX)
			.setEscapeStrategy((character) -> false);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
		try {
			new XMLOutputter(format).output(document, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
