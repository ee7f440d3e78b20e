#!/bin/sh
set -eu
java -version
