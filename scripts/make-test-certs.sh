#!/usr/bin/env bash
# Creates a throwaway certificate authority and certificates signed by it, for tests and local
# trials of lnvmd's TLS and mutual TLS. Never use these in production: the CA key sits beside them.
#
# Usage: scripts/make-test-certs.sh DIR [NAME=IDENTITY ...]
#   DIR        created if missing; receives ca.crt, ca.key, server.crt, server.key and, per
#              client, NAME.crt and NAME.key
#   NAME=IDENTITY
#              a client certificate: an IDENTITY containing "://" (e.g. spiffe://lnvm.test/a)
#              becomes its URI SAN and its CN is NAME; any other IDENTITY becomes the CN only
#              (no SAN). Default: client=spiffe://lnvm.test/client
# The server certificate is valid for DNS:localhost, IP:127.0.0.1 and IP:::1. Keys are ECDSA
# P-256 (fast to generate); certificates last 30 days.
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '5,14p' "$0" >&2
  exit 2
fi
dir=$1
shift
[ $# -gt 0 ] || set -- "client=spiffe://lnvm.test/client"
mkdir -p "$dir"
cd "$dir"
DAYS=30

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# sign NAME SUBJECT EXTENSIONS: NAME.key and a CSR, then NAME.crt signed by the CA.
sign() {
  local name=$1 subject=$2 extensions=$3
  key "$name.key"
  openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
  printf '%s\n' "$extensions" >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days "$DAYS" \
    -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}

key ca.key
openssl req -x509 -new -key ca.key -subj "/CN=lnvmd test CA" -days "$DAYS" -out ca.crt \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

sign server "/CN=localhost" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"

for spec in "$@"; do
  name=${spec%%=*}
  identity=${spec#*=}
  if [ -z "$name" ] || [ "$name" = "$spec" ]; then
    echo "make-test-certs: expected NAME=IDENTITY, got '$spec'" >&2
    exit 2
  fi
  extensions="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
  if [[ $identity == *://* ]]; then
    sign "$name" "/CN=$name" "$extensions
subjectAltName=URI:$identity"
  else
    sign "$name" "/CN=$identity" "$extensions"
  fi
done
rm -f ca.srl
