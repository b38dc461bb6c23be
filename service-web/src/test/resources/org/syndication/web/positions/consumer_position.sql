-- As each service's migration V12 creates it.
CREATE TABLE consumer_position (
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    next_offset     BIGINT       NOT NULL,
    PRIMARY KEY (topic, kafka_partition)
);
