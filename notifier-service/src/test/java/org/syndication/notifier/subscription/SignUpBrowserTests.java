package org.syndication.notifier.subscription;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.syndication.localstack.FreePorts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sign-up page in a real browser, headless Chromium, against the whole notifier on a
 * random port with a real SMTP server (GreenMail): what a person does, with the CSRF
 * cookie and token as the browser handles them. Skipped where no Chromium is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:notifier-sign-up-browser;DB_CLOSE_DELAY=-1",
				"spring.kafka.security.protocol=PLAINTEXT",
				"spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
				"notifier.token-secret=test-secret-test-secret-test-secret-42", "notifier.dispatch-interval=100ms",
				"notifier.publication-name=The Daily Example" })
// The embedded broker lives in the test JVM and asks for no credentials (PLAINTEXT).
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ExtendWith(Chromium.Required.class)
class SignUpBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final GreenMail mailServer = start();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private ChromeDriver browser;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mailServer.getSmtp().getPort());
	}

	@BeforeEach
	void openBrowserOnKnownCategories() {
		for (String category : List.of("culture", "politics", "science")) {
			this.jdbc
				.sql("INSERT INTO article_category (article_id, category) SELECT :id, :category WHERE NOT EXISTS "
						+ "(SELECT 1 FROM article_category WHERE category = :category)")
				.param("id", UUID.randomUUID())
				.param("category", category)
				.update();
		}
		this.browser = Chromium.find().orElseThrow().start();
	}

	@AfterEach
	void closeBrowser() {
		this.browser.quit();
	}

	@AfterAll
	static void stopMail() {
		mailServer.stop();
	}

	@Test
	void aReaderSignsUpForADailyDigestOfTwoCategoriesAndGetsTheConfirmationMail() {
		String address = address();
		this.browser.get(url("/subscribe"));
		assertThat(this.browser.getTitle()).isEqualTo("Subscribe to The Daily Example");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Subscribe to The Daily Example");
		assertThat(fitsTheWindow()).as("no sideways scrolling on a phone").isTrue();

		this.browser.findElement(By.id("email")).sendKeys(address);
		category("culture").click();
		category("science").click();
		frequency("daily").click();
		submit();

		assertThat(this.browser.getTitle()).isEqualTo("Check your inbox");
		assertThat(this.jdbc.sql("SELECT frequency FROM subscriber WHERE email = :email")
			.param("email", address)
			.query(String.class)
			.single()).isEqualTo("daily");
		assertThat(categoriesOf(address)).containsExactly("culture", "science");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(mails(address)).extracting(MimeMessage::getSubject)
				.containsExactly("Confirm your subscription"));
	}

	@Test
	void aMistakeIsShownNextToTheAddressAndTheRestOfTheFormIsKept() {
		this.browser.get(url("/subscribe"));
		this.browser.findElement(By.id("email")).sendKeys("reader at example.org");
		category("politics").click();
		category("science").click();
		frequency("weekly").click();
		submit();

		assertThat(this.browser.getTitle()).isEqualTo("Error: Subscribe to The Daily Example");
		WebElement email = this.browser.findElement(By.id("email"));
		WebElement error = this.browser.findElement(By.id("email-error"));
		assertThat(error.isDisplayed()).isTrue();
		// "Error:" before it is for screen readers only.
		assertThat(error.getText()).endsWith("Enter an email address such as name@example.org.");
		assertThat(error.findElement(By.xpath("..")))
			.isEqualTo(this.browser.findElement(By.cssSelector("label[for=email]")).findElement(By.xpath("..")));
		assertThat(email.getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(email.getDomAttribute("aria-describedby")).isEqualTo("email-error");
		assertThat(email.getDomProperty("value")).isEqualTo("reader at example.org");
		assertThat(category("politics").isSelected()).isTrue();
		assertThat(category("science").isSelected()).isTrue();
		assertThat(category("culture").isSelected()).isFalse();
		assertThat(frequency("weekly").isSelected()).isTrue();

		String address = address();
		email.clear();
		email.sendKeys(address);
		submit();
		assertThat(this.browser.getTitle()).isEqualTo("Check your inbox");
		assertThat(categoriesOf(address)).containsExactly("politics", "science");
	}

	@Test
	void aFormWhoseCookieIsGoneIsRefusedWithAWayBackAndSubscribesNothing() {
		String address = address();
		this.browser.get(url("/subscribe"));
		this.browser.manage().deleteAllCookies();
		this.browser.findElement(By.id("email")).sendKeys(address);
		submit();

		assertThat(this.browser.getTitle()).isEqualTo("Please send the form again");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM subscriber WHERE email = :email")
			.param("email", address)
			.query(Long.class)
			.single()).isZero();
		this.browser.findElement(By.linkText("Back to the sign-up form")).click();
		this.browser.findElement(By.id("email")).sendKeys(address);
		submit();
		assertThat(this.browser.getTitle()).isEqualTo("Check your inbox");
	}

	private WebElement category(String name) {
		return this.browser.findElement(By.cssSelector("input[name=categories][value='" + name + "']"));
	}

	private WebElement frequency(String value) {
		return this.browser.findElement(By.cssSelector("input[name=frequency][value=" + value + "]"));
	}

	private void submit() {
		WebElement button = this.browser.findElement(By.cssSelector("button[type=submit]"));
		button.click();
		new WebDriverWait(this.browser, PATIENCE).until(ExpectedConditions.stalenessOf(button));
	}

	private boolean fitsTheWindow() {
		return (Boolean) this.browser
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
	}

	private List<String> categoriesOf(String address) {
		return this.jdbc
			.sql("SELECT c.category FROM subscriber_category c JOIN subscriber s ON s.id = c.subscriber_id "
					+ "WHERE s.email = :email ORDER BY c.category")
			.param("email", address)
			.query(String.class)
			.list();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static List<MimeMessage> mails(String address) {
		return Arrays.stream(mailServer.getReceivedMessages()).filter((mail) -> {
			try {
				return mail.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	private static String address() {
		return "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	private static GreenMail start() {
		GreenMail greenMail = new GreenMail(new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return greenMail;
	}

}
