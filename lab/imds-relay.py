#!/usr/bin/python3
"""The lab's metadata endpoints inside the nodes: one process in the machine's namespaces that
listens INSIDE each node's network namespace (on that node's own lo) and relays each connection,
bytes untouched, to that node's VM listener of the IMDS simulator on the machine's loopback.

IMDS is part of the platform, not of the VM: the relay lives outside the nodes, so it survives
their reboots. Nothing listens on or connects to 169.254.169.254 in the machine's own namespace:
that address exists only on the lo of the lab's node namespaces.

usage: imds-relay.py NETNS_FILE,LISTEN_HOST,LISTEN_PORT,TARGET_PORT ...
  e.g. /run/netns/azl1234-n1,169.254.169.254,80,41001 (target is always 127.0.0.1)
"""
import asyncio
import ctypes
import os
import socket
import sys

CLONE_NEWNET = 0x40000000
# A pass makes a few requests; a hung upstream must not pile up connections forever.
IDLE_TIMEOUT_S = 120
CHUNK = 65536
BACKLOG = 64

libc = ctypes.CDLL(None, use_errno=True)


def setns(fd, what):
    if libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, "setns(%s): %s" % (what, os.strerror(err)))


def listen_in(netns, host, port, home_fd):
    """A listening socket made inside netns (a socket keeps the namespace it was made in);
    then back home, so that upstream connections are made in the machine's namespace."""
    fd = os.open(netns, os.O_RDONLY)
    try:
        setns(fd, netns)
    finally:
        os.close(fd)
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host, int(port)))
        s.listen(BACKLOG)
        s.setblocking(False)
        return s
    finally:
        setns(home_fd, "home")


async def pump(reader, writer):
    try:
        while True:
            data = await asyncio.wait_for(reader.read(CHUNK), IDLE_TIMEOUT_S)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (OSError, asyncio.TimeoutError):
        pass
    finally:
        try:
            writer.write_eof()
        except OSError:
            pass


async def relay(client_reader, client_writer, target_port):
    try:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target_port)
    except OSError:
        # Simulator down: the client sees a closed connection, as with an unreachable IMDS.
        client_writer.close()
        return
    await asyncio.gather(pump(client_reader, up_writer), pump(up_reader, client_writer))
    up_writer.close()
    client_writer.close()


async def serve(sockets):
    servers = []
    for sock, target_port in sockets:
        servers.append(await asyncio.start_server(
            lambda r, w, t=target_port: relay(r, w, t), sock=sock))
    print("imds-relay: ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


def main(specs):
    # Single-threaded until asyncio starts: setns applies to the calling thread only.
    home_fd = os.open("/proc/self/ns/net", os.O_RDONLY)
    sockets = []
    for spec in specs:
        netns, host, port, target = spec.split(",")
        sockets.append((listen_in(netns, host, port, home_fd), int(target)))
    os.close(home_fd)
    asyncio.run(serve(sockets))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
