#!/bin/sh
set -eu
useradd --system --no-create-home orders || true
chown -R orders "$APP_HOME"
