package org.syndication.feed.websub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Takes a push's answer as its status alone: the body means nothing to the hub and is not
 * read, however long; the connection is closed if there is one.
 */
final class StatusOnly implements AsyncResponseConsumer<Integer> {

	@Override
	public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
			FutureCallback<Integer> result) {
		result.completed(response.getCode());
	}

	@Override
	public void informationResponse(HttpResponse response, HttpContext context) {
	}

	@Override
	public void updateCapacity(CapacityChannel channel) throws IOException {
		channel.update(Integer.MAX_VALUE);
	}

	@Override
	public void consume(ByteBuffer data) throws IOException {
		throw new IOException("The answer's body is not read");
	}

	@Override
	public void streamEnd(List<? extends Header> trailers) {
	}

	@Override
	public void failed(Exception cause) {
	}

	@Override
	public void releaseResources() {
	}

}
