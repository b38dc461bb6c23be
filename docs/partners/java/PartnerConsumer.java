import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a partner's topic from the back-catalogue on: as the local stack's demo partner
 * {@code partner}, the topic {@code articles}; with {@code PARTNER=sportdesk
 * TOPIC=articles.pkg.sport}, the demo's sport package. Offsets are committed as the next
 * poll begins, after the records were processed.
 */
public class PartnerConsumer {

	public static void main(String[] args) throws IOException {
		String partner = System.getenv().getOrDefault("PARTNER", "partner");
		String topic = System.getenv().getOrDefault("TOPIC", "articles");
		Properties config = new Properties();
		try (Reader file = Files.newBufferedReader(Path.of("data/kafka/" + partner + ".properties"))) {
			config.load(file);
		}
		// A partner's groups start with its name and a dot.
		config.put(ConsumerConfig.GROUP_ID_CONFIG, partner + ".demo");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			while (true) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
					// A null value is a tombstone: the article was retracted. Deduplicate on
					// eventId, and check article.version.
					System.out.println(record.key() + " " + record.value());
				}
			}
		}
	}

}
