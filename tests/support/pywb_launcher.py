"""Run pywb on 127.0.0.1 at a port the system picks, and print ``PORT <n>`` once it listens.

Run as ``python pywb_launcher.py <directory holding config.yaml>``, always in a
subprocess: pywb patches the standard library with gevent when imported.
"""

from gevent.monkey import patch_all

patch_all()

import os  # noqa: E402 - after gevent's patching, as pywb requires
import sys  # noqa: E402

from gevent.pywsgi import WSGIServer  # noqa: E402
from pywb.apps.frontendapp import FrontEndApp  # noqa: E402
from pywb.utils.geventserver import RequestURIWSGIHandler  # noqa: E402

if __name__ == "__main__":
    root = sys.argv[1]
    os.chdir(root)
    app = FrontEndApp(config_file="config.yaml")
    server = WSGIServer(("127.0.0.1", 0), app, handler_class=RequestURIWSGIHandler, log=None)
    server.init_socket()
    print("PORT", server.address[1], flush=True)
    server.serve_forever()
