package org.syndication.feed.rendering;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;

/**
 * Reads rendered XML as a plain JDOM tree, for what Rome's model does not show.
 */
final class XmlTrees {

	private XmlTrees() {
	}

	static Document parse(byte[] bytes) {
		try {
			return new SAXBuilder().build(new ByteArrayInputStream(bytes));
		}
		catch (JDOMException | IOException ex) {
			throw new AssertionError("Not well-formed XML", ex);
		}
	}

}
