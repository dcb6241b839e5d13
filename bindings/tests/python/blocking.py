"""`CrmStore` for the synchronous unittest suites: the generated class, each of whose async
methods (coroutine functions, as an app awaits them) is run to its end on a fresh event loop.
Everything else (constructors, records, errors) is the generated module's own."""

import asyncio
import functools
import inspect

import crm_ffi


class CrmStore:
    """A `crm_ffi.CrmStore` whose async methods return their result instead of a coroutine."""

    def __init__(self, path=None, *, store=None):
        self._store = store if store is not None else crm_ffi.CrmStore(path)

    @classmethod
    def open_in_memory(cls):
        return cls(store=crm_ffi.CrmStore.open_in_memory())

    @classmethod
    def open_read_only(cls, path):
        return cls(store=crm_ffi.CrmStore.open_read_only(path))

    def __getattr__(self, name):
        attr = getattr(self._store, name)
        if not inspect.iscoroutinefunction(attr):
            return attr

        @functools.wraps(attr)
        def run(*args, **kwargs):
            return asyncio.run(attr(*args, **kwargs))

        return run
