"""The few ways Prilika stops on purpose; anything else is a bug worth a traceback."""


class PrilikaError(Exception):
    """A failure the user can fix, told in one sentence."""

    exit_code = 1


class ConfigurationError(PrilikaError):
    """mkdocs.yml, a command line or the environment is wrong (exit status 2)."""

    exit_code = 2
