"""snapshot / snapshot_object: the trainer's (or any object's) state saved with save_npz into
out/, every epoch by default. A trainer snapshot holds 'updater/model:main/...', so
``load_npz(file, model, path='updater/model:main/')`` restores a model from it.

autoload=True loads the newest file matching the filename pattern in out/ at initialize, so a
rerun of the same script resumes where the last snapshot left off. n_retains > 0 keeps only the
newest n_retains matching files.
"""
import os
import re
import tempfile

from kusari import serializers
from kusari.training import extension


def _natural_key(name):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _find_snapshot_files(fmt, path):
    """Files in ``path`` matching ``fmt`` (the text before its first '{' and after its last '}'),
    oldest first: by modification time, then by the numbers in their names."""
    prefix, suffix = fmt.split("{")[0], fmt.split("}")[-1]
    if not os.path.isdir(path):
        return []
    names = [f for f in os.listdir(path) if f.startswith(prefix) and f.endswith(suffix) and
             not f.startswith("tmp" + prefix) and os.path.isfile(os.path.join(path, f))]
    return sorted(names, key=lambda f: (os.stat(os.path.join(path, f)).st_mtime_ns, _natural_key(f)))


class _Snapshot(extension.Extension):
    trigger = 1, "epoch"
    priority = -100

    def __init__(self, target=None, condition=None, filename="snapshot_iter_{.updater.iteration}",
                 snapshot_on_error=False, n_retains=-1, autoload=False, savefun=None):
        self._target = target
        self.filename = filename
        self.condition = condition or (lambda: True)
        self._snapshot_on_error = snapshot_on_error
        self.n_retains = n_retains
        self.autoload = autoload
        self._savefun = savefun or serializers.save_npz

    def initialize(self, trainer):
        if not self.autoload or not isinstance(self.filename, str):
            return
        found = _find_snapshot_files(self.filename, trainer.out)
        if found:
            target = trainer if self._target is None else self._target
            serializers.load_npz(os.path.join(trainer.out, found[-1]), target)

    def __call__(self, trainer):
        if self.condition():
            self._make_snapshot(trainer)

    def on_error(self, trainer, exc, tb):
        if self._snapshot_on_error:
            self._make_snapshot(trainer)

    def _make_snapshot(self, trainer):
        target = trainer if self._target is None else self._target
        name = self.filename.format(trainer) if isinstance(self.filename, str) else self.filename(trainer)
        os.makedirs(trainer.out, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="tmp" + name, dir=trainer.out)
        os.close(fd)
        try:
            self._savefun(tmp, target)
            os.replace(tmp, os.path.join(trainer.out, name))
        except BaseException:
            os.remove(tmp)
            raise
        if self.n_retains > 0 and isinstance(self.filename, str):
            for old in _find_snapshot_files(self.filename, trainer.out)[:-self.n_retains]:
                os.remove(os.path.join(trainer.out, old))


def snapshot(savefun=None, filename="snapshot_iter_{.updater.iteration}", *, target=None, condition=None,
             snapshot_on_error=False, n_retains=-1, autoload=False):
    """An extension saving ``target`` (the trainer by default) to out/filename.format(trainer)."""
    return _Snapshot(target=target, condition=condition, filename=filename, snapshot_on_error=snapshot_on_error,
                     n_retains=n_retains, autoload=autoload, savefun=savefun)


def snapshot_object(target, filename, savefun=None, **kwargs):
    """snapshot() of one object (a model, an optimizer) instead of the whole trainer."""
    return snapshot(savefun, filename, target=target, **kwargs)
