"""rung: an executable curriculum from vectors to transformers."""

__version__ = "0.1.0"

# ``rung.practice`` is the engine package *and*, called, the notebook helper:
# ``rung.practice("la.matmul.2x2")`` shows a fresh problem in Jupyter. A module
# cannot be called, so the package's class is swapped for a callable subclass the
# first time it is reached through ``rung``; importing it stays cheap (no notebook
# or interface code is loaded until it is called).
import sys as _sys  # noqa: E402
import types as _types  # noqa: E402


class _CallablePackage(_types.ModuleType):
    """``rung.practice`` stays the engine package and, called, opens a notebook exercise."""

    def __call__(self, target, **kwargs):
        from rung.notebook import practice

        return practice(target, **kwargs)


class _RungModule(_types.ModuleType):
    @property
    def practice(self):
        import importlib

        pkg = _sys.modules.get("rung.practice") or importlib.import_module("rung.practice")
        if type(pkg) is _types.ModuleType:
            pkg.__class__ = _CallablePackage
        return pkg

    @practice.setter
    def practice(self, module):  # the import system sets the submodule here; keep it there
        pass


_sys.modules[__name__].__class__ = _RungModule
