#!/usr/bin/env bash
# Makes the testbed's PKI with openssl: a CA, the API server's serving cert, an admin client cert
# (O=system:masters) and the service-account signing key pair. Kept across restarts.
source "$(dirname "$0")/lib.sh"

require_tools
pki="$TB/pki"
[ -f "$pki/admin.crt" ] && exit 0
mkdir -p "$pki"; cd "$pki"

q() { openssl "$@" >/dev/null 2>&1 || die "openssl $1 failed"; }
q req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=meshwatch-testbed-ca"

sign() { # name subject [extfile]
  q req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2"
  if [ -n "${3:-}" ]; then
    q x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days 3650 -extfile "$3"
  else
    q x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days 3650
  fi
  rm -f "$1.csr"
}

cat >apiserver.ext <<'EXT'
subjectAltName = IP:127.0.0.1, IP:10.96.0.1, DNS:localhost, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local
extendedKeyUsage = serverAuth
EXT
sign apiserver "/CN=kube-apiserver" apiserver.ext
printf 'extendedKeyUsage = clientAuth\n' >client.ext
sign admin "/O=system:masters/CN=meshwatch-admin" client.ext
q genrsa -out sa.key 2048
q rsa -in sa.key -pubout -out sa.pub
chmod 600 ./*.key
