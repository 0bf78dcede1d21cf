#!/usr/bin/env bash
# The project's test command: installs what the tests need on a fresh
# Debian machine (Go modules; Debian's chromium for the diff report test,
# when missing and when run as root; DuckDB's Node API from npm, which reads
# the Parquet tables back as users do), then vets and runs every test with
# the race detector.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
go mod download
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
fi
if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
	duck=.cache/duckdb/node_modules/@duckdb/node-api
	if [ ! -f "$duck/package.json" ]; then
		npm install --prefix .cache/duckdb --no-save --no-audit --no-fund --silent @duckdb/node-api@1.5.6-r.1
	fi
	export ZHENGCE_DUCKDB="$PWD/$duck"
fi
go vet ./...
go test -race -count=1 ./...
