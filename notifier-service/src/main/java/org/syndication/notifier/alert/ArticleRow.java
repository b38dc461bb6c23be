package org.syndication.notifier.alert;

import java.util.List;
import java.util.UUID;

/**
 * An article's row as the changes so far leave it: read from the table, or new in this
 * batch.
 */
final class ArticleRow {

	final UUID id;

	final boolean inserted;

	long version;

	boolean retracted;

	boolean retractedHere;

	/** The text to write: all of a new row, or an edit of a recorded one. */
	Article text;

	boolean textChanged;

	/** The categories to write, {@code null} to leave them. */
	List<String> categories;

	/** The categories of a publication in this batch: whom its alerts are for. */
	List<String> publishedCategories;

	boolean breaking;

	/** The trace of a publication in this batch, which its alerts join. */
	String trace;

	/** Recorded again after a restore: no alert, no digest. */
	boolean replayed;

	ArticleRow(UUID id, long version, boolean retracted) {
		this.id = id;
		this.inserted = false;
		this.version = version;
		this.retracted = retracted;
	}

	private ArticleRow(Article article, boolean retracted, List<String> categories) {
		this.id = article.id();
		this.inserted = true;
		this.version = article.version();
		this.retracted = retracted;
		this.text = article;
		this.categories = categories;
		this.publishedCategories = categories;
		this.breaking = article.breaking();
	}

	static ArticleRow inserted(Article article, boolean retracted, List<String> categories) {
		return new ArticleRow(article, retracted, categories);
	}

}
