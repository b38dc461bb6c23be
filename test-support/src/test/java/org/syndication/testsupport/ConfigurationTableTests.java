package org.syndication.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ConfigurationTableTests {

	private static final String METADATA = """
			{
			  "groups": [ { "name": "shop", "type": "com.example.ShopProperties" } ],
			  "properties": [
			    { "name": "shop.checkout.max-wait", "type": "java.time.Duration", "defaultValue": "10s",
			      "description": "how long a {@code Basket} waits, see {@link Basket#expiry} and {@link Till the till}" },
			    { "name": "shop.greeting", "type": "java.lang.String", "defaultValue": "Hello",
			      "description": "the line at the door" },
			    { "name": "shop.items", "type": "java.lang.Integer", "defaultValue": 50,
			      "description": "how many items a page shows: {@code a|b}" },
			    { "name": "shop.open", "type": "java.lang.Boolean", "defaultValue": false,
			      "description": "whether the shop is open" },
			    { "name": "shop.page-url", "type": "java.lang.String",
			      "description": "where a page is: {@code <base>/pages/{id}}" },
			    { "name": "shop.suppliers", "type": "java.util.List<java.net.URI>", "defaultValue": "",
			      "description": "who delivers" },
			    { "name": "shop.token", "type": "java.lang.String",
			      "description": "the token; no default" },
			    { "name": "shop.labels", "type": "java.util.Map<java.lang.String,java.lang.String>",
			      "description": "labels by name" }
			  ]
			}
			""";

	private static final String YAML = """
			shop:
			  greeting: Welcome
			  token: ${SHOP_SECRET:}
			  items: ${SHOP_ITEMS:60}
			other:
			  greeting: not ours
			""";

	private static final String TABLE = """
			<!-- configuration:shop -->

			| Variable | Default | Meaning |
			|---|---|---|
			| `SHOP_CHECKOUT_MAX_WAIT` | `10s` | How long a `Basket` waits, see `Basket.expiry` and the till |
			| `SHOP_GREETING` | `Welcome` | The line at the door |
			| `SHOP_ITEMS` | `60` | How many items a page shows: `a\\|b` |
			| `SHOP_OPEN` | `false` | Whether the shop is open |
			| `SHOP_PAGE_URL` | none | Where a page is: `<base>/pages/{id}` |
			| `SHOP_SUPPLIERS` | none | Who delivers; comma-separated |
			| `SHOP_SECRET` | none | The token; no default |
			| `SHOP_LABELS_*` | none | Labels by name |

			<!-- /configuration:shop -->""";

	@TempDir
	Path directory;

	private Path metadata;

	private Path yaml;

	private Path page;

	@BeforeEach
	void files() throws IOException {
		this.metadata = Files.writeString(this.directory.resolve("metadata.json"), METADATA);
		this.yaml = Files.writeString(this.directory.resolve("application.yml"), YAML);
		this.page = this.directory.resolve("configuration.md");
	}

	@Test
	void eachKeyIsARowOfItsVariableItsDefaultAndItsJavadocWithApplicationYamlsValueInsteadOfTheRecordsDefault() {
		assertThat(ConfigurationTable.of("shop", this.metadata, this.yaml).block()).isEqualTo(TABLE);
	}

	@Test
	void withoutApplicationYamlTheDefaultsAreTheRecordsOwn() {
		String block = ConfigurationTable.of("shop", this.metadata, this.directory.resolve("none.yml")).block();
		assertThat(block).contains("| `SHOP_GREETING` | `Hello` |", "| `SHOP_ITEMS` | `50` |");
	}

	@Test
	void aPageShowingTheTableBetweenItsMarkersPasses() throws IOException {
		Files.writeString(this.page, "# Configuration\n\n" + TABLE + "\n\nMore text.\n");
		assertThatNoException()
			.isThrownBy(() -> ConfigurationTable.of("shop", this.metadata, this.yaml).check(this.page));
	}

	@Test
	void aPageShowingAnotherTableFailsWithTheExpectedOne() throws IOException {
		String stale = TABLE.replace("`Welcome`", "`Hello`");
		Files.writeString(this.page, "# Configuration\n\n" + stale + "\n");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ConfigurationTable.of("shop", this.metadata, this.yaml).check(this.page))
			.withMessageContaining("Expected:\n\n" + TABLE + "\n\nbut the page shows:\n\n" + stale);
	}

	@Test
	void aPageWithoutTheModulesMarkersFails() throws IOException {
		Files.writeString(this.page, "# Configuration\n\n" + TABLE.replace("shop", "other") + "\n");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ConfigurationTable.of("shop", this.metadata, this.yaml).check(this.page))
			.withMessageContaining("<!-- configuration:shop -->");
	}

	@Test
	void aKeyWithoutDescriptionFails() throws IOException {
		Files.writeString(this.metadata, """
				{ "properties": [ { "name": "shop.secret", "type": "java.lang.String" } ] }
				""");
		ConfigurationTable table = ConfigurationTable.of("shop", this.metadata, this.yaml);
		Files.writeString(this.page, table.block());
		assertThat(table.undescribed()).containsExactly("shop.secret");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> table.check(this.page))
			.withMessageContaining("[shop.secret]");
	}

	@Test
	void whenAskedTheCheckWritesTheTableBetweenTheMarkersAndLeavesTheRestOfThePage() throws IOException {
		Files.writeString(this.page,
				"# Configuration\n\n<!-- configuration:shop -->\nold\n<!-- /configuration:shop -->\n\n"
						+ "| `SPRING_MAIL_HOST` | `127.0.0.1` | The SMTP server |\n");
		System.setProperty(ConfigurationTable.WRITE_PROPERTY, "true");
		try {
			ConfigurationTable.of("shop", this.metadata, this.yaml).check(this.page);
		}
		finally {
			System.clearProperty(ConfigurationTable.WRITE_PROPERTY);
		}
		assertThat(Files.readString(this.page))
			.isEqualTo("# Configuration\n\n" + TABLE + "\n\n| `SPRING_MAIL_HOST` | `127.0.0.1` | The SMTP server |\n");
	}

	@Test
	void variablesAreTheKeysAsSpringBootReadsThemFromTheEnvironment() {
		assertThat(ApplicationSettings.variable("feed.websub.default-lease", "java.time.Duration"))
			.isEqualTo("FEED_WEBSUB_DEFAULT_LEASE");
		assertThat(ApplicationSettings.variable("notifier.bounces.imap.kept-aside-folder", "java.lang.String"))
			.isEqualTo("NOTIFIER_BOUNCES_IMAP_KEPT_ASIDE_FOLDER");
		assertThat(ApplicationSettings.reaches("NOTIFIER_BOUNCES_IMAP_KEPT_ASIDE_FOLDER",
				"notifier.bounces.imap.kept-aside-folder", List.of()))
			.isTrue();
		assertThat(ApplicationSettings.reaches("NOTIFIER_BOUNCES_IMAP_KEPTASIDE",
				"notifier.bounces.imap.kept-aside-folder", List.of()))
			.isFalse();
	}

	@Test
	void aKeyThatApplicationYamlBindsToAVariableOfItsOwnShowsThatVariable() {
		ConfigurationTable table = ConfigurationTable.of("shop", this.metadata, this.yaml);
		assertThat(table.block()).contains("| `SHOP_SECRET` | none |").doesNotContain("SHOP_TOKEN");
		assertThat(table.unreachable()).isEmpty();
	}

}
