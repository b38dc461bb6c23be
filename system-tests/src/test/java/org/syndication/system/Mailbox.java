package org.syndication.system;

import java.util.List;

/**
 * Where the tests read the mail the system sent.
 */
interface Mailbox {

	/**
	 * @return every mail received, in order of arrival
	 */
	List<Mail> all();

	/**
	 * @param recipient an address
	 * @return the mails to it
	 */
	default List<Mail> to(String recipient) {
		return all().stream().filter((mail) -> mail.recipient().equalsIgnoreCase(recipient)).toList();
	}

}
