package org.syndication.feed.rendering;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates documents with jing against the RELAX NG schema of RFC 4287, Appendix B.
 */
public final class AtomSchema {

	private AtomSchema() {
	}

	/**
	 * @return the validation errors, empty when the document is valid
	 */
	public static List<String> violations(byte[] document) {
		List<String> violations = new ArrayList<>();
		PropertyMapBuilder properties = new PropertyMapBuilder();
		properties.put(ValidateProperty.ERROR_HANDLER, new Collecting(violations));
		ValidationDriver driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
		try {
			String schema = AtomSchema.class.getResource("/schemas/atom.rnc").toExternalForm();
			if (!driver.loadSchema(new InputSource(schema))) {
				throw new IllegalStateException("atom.rnc did not load: " + violations);
			}
			boolean valid = driver.validate(new InputSource(new ByteArrayInputStream(document)));
			if (!valid && violations.isEmpty()) {
				violations.add("invalid without a reported error");
			}
		}
		catch (SAXException | IOException ex) {
			violations.add(ex.toString());
		}
		return violations;
	}

	private record Collecting(List<String> violations) implements ErrorHandler {

		@Override
		public void warning(SAXParseException exception) {
		}

		@Override
		public void error(SAXParseException exception) {
			this.violations
				.add(exception.getLineNumber() + ":" + exception.getColumnNumber() + " " + exception.getMessage());
		}

		@Override
		public void fatalError(SAXParseException exception) {
			error(exception);
		}

	}

}
