#!/bin/sh
set -eu
mkdir -p /opt/orders /var/log/orders
