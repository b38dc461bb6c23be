package org.syndication.notifier.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of an SMTP server to refuse chosen recipients and to count connections and
 * the messages sent over each. GreenMail does the real mail tests.
 */
final class FakeSmtpServer implements AutoCloseable {

	private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

	private final ServerSocket serverSocket;

	private final Map<String, String> refusals = new ConcurrentHashMap<>();

	private final List<AtomicInteger> messagesPerConnection = new CopyOnWriteArrayList<>();

	private final Queue<String> deliveredTo = new ConcurrentLinkedQueue<>();

	private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();

	private final Thread acceptor;

	private FakeSmtpServer(int port) throws IOException {
		this.serverSocket = new ServerSocket();
		this.serverSocket.setReuseAddress(true);
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		this.acceptor = new Thread(this::accept, "fake-smtp-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	static FakeSmtpServer start() throws IOException {
		return new FakeSmtpServer(0);
	}

	static FakeSmtpServer startOn(int port) throws IOException {
		return new FakeSmtpServer(port);
	}

	/** Answers RCPT TO for this address with the reply, e.g. {@code 550 5.1.1 no}. */
	FakeSmtpServer refuse(String address, String reply) {
		this.refusals.put(address, reply);
		return this;
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	int connections() {
		return this.messagesPerConnection.size();
	}

	int mostMessagesOnOneConnection() {
		return this.messagesPerConnection.stream().mapToInt(AtomicInteger::get).max().orElse(0);
	}

	List<String> deliveredTo() {
		return new ArrayList<>(this.deliveredTo);
	}

	/** Hangs up on every client, as a server does with idle sessions; keeps listening. */
	void dropConnections() throws IOException {
		Socket socket;
		while ((socket = this.sockets.poll()) != null) {
			socket.close();
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		try {
			// The listening socket is only gone once the thread blocked in accept() has
			// let go of it; until then the kernel still completes new connections.
			this.acceptor.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		dropConnections();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				if (this.serverSocket.isClosed()) {
					socket.close();
					return;
				}
				this.sockets.add(socket);
				AtomicInteger messages = new AtomicInteger();
				this.messagesPerConnection.add(messages);
				Thread session = new Thread(() -> converse(socket, messages), "fake-smtp-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void converse(Socket socket, AtomicInteger messages) {
		try (socket;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))) {
			OutputStream out = socket.getOutputStream();
			List<String> recipients = new ArrayList<>();
			reply(out, "220 fake ESMTP");
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.toUpperCase();
				if (command.startsWith("EHLO") || command.startsWith("HELO")) {
					reply(out, "250 fake");
				}
				else if (command.startsWith("MAIL FROM:") || command.startsWith("RSET")) {
					recipients.clear();
					reply(out, "250 OK");
				}
				else if (command.startsWith("RCPT TO:")) {
					Matcher address = ADDRESS.matcher(line);
					String recipient = address.find() ? address.group(1) : "";
					String refusal = this.refusals.get(recipient);
					if (refusal != null) {
						reply(out, refusal);
					}
					else {
						recipients.add(recipient);
						reply(out, "250 OK");
					}
				}
				else if (command.equals("DATA")) {
					if (recipients.isEmpty()) {
						reply(out, "554 no valid recipients");
						continue;
					}
					reply(out, "354 go ahead");
					while ((line = in.readLine()) != null && !line.equals(".")) {
						// the message itself is of no interest here
					}
					messages.incrementAndGet();
					this.deliveredTo.addAll(recipients);
					recipients.clear();
					reply(out, "250 OK queued");
				}
				else if (command.equals("NOOP")) {
					reply(out, "250 OK");
				}
				else if (command.equals("QUIT")) {
					reply(out, "221 bye");
					return;
				}
				else {
					reply(out, "500 unknown command");
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static void reply(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

}
