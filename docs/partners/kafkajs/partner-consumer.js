// Reads a partner's topic (articles, or a package's articles.pkg.NAME) from the back-catalogue on.
// PARTNER_PASSWORD: the partner's password; PARTNER_NAME: the partner (partner, the local stack's demo
// partner, by default); TOPIC: articles by default; KAFKA_BROKERS: host:port,... (the local stack's by default).
const { Kafka } = require('kafkajs');

const partner = process.env.PARTNER_NAME || 'partner';
const kafka = new Kafka({
  brokers: (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(','),
  sasl: { mechanism: 'scram-sha-512', username: partner, password: process.env.PARTNER_PASSWORD },
});
// A partner's groups start with its name and a dot; read_committed is KafkaJS's default.
const consumer = kafka.consumer({ groupId: `${partner}.node` });
const seen = new Set();

(async () => {
  await consumer.connect();
  await consumer.subscribe({ topic: process.env.TOPIC || 'articles', fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.value === null) return console.log(`${message.key} retracted`); // tombstone
      let event = null;
      try {
        event = JSON.parse(message.value);
      } catch (error) {
        // not JSON
      }
      if (!event || !event.eventId || !event.article) {
        // Not an event: keep it aside to look at, and read on.
        return console.error(`${message.key} at offset ${message.offset} is not an event`);
      }
      if (seen.has(event.eventId)) return; // delivery is at least once
      seen.add(event.eventId);
      console.log(event.type, event.article.id, event.article.version, event.article.title);
    },
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
