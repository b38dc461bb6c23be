package org.syndication.packages.routing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The latest record of an article on the articles topic, kept so that a package defined
 * later is filled with it as it was published: value and headers alike.
 *
 * @param value the event's JSON
 * @param headers the record's headers
 * @param timestamp the record's timestamp
 */
record StoredEvent(byte[] value, Headers headers, long timestamp) {

	private static final int FORMAT = 1;

	static Serde<StoredEvent> serde() {
		Serializer<StoredEvent> serializer = (topic, stored) -> (stored != null) ? stored.bytes() : null;
		Deserializer<StoredEvent> deserializer = (topic, bytes) -> (bytes != null) ? read(bytes) : null;
		return Serdes.serdeFrom(serializer, deserializer);
	}

	private byte[] bytes() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			out.writeLong(this.timestamp);
			Header[] all = this.headers.toArray();
			out.writeInt(all.length);
			for (Header header : all) {
				out.writeUTF(header.key());
				writeBytes(out, header.value());
			}
			writeBytes(out, this.value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static StoredEvent read(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			int format = in.readByte();
			if (format != FORMAT) {
				throw new IllegalStateException("Stored event in unknown format " + format);
			}
			long timestamp = in.readLong();
			int count = in.readInt();
			RecordHeaders headers = new RecordHeaders();
			for (int i = 0; i < count; i++) {
				headers.add(in.readUTF(), readBytes(in));
			}
			return new StoredEvent(readBytes(in), headers, timestamp);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
		}
		else {
			out.writeInt(value.length);
			out.write(value);
		}
	}

	private static byte[] readBytes(DataInputStream in) throws IOException {
		int length = in.readInt();
		return (length < 0) ? null : in.readNBytes(length);
	}

}
