#!/bin/sh
set -eu
mkdir -p /opt/orders
