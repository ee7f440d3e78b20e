#!/bin/bash
apt-get install -y openjdk-21-jre-headless
