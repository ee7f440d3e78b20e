echo packages
