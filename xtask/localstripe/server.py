"""Starts localstripe's aiohttp app on 127.0.0.1 only (its stock CLI listens
on every interface), on the port given (0 = any free one), and prints
`LISTENING <port>` once it accepts connections. Started and stopped by
`cargo xtask test`."""

import asyncio
import sys

from aiohttp import web
from localstripe import resources
from localstripe.server import app


async def main(port):
    # localstripe pickles its whole store to /tmp after every write; the
    # tests need no persistence, and the file would be shared between runs.
    resources.Store.dump_to_disk = lambda self: None
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host="127.0.0.1", port=port)
    await site.start()
    bound = site._server.sockets[0].getsockname()[1]
    print(f"LISTENING {bound}", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
