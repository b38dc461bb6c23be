package org.syndication.notifier.subscription;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: the browser and its driver as installed on
 * this machine (the Debian packages {@code chromium} and {@code chromium-driver}), found
 * on the {@code PATH}. Nothing is downloaded; tests that need Chromium are skipped where
 * it is missing, so that the build passes with a JDK alone.
 *
 * @param browser the Chromium executable
 * @param driver the chromedriver executable
 */
record Chromium(Path browser, Path driver) {

	private static final List<String> BROWSERS = List.of("chromium", "chromium-browser");

	private static final String DRIVER = "chromedriver";

	/**
	 * The installed Chromium, if both the browser and its driver are on the {@code PATH}.
	 * @return the executables, or empty
	 */
	static Optional<Chromium> find() {
		Optional<Path> browser = BROWSERS.stream().flatMap(Chromium::onPath).findFirst();
		Optional<Path> driver = onPath(DRIVER).findFirst();
		return (browser.isPresent() && driver.isPresent()) ? Optional.of(new Chromium(browser.get(), driver.get()))
				: Optional.empty();
	}

	/**
	 * Starts a headless browser whose window is the size of a phone's.
	 * @return the browser; quit it when done
	 */
	ChromeDriver start() {
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(this.driver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(this.browser.toFile())
			// --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=412,915",
					"--lang=en");
		return new ChromeDriver(service, options);
	}

	private static Stream<Path> onPath(String name) {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(path.split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable);
	}

	/** Skips the tests of a class where no Chromium is installed, and says why. */
	static final class Required implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return find().map((chromium) -> ConditionEvaluationResult.enabled("Chromium at " + chromium.browser()))
				.orElseGet(() -> ConditionEvaluationResult
					.disabled("No Chromium found: the browser tests need " + String.join(" or ", BROWSERS) + " and "
							+ DRIVER + " on the PATH (Debian: apt-get install chromium chromium-driver)"));
		}

	}

}
