# The start-up archive is built on the node, so rpm does not know it: remove it with the
# package ($1 is 0 on erase, 1 on upgrade, where %posttrans builds it again).
if [ "$1" = 0 ]; then
    rm -f /usr/lib/azevents/azevents.jsa /usr/lib/azevents/azevents.jsa.new
fi
