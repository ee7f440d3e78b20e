#!/bin/sh
set -eu
id orders
test -d /opt/orders
