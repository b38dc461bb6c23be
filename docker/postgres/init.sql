-- One database per service: no service reads another's tables.
CREATE DATABASE publisher;
CREATE DATABASE feed;
CREATE DATABASE notifier;
