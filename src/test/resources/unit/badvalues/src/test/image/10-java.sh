#!/bin/bash
java -version
