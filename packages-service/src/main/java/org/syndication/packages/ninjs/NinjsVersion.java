package org.syndication.packages.ninjs;

import java.util.Locale;

/**
 * The releases of IPTC ninjs that {@link NinjsItems} writes an article event in.
 */
public enum NinjsVersion {

	/** ninjs 3.1, the current release; its property names are camelCase. */
	V3_1("3.1", "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"),

	/**
	 * ninjs 2.2, the last release of the 2.x line, for partners whose systems have not
	 * moved to 3.x; its property names are lowercase.
	 */
	V2_2("2.2", "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#");

	private final String value;

	private final String schemaId;

	NinjsVersion(String value, String schemaId) {
		this.value = value;
		this.schemaId = schemaId;
	}

	/**
	 * The release number, as an item's {@code standard.version} names it.
	 * @return for example {@code 3.1}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The {@code $id} of the IPTC's JSON Schema of this release, as an item's
	 * {@code standard.schema} names it.
	 * @return the schema's identifier
	 */
	public String schemaId() {
		return this.schemaId;
	}

	/**
	 * How this release spells a property.
	 * @param name the property as ninjs 3.x spells it
	 * @return the property in this release
	 */
	String property(String name) {
		// ninjs 3.0 turned the 2.x property names into camelCase and changed nothing else
		// about them (IPTC ninjs guidelines, "Property names converted to plural form"),
		// so a 2.x name is the 3.x name in lowercase.
		return (this == V2_2) ? name.toLowerCase(Locale.ROOT) : name;
	}

}
