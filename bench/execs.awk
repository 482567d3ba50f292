# Successful execve calls in `strace -f -e trace=execve` output, one path per line. A call that
# strace split ("<unfinished ...>" then "<... execve resumed>") is paired by process id: vfork'd
# children (the JDK's launch mechanism in our wrappers) are always split.
/execve\(/ && /<unfinished \.\.\.>/ {
    if (match($0, /execve\("[^"]*"/)) pending[$1] = substr($0, RSTART + 8, RLENGTH - 9)
    next
}
/<\.\.\. execve resumed>/ {
    if ($0 ~ /= 0$/ && ($1 in pending)) print pending[$1]
    delete pending[$1]
    next
}
/execve\(/ && /= 0$/ {
    if (match($0, /execve\("[^"]*"/)) print substr($0, RSTART + 8, RLENGTH - 9)
}
