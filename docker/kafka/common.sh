# Shared by the scripts of docker-compose.yml's Kafka services; POSIX sh, sourced, not run.

fail() {
	echo "$0: $*" >&2
	exit 1
}

# Prints the value of the environment variable named $1, a password or certificate store
# password. Refused unless it is 12 or more letters, digits, '.', '_', '~', '+' or '-': it goes
# between double quotes in JAAS lines, into kafka-configs' [key=value,...] syntax and through
# sed, where quotes, commas, brackets, '=', '&', '|', '$' or backslashes would break it.
password() {
	eval "password_value=\${$1:-}"
	case $password_value in
	'') fail "$1 is not set" ;;
	*[!A-Za-z0-9._~+-]*) fail "$1 may hold only letters, digits, '.', '_', '~', '+' and '-'" ;;
	esac
	[ "${#password_value}" -ge 12 ] || fail "$1 needs at least 12 characters"
	printf '%s' "$password_value"
}
