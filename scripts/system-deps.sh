#!/usr/bin/env bash
# Installs the Debian packages the test suite and code generation need, when missing:
# protoc and the gRPC Python plugin (stub generation), gRPC and protobuf for /usr/bin/python3
# (the Python client test), etcd (the cluster tests start their own on loopback ports),
# clang-format (the C format check of `npm run lint`) and openssl (scripts/make-test-certs.sh,
# which the TLS tests run). Needs root (apt-get); without it, says what to install and fails.
set -euo pipefail
PACKAGES=(protobuf-compiler protobuf-compiler-grpc python3-grpcio python3-protobuf etcd-server
  clang-format openssl)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
