#!/bin/sh
set -eu
useradd --system --no-create-home orders || true
mkdir -p /opt/orders
