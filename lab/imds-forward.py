#!/usr/bin/python3
"""Azure's metadata address inside one lab node: accepts on 169.254.169.254:80 (bound on the
node's own lo, never in the machine's namespace) and relays each connection, bytes untouched, to
this node's VM listener of the IMDS simulator on the lab switch. The Python agents hard-code the
address; ours are pointed at the simulator directly with imds_url.

usage: imds-forward.py LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT
"""
import asyncio
import sys

# A pass makes a handful of requests; a hung upstream must not pile up connections forever.
IDLE_TIMEOUT_S = 120
CHUNK = 65536


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


async def relay(client_reader, client_writer, target):
    try:
        up_reader, up_writer = await asyncio.open_connection(*target)
    except OSError:
        # Simulator down: the client sees a reset connection, as with an unreachable IMDS.
        client_writer.close()
        return
    await asyncio.gather(pump(client_reader, up_writer), pump(up_reader, client_writer))
    up_writer.close()
    client_writer.close()


async def main(listen_host, listen_port, target_host, target_port):
    target = (target_host, int(target_port))
    server = await asyncio.start_server(
        lambda r, w: relay(r, w, target), listen_host, int(listen_port))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    asyncio.run(main(*sys.argv[1:]))
