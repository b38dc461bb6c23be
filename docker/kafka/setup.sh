#!/bin/sh
# The kafka-setup service of docker-compose.yml, run as the administrator once the broker is
# healthy, on every start: gives each service its user (service-users.txt, the password from the
# environment) and its ACLs (service-acls.txt). What is there already stays; a changed password
# replaces the old one. The services start once it has succeeded.
set -eu
here=$(dirname "$0")
. "$here/common.sh"

bootstrap=kafka:19092
users=$here/service-users.txt
acls=$here/service-acls.txt

admin_password=$(password SYNDICATION_KAFKA_ADMIN_PASSWORD)
umask 077
admin_config=$(mktemp)
trap 'rm -f "$admin_config"' EXIT
cat >"$admin_config" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
EOF

# Everything is checked before anything changes.
while read -r user variable rest; do
	case $user in '' | '#'*) continue ;; esac
	[ -n "$variable" ] && [ -z "$rest" ] || fail "$users: '$user $variable $rest' is not 'user variable'"
	case $user in *[!a-z0-9_-]*) fail "$users: '$user' is not a user name" ;; esac
	case $variable in *[!A-Z0-9_]*) fail "$users: '$variable' is not a variable name" ;; esac
	password "$variable" >/dev/null
done <"$users"
while read -r user resource pattern name operations rest; do
	case $user in '' | '#'*) continue ;; esac
	[ -n "$operations" ] && [ -z "$rest" ] || fail "$acls: a line needs user, resource, pattern, name, operations"
	case $resource in topic | group | transactional-id) ;; *) fail "$acls: resource '$resource' is not topic, group or transactional-id" ;; esac
	case $pattern in literal | prefixed) ;; *) fail "$acls: pattern '$pattern' is neither literal nor prefixed" ;; esac
	case $name in '' | *[!A-Za-z0-9._-]*) fail "$acls: '$name' is not a topic, group or transactional id" ;; esac
	case $operations in *[!A-Za-z,]*) fail "$acls: '$operations' are not operations separated by commas" ;; esac
	grep -q "^$user[[:space:]]" "$users" || fail "$acls: $user is not one of the users in $users"
done <"$acls"

while read -r user variable rest; do
	case $user in '' | '#'*) continue ;; esac
	user_password=$(password "$variable")
	/opt/kafka/bin/kafka-configs.sh --bootstrap-server "$bootstrap" --command-config "$admin_config" \
		--alter --entity-type users --entity-name "$user" \
		--add-config "SCRAM-SHA-512=[iterations=8192,password=$user_password]" </dev/null
done <"$users"
while read -r user resource pattern name operations rest; do
	case $user in '' | '#'*) continue ;; esac
	set -- --bootstrap-server "$bootstrap" --command-config "$admin_config" --add \
		--allow-principal "User:$user" "--$resource" "$name" --resource-pattern-type "$pattern"
	for operation in $(printf '%s' "$operations" | tr ',' ' '); do
		set -- "$@" --operation "$operation"
	done
	/opt/kafka/bin/kafka-acls.sh "$@" </dev/null
done <"$acls"
echo "The services' users and ACLs are in place."
