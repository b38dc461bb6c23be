#!/bin/sh
# The command of docker-compose.yml's kafka service (instead of the image's own start-up, which
# configures from KAFKA_* variables): renders server.properties with the passwords from the
# environment, formats the storage on the very first start with the two users that must exist
# before anyone can authenticate, and runs the broker.
#
# It also writes /tmp/admin.properties, the administrator's client settings on the INTERNAL
# listener, for the healthcheck and for operators:
#   docker compose exec kafka /opt/kafka/bin/kafka-acls.sh --bootstrap-server localhost:19092 \
#     --command-config /tmp/admin.properties --list
set -eu
. "$(dirname "$0")/common.sh"

template=$(dirname "$0")/server.properties
config=/tmp/server.properties
admin_config=/tmp/admin.properties
data=/var/lib/kafka/data
# Written next to meta.properties by this script only: storage formatted without it was
# formatted before Kafka required authentication, and has no users anyone could log in as.
secured=$data/.formatted-with-scram-users
keystore=/tls/kafka.keystore.p12

broker_password=$(password SYNDICATION_KAFKA_BROKER_PASSWORD)
admin_password=$(password SYNDICATION_KAFKA_ADMIN_PASSWORD)
tls_password=$(password SYNDICATION_KAFKA_TLS_PASSWORD)
host=${SYNDICATION_KAFKA_HOST:-localhost}
port=${SYNDICATION_KAFKA_PORT:-9094}
case $host in
'' | *[!A-Za-z0-9.-]* | -* | .*) fail "SYNDICATION_KAFKA_HOST must be a host name, not '$host'" ;;
esac
case $port in
'' | *[!0-9]*) fail "SYNDICATION_KAFKA_PORT must be a port number, not '$port'" ;;
esac
[ -r "$keystore" ] || fail "cannot read $keystore: the kafka-tls service makes it, or an operator puts it into \
\$SYNDICATION_KAFKA_TLS_DIR (readable by uid 1000)"

# Both files hold passwords and stay in the container, readable by its user only.
umask 077
sed -e "s|@SYNDICATION_KAFKA_BROKER_PASSWORD@|$broker_password|g" \
	-e "s|@SYNDICATION_KAFKA_TLS_PASSWORD@|$tls_password|g" \
	-e "s|@SYNDICATION_KAFKA_HOST@|$host|g" \
	-e "s|@SYNDICATION_KAFKA_PORT@|$port|g" \
	"$template" >"$config"
if grep -q '@[A-Z_]*@' "$config"; then
	fail "$template has a placeholder this script does not fill in: $(grep -o '@[A-Z_]*@' "$config" | head -n 1)"
fi
cat >"$admin_config" <<EOF
bootstrap.servers=localhost:19092
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
EOF
umask 022

if [ ! -f "$data/meta.properties" ]; then
	echo "Formatting $data with the users broker and admin."
	cluster_id=$(/opt/kafka/bin/kafka-storage.sh random-uuid)
	# The broker needs its user to reach the other brokers, and only an authenticated super
	# user can add users, so both exist from the start. They keep these passwords until an
	# administrator changes them with kafka-configs.
	/opt/kafka/bin/kafka-storage.sh format --config "$config" --cluster-id "$cluster_id" --standalone \
		--add-scram "SCRAM-SHA-512=[name=broker,password=$broker_password,iterations=8192]" \
		--add-scram "SCRAM-SHA-512=[name=admin,password=$admin_password,iterations=8192]"
	touch "$secured"
elif [ ! -f "$secured" ]; then
	fail "$data was formatted before Kafka required authentication and has no users. Start afresh \
without it, losing its topics and consumer offsets: docker compose down, then docker volume rm \
<project>_kafka-data (syndication_kafka-data by default)."
fi

exec /opt/kafka/bin/kafka-server-start.sh "$config"
