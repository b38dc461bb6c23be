#!/bin/sh
# The kafka-tls service of docker-compose.yml, run once before the broker on every start: makes
# sure DIR (default /tls, the host directory $SYNDICATION_KAFKA_TLS_DIR) holds the keystore of
# the EXTERNAL listener.
#
# A keystore an operator put there (kafka.keystore.p12, PKCS12, key and certificate protected by
# $SYNDICATION_KAFKA_TLS_PASSWORD) is used as it is. Otherwise this script is a small local
# certificate authority:
#   ca.p12              its key, readable by root only; kept, so that a new server certificate
#                       is signed by the same authority and clients need no new ca.pem
#   ca.pem              its certificate, for clients: Java (ssl.truststore.type=PEM) and
#                       librdkafka (ssl.ca.location) alike. Public.
#   kafka.keystore.p12  the broker's key and certificate for $SYNDICATION_KAFKA_HOST, localhost,
#                       kafka and 127.0.0.1, readable by the broker's user (uid 1000) only
# The certificate is issued again when $SYNDICATION_KAFKA_HOST changes, or when
# kafka.keystore.p12 is deleted (it is valid for 825 days). issued-for tells this script's
# keystore from an operator's.
# Needs keytool (the apache/kafka image has it) and root, to hand the keystore to uid 1000.
set -eu
. "$(dirname "$0")/common.sh"

dir=${1:-/tls}
host=${SYNDICATION_KAFKA_HOST:-localhost}
store_password=$(password SYNDICATION_KAFKA_TLS_PASSWORD)
keystore=$dir/kafka.keystore.p12
issued_for=$dir/issued-for
broker_uid=1000

case $host in
'' | *[!A-Za-z0-9.-]* | -* | .*) fail "SYNDICATION_KAFKA_HOST must be a host name, not '$host'" ;;
esac
[ -d "$dir" ] || fail "$dir is not a directory"

checksum() {
	sha256sum <"$1" | cut -d ' ' -f 1
}

# issued-for names the host and the checksum of the keystore this script made; any other
# keystore is the operator's and stays as it is.
if [ -f "$keystore" ]; then
	# Said here rather than in the broker's log, among its start-up lines.
	keytool -list -keystore "$keystore" -storetype PKCS12 -storepass "$store_password" >/dev/null 2>&1 ||
		fail "$keystore does not open with SYNDICATION_KAFKA_TLS_PASSWORD. Set the password it was made with, \
or delete kafka.keystore.p12 (ca.p12 and ca.pem too if it was made here) to have a new one made."
	if [ ! -f "$issued_for" ] || [ "$(sed -n 2p "$issued_for")" != "$(checksum "$keystore")" ]; then
		echo "Using the operator's $keystore."
		exit 0
	fi
	if [ "$(sed -n 1p "$issued_for")" = "$host" ]; then
		echo "Using $keystore, issued for $host."
		exit 0
	fi
	echo "$keystore was issued for $(sed -n 1p "$issued_for"), not $host: issuing a new one."
	rm -f "$keystore"
fi

work=$(mktemp -d "$dir/.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
umask 077

if [ ! -f "$dir/ca.p12" ]; then
	echo "Creating a certificate authority in $dir/ca.p12."
	keytool -genkeypair -alias ca -keyalg RSA -keysize 3072 -validity 3650 \
		-dname "CN=Syndication Kafka CA $(date -u +%Y%m%d%H%M%S)" -ext bc:c -ext KU=keyCertSign,cRLSign \
		-storetype PKCS12 -keystore "$work/ca.p12" -storepass "$store_password" -keypass "$store_password"
	mv "$work/ca.p12" "$dir/ca.p12"
	rm -f "$dir/ca.pem"
fi
if [ ! -f "$dir/ca.pem" ]; then
	keytool -exportcert -rfc -alias ca -keystore "$dir/ca.p12" -storetype PKCS12 -storepass "$store_password" \
		-file "$work/ca.pem"
	chmod 644 "$work/ca.pem"
	mv "$work/ca.pem" "$dir/ca.pem"
fi

echo "Issuing the broker's certificate for $host."
keytool -genkeypair -alias kafka -keyalg RSA -keysize 3072 -validity 825 -dname "CN=$host" \
	-storetype PKCS12 -keystore "$work/kafka.keystore.p12" -storepass "$store_password" -keypass "$store_password"
keytool -certreq -alias kafka -keystore "$work/kafka.keystore.p12" -storepass "$store_password" \
	-file "$work/kafka.csr"
keytool -gencert -rfc -alias ca -keystore "$dir/ca.p12" -storetype PKCS12 -storepass "$store_password" \
	-validity 825 -infile "$work/kafka.csr" -outfile "$work/kafka.pem" \
	-ext "SAN=dns:$host,dns:localhost,dns:kafka,ip:127.0.0.1" -ext KU=digitalSignature,keyEncipherment \
	-ext EKU=serverAuth
# The signed certificate replaces the self-signed one once keytool trusts its issuer; the
# authority's entry goes again afterwards, the key entry keeps the whole chain.
keytool -importcert -noprompt -alias ca -file "$dir/ca.pem" -keystore "$work/kafka.keystore.p12" \
	-storepass "$store_password"
keytool -importcert -noprompt -alias kafka -file "$work/kafka.pem" -keystore "$work/kafka.keystore.p12" \
	-storepass "$store_password"
keytool -delete -alias ca -keystore "$work/kafka.keystore.p12" -storepass "$store_password"

chown "$broker_uid:$broker_uid" "$work/kafka.keystore.p12"
chmod 600 "$work/kafka.keystore.p12"
# issued-for first: a keystore without it would pass for the operator's own.
printf '%s\n%s\n' "$host" "$(checksum "$work/kafka.keystore.p12")" >"$work/issued-for"
chmod 644 "$work/issued-for"
mv "$work/issued-for" "$issued_for"
mv "$work/kafka.keystore.p12" "$keystore"
chmod 755 "$dir"
echo "Clients trust $dir/ca.pem (on the host: \${SYNDICATION_KAFKA_TLS_DIR:-./data/compose/kafka-tls}/ca.pem)."
