#!/usr/bin/env bash
# The project's test command: installs what the tests need on a fresh
# Debian machine (Go modules; Debian's chromium for the diff report test,
# when missing and when run as root), then vets and runs every test with the
# race detector.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
go mod download
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
fi
go vet ./...
go test -race -count=1 ./...
