# Build the start-up archive for the Java runtime the node has now (never fails).
/usr/lib/azevents/rebuild-archive
