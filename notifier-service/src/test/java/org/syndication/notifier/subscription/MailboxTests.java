package org.syndication.notifier.subscription;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			name@example.org              | name@example.org
			Name@EXAMPLE.org              | name@example.org
			name+news@example.org         | name@example.org
			name+a+b@example.org          | name@example.org
			"name"@example.org            | name@example.org
			"na\\"me"@example.org         | na"me@example.org
			"name+x"@Example.org          | name@example.org
			+news@example.org             | +news@example.org
			first.last@example.org        | first.last@example.org
			""")
	void spellingsOfOneMailboxHaveOneKey(String address, String mailbox) {
		assertThat(Mailbox.key(address)).isEqualTo(mailbox);
	}

}
