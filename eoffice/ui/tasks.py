"""The one background task runner: QRunnables on a QThreadPool, results posted back to the UI thread.

Usage::

    runner.submit(lambda: backend.inbox(actor), on_done=self.show, on_error=self.fail)

A task receives nothing; a *progress* task (``submit_progress``) receives a ``Progress`` it can report to and
poll for cancellation between items. Callbacks run in the UI thread (queued signal connections). *on_error*
receives the exception (as Anki's ``CollectionOp.failure`` and Picard's ``run_task`` pass it): an
``EofficeError`` as raised (``str(exc)`` is the message for the person; ``isinstance(exc, Unavailable)``
tells that the database is away), any other exception wrapped in ``Unexpected``.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from eoffice.domain import EofficeError

ErrorCallback = Callable[[EofficeError], None]


class Unexpected(EofficeError):
    """A bug reached the task runner: the person sees its one-line message; ``__cause__`` is the original."""

    exit_code = 3


class Progress:
    """Handed to a progress task: report(done, total, text) and cancelled()."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the EofficeError
    progress = Signal(int, int, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn: Callable[[], Any] | None = fn
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        # The handle holds the function too. Drop this thread's references before the result is posted: once
        # it is, the UI thread may finish the handle, and the last reference (with the widgets its closure
        # holds) must never go on this thread: a Qt object destroyed here crashes the app.
        fn, self.fn = self.fn, None
        assert fn is not None, "a task runs once"
        outcome: tuple[bool, Any]
        try:
            outcome = (True, fn())
        except EofficeError as exc:
            outcome = (False, _without_frames(exc))
        except Exception as exc:  # a bug must reach the user as a message, never kill the thread silently
            traceback.print_exc()
            message = QCoreApplication.translate("tasks", "Kesalahan tak terduga: {error}")
            wrapped = Unexpected(message.format(error=f"{type(exc).__name__}: {exc}"))
            wrapped.__cause__ = exc
            outcome = (False, _without_frames(wrapped))
        del fn
        ok, value = outcome
        del outcome
        (self.signals.done if ok else self.signals.failed).emit(value)


def _without_frames(exc: EofficeError) -> EofficeError:
    """The exception, its causes and contexts without their tracebacks: a traceback keeps the worker's frames
    (and the widgets their closures hold) alive in a reference cycle, which the garbage collector may then
    break on a worker thread, destroying a Qt object there. The UI needs the exception's type and text."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc


class Handle(QObject):
    """One submitted task. Lives in the UI thread, so its slots (and the callbacks) run there."""

    finished = Signal()

    def __init__(self, runner: TaskRunner, signals: _Signals, progress: Progress | None,
                 on_done: Callable[[Any], None] | None, on_error: ErrorCallback | None) -> None:
        super().__init__(runner)  # owned by the runner (C++ side): never collected inside its own slot
        self.runner = runner
        self.signals = signals
        signals.setParent(self)  # deleted with the handle, in the UI thread
        self.progress = progress
        self.on_done = on_done
        self.on_error = on_error
        self.result: Any = None
        self.error: EofficeError | None = None
        self.on_progress: Callable[[int, int, str], None] | None = None
        self.fn: Callable[[], Any] | None = None
        signals.done.connect(self._done)
        signals.progress.connect(self._progress)
        signals.failed.connect(self._failed)

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()

    def cancelled(self) -> bool:
        return self.progress is not None and self.progress.cancelled()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total, text)

    @Slot(object)
    def _done(self, result: Any) -> None:
        self.result = result
        try:
            if self.on_done is not None and _alive(self.on_done):
                self.on_done(result)
        finally:
            self.runner._finish(self)

    @Slot(object)
    def _failed(self, exc: EofficeError) -> None:
        self.error = exc
        try:
            if self.on_error is not None:
                if _alive(self.on_error):
                    self.on_error(exc)
            else:
                self.runner.error.emit(exc)
        finally:
            self.runner._finish(self)


class as_text:  # noqa: N801 - used like a function: on_error=as_text(label.setText)
    """An on_error for a callback that takes the message text (a label's setText); the widget's liveness is
    still checked (``_alive`` looks at ``__self__``)."""

    def __init__(self, show: Callable[[str], Any]) -> None:
        self.show = show
        self.__self__ = getattr(show, "__self__", None)

    def __call__(self, error: EofficeError) -> None:
        self.show(str(error))


def _alive(callback: Callable[..., Any]) -> bool:
    """False for a method of a widget that has been deleted meanwhile (its window was closed while the task
    ran): its result has nowhere to go."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class TaskRunner(QObject):
    """Every screen's background work goes through here; ``busy_changed`` tells the status bar."""

    busy_changed = Signal(bool)
    error = Signal(object)  # failures nobody handled (the EofficeError)
    task_finished = Signal()

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Handle] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
               on_error: ErrorCallback | None = None) -> Handle:
        signals = _Signals()
        return self._start(Handle(self, signals, None, on_done, on_error), fn)

    def submit_progress(self, fn: Callable[[Progress], Any], on_done: Callable[[Any], None] | None = None,
                        on_error: ErrorCallback | None = None,
                        on_progress: Callable[[int, int, str], None] | None = None) -> Handle:
        signals = _Signals()
        progress = Progress(signals)
        handle = Handle(self, signals, progress, on_done, on_error)
        handle.on_progress = on_progress
        return self._start(handle, lambda: fn(progress))

    def _start(self, handle: Handle, fn: Callable[[], Any]) -> Handle:
        # The handle keeps the function too, so whatever its closure holds (widgets...) is released in the UI
        # thread when the handle goes, never by the worker thread.
        handle.fn = fn
        self._running.add(handle)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        self.pool.start(_Task(fn, handle.signals))
        return handle

    def _finish(self, handle: Handle) -> None:
        self._running.discard(handle)
        handle.deleteLater()  # after the slot that is running now has returned
        handle.finished.emit()
        self.task_finished.emit()
        if not self._running:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
