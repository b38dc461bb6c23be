package org.syndication.system;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * The mail caught by a Mailpit server, read through its HTTP API: the list of messages,
 * then each one's raw source, parsed as a mail client would.
 */
final class MailpitMailbox implements Mailbox {

	private static final int PAGE = 500;

	private final Endpoint mailpit;

	private final Map<String, Mail> read = new LinkedHashMap<>();

	MailpitMailbox(Endpoint mailpit) {
		this.mailpit = mailpit;
	}

	@Override
	public synchronized List<Mail> all() {
		List<String> ids = new ArrayList<>();
		for (int start = 0;; start += PAGE) {
			JsonNode page = Http.body(
					Http.expect(200, Http.get(this.mailpit.uri("/api/v1/messages?start=" + start + "&limit=" + PAGE))));
			page.get("messages").forEach((message) -> ids.add(message.get("ID").asString()));
			if (page.get("messages").size() < PAGE) {
				break;
			}
		}
		// Mailpit lists the newest first.
		Collections.reverse(ids);
		List<Mail> mails = new ArrayList<>();
		for (String id : ids) {
			mails.add(this.read.computeIfAbsent(id, this::fetch));
		}
		return mails;
	}

	private Mail fetch(String id) {
		HttpResponse<byte[]> raw = Http
			.sendForBytes(Http.request(this.mailpit.uri("/api/v1/message/" + id + "/raw")).GET().build());
		try {
			return Mail
				.of(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.body())));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Mailpit message " + id + " is not a mail", ex);
		}
	}

}
