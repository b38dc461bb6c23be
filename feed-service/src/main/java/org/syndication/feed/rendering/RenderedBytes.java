package org.syndication.feed.rendering;

import java.util.Arrays;

/**
 * A feed document ready to send: UTF-8 bytes plus how many items made it in.
 * <p>
 * The array is not copied, so that a feed of a megabyte is not duplicated on every
 * request; treat it as read-only.
 *
 * @param format the format of the document
 * @param bytes the UTF-8 encoded document
 * @param itemCount how many of the given items the document contains (always the first
 * ones)
 * @param omittedItemCount how many items were dropped from the end to respect the byte
 * cap
 */
public record RenderedBytes(FeedFormat format, byte[] bytes, int itemCount, int omittedItemCount) {

	public int size() {
		return this.bytes.length;
	}

	public boolean truncated() {
		return this.omittedItemCount > 0;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RenderedBytes that && this.format == that.format && this.itemCount == that.itemCount
				&& this.omittedItemCount == that.omittedItemCount && Arrays.equals(this.bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * (31 * this.format.hashCode() + this.itemCount) + this.omittedItemCount)
				+ Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return "RenderedBytes[format=" + this.format + ", size=" + this.bytes.length + ", itemCount=" + this.itemCount
				+ ", omittedItemCount=" + this.omittedItemCount + "]";
	}

}
