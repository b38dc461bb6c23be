package org.syndication.publisher.article;

import java.util.List;

/**
 * One page of articles, newest first.
 */
record ArticlePage(List<ArticleResponse> items, int page, int size, long totalItems, long totalPages) {

}
