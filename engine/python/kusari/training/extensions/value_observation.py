"""observe_value / observe_lr: report a value computed from the trainer (the learning rate)."""
from kusari.training import extension


def observe_value(observation_key, target_func):
    """An extension reporting ``target_func(trainer)`` as ``observation_key``, every epoch by default."""
    @extension.make_extension(trigger=(1, "epoch"), priority=extension.PRIORITY_WRITER)
    def _observe_value(trainer):
        trainer.reporter.report({observation_key: target_func(trainer)})
    return _observe_value


def observe_lr(optimizer_name="main", observation_key="lr"):
    """Reports ``optimizer.lr`` (Adam's: the bias-corrected step size alpha_t)."""
    return observe_value(observation_key, lambda trainer: trainer.updater.get_optimizer(optimizer_name).lr)
