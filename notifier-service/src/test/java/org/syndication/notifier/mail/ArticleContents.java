package org.syndication.notifier.mail;

/**
 * Articles to write alerts about.
 */
final class ArticleContents {

	private ArticleContents() {
	}

	static ArticleContent anArticle() {
		return new ArticleContent("Rivers return to the city", "How three cities opened their buried rivers again.",
				"<p>For a century the rivers ran under concrete.</p><p>Now they run in the open again.</p>",
				"https://news.example.com/articles/rivers-return", "en");
	}

	static ArticleContent titled(String title) {
		ArticleContent article = anArticle();
		return new ArticleContent(title, article.summary(), article.contentHtml(), article.url(), article.language());
	}

	static ArticleContent withContent(String contentHtml) {
		ArticleContent article = anArticle();
		return new ArticleContent(article.title(), article.summary(), contentHtml, article.url(), article.language());
	}

	static ArticleContent withImage(ArticleContent.Image image) {
		ArticleContent article = anArticle();
		return new ArticleContent(article.title(), article.summary(), article.contentHtml(), article.url(),
				article.language(), image);
	}

	static ArticleContent inChinese() {
		return new ArticleContent("城市河流重见天日：三座城市的复兴之路", "三座城市如何让被掩埋的河流重新流淌。",
				"<p>一个世纪以来，河流在混凝土下流淌。</p><p>如今它们重新露出地面。</p>", "https://news.example.com/articles/rivers-zh", "zh-CN");
	}

}
